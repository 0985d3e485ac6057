import Boards
import UBoot

extension ImagePlanner {
    /// Where a slot keeps what U-Boot loads.
    static let initrdPath = "boot/initrd.img"

    /// The selection logic for the board's slots, with their partition numbers and PARTUUIDs.
    func bootCommand() throws(ImageBuildError) -> SlotBootCommand {
        var slots: [SlotBootCommand.Slot] = []
        for partition in board.slots {
            let number = partitionNumber(partition)
            guard let name = partition.slot, let uuid = table.partUUID(ofPartition: number) else { continue }
            slots.append(.init(name: name, partition: number, partUUID: uuid))
        }
        let device = board.bootloader.device.split(separator: " ", maxSplits: 1).map(String.init)
        let persistence: SlotBootCommand.Persistence
        let location = board.bootloader.environment
        switch (location.loader, location.storage) {
        case (.bootScript, .fatFile(let partitionName, let file, _)):
            let partition = board.partitions.first { $0.name == partitionName }!
            persistence = .fatFile(partition: partitionNumber(partition), file: file, size: location.size.bytes)
        default:
            persistence = .saveEnvironment
        }
        return SlotBootCommand(
            slots: slots, deviceType: device.first ?? "mmc", deviceNumber: device.count > 1 ? device[1] : "0",
            kernelPath: "/boot/" + board.kernel.image, deviceTreePath: deviceTreeName.map { "/boot/" + $0 },
            initrdPath: "/" + Self.initrdPath, arguments: kernelArguments, attempts: board.bootloader.bootAttempts,
            persistence: persistence)
    }

    /// The command line before `root=` and `kiln.slot=`.
    var kernelArguments: [String] {
        ["console=\(board.kernel.console)", "rootwait", "rw"] + board.kernel.arguments
    }

    /// The DTB's file name in a slot's `/boot`.
    var deviceTreeName: String? {
        board.deviceTree.dtb.map { String($0.split(separator: "/").last ?? Substring($0)) }
    }

    /// Kernel, DTB (checked to be the board's, with slot A's command line in `/chosen`) and initramfs.
    func planSlotFiles(command: SlotBootCommand) throws(ImageBuildError) -> [ImagePlan.SlotFile] {
        _ = try InputFile.size(option: "--kernel", path: request.inputs.kernel)
        var files = [ImagePlan.SlotFile(path: "boot/" + board.kernel.image, origin: .file(request.inputs.kernel))]
        if let dtb = board.deviceTree.dtb, let name = deviceTreeName {
            let path = InputFile.join(try directory(.dtbs, neededFor: "its device tree \(dtb)"), dtb)
            var tree = try BoardDeviceTree(board: board, blob: try InputFile.read(option: "--dtbs", path: path), file: path)
            if let slot = command.slots.first {
                try tree.setBootargs((command.arguments + ["root=PARTUUID=\(slot.partUUID)", "kiln.slot=\(slot.name)"]).joined(separator: " "))
            }
            files.append(.init(path: "boot/" + name, origin: .bytes(tree.tree.blob)))
        }
        if let initrd = request.inputs.initrd {
            _ = try InputFile.size(option: "--initrd", path: initrd)
            files.append(.init(path: Self.initrdPath, origin: .file(initrd)))
        } else {
            if let busybox = request.inputs.busybox { _ = try InputFile.size(option: "--busybox", path: busybox) }
            if let modules = request.inputs.modules { try InputFile.directory(option: "--modules", path: modules) }
            files.append(.init(path: Self.initrdPath, origin: .kilnInitramfs(
                busybox: request.inputs.busybox, modules: request.inputs.modules, requested: board.kernel.modules)))
        }
        return files
    }

    /// Every ext4 partition: the first slot gets the root filesystem, the others start empty.
    func planExt4Partitions(slotFiles: [ImagePlan.SlotFile]) throws(ImageBuildError) -> [ImagePlan.Ext4Partition] {
        let rootfs = request.inputs.rootfs
        let kind = try InputFile.kind(option: "--rootfs", path: rootfs).kind
        guard kind != .other else { throw .invalidInput(option: "--rootfs", path: rootfs, reason: "neither a tar file nor a directory") }
        let firstSlot = board.slots.first?.name
        var planned: [ImagePlan.Ext4Partition] = []
        for partition in board.partitions where partition.filesystem == .ext4 {
            let uuid = try derived("ext4-uuid\0" + partition.name, count: 16)
            let seed = try derived("ext4-hash-seed\0" + partition.name, count: 16)
            let contents: ImagePlan.Ext4Partition.Contents = partition.name == firstSlot
                ? .rootfs(source: rootfs, isDirectory: kind == .directory, boot: slotFiles) : .empty
            planned.append(.init(partition: partition, label: String(partition.name.prefix(16)), uuid: uuid, hashSeed: seed, contents: contents))
        }
        return planned
    }

    func derived(_ purpose: String, count: Int) throws(ImageBuildError) -> [UInt8] {
        try DiskIdentity.derivedBytes(board: board, imageName: request.imageName, sourceDateEpoch: epoch, purpose: purpose, count: count)
    }
}
