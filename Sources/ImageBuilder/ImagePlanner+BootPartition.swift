import Boards
import UBoot

extension ImagePlanner {
    /// Every FAT partition; the boot partition gets the board's boot files, `boot.scr`, the environment
    /// file(s) when the environment lives there, and the firmware's command-line file.
    func planFATVolumes(command: SlotBootCommand, environment: ImagePlan.Environment) throws(ImageBuildError) -> [ImagePlan.FATPartition] {
        var volumes: [ImagePlan.FATPartition] = []
        for partition in board.partitions where partition.filesystem == .vfat {
            var entries: [FATEntry] = []
            if partition.role == .boot { entries = try bootEntries(command: command) }
            if case .fatFile(let name, let files) = environment.placement, name == partition.name {
                for (file, copy) in zip(files, try environment.copies()) { entries.append(FATEntry(path: file, contents: .bytes(copy))) }
            }
            let serialBytes = try derived("fat-serial\0" + partition.name, count: 16).prefix(4)
            let volume = FATVolume(
                size: partition.size.bytes, label: String(partition.name.uppercased().prefix(11)),
                serial: serialBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) },
                timestamp: FATTimestamp(secondsSinceEpoch: request.sourceDateEpoch),
                hiddenSectors: UInt32(clamping: partition.offset.bytes / board.storage.sectorSize), entries: entries)
            do {
                _ = try FATPlan(volume: volume)  // fails now, before the image exists, when the files do not fit
            } catch {
                throw .bootPartition(error)
            }
            volumes.append(.init(partition: partition, volume: volume))
        }
        if case .fatFile(let name, _) = environment.placement, !volumes.contains(where: { $0.partition.name == name }) {
            throw .environment(reason: "partition '\(name)' is not a FAT partition Kiln writes")
        }
        return volumes
    }

    private func bootEntries(command: SlotBootCommand) throws(ImageBuildError) -> [FATEntry] {
        var entries: [FATEntry] = []
        for file in board.bootFiles {
            switch file.origin {
            case .content(let text):
                entries.append(FATEntry(path: file.path, contents: .bytes(Array(text.utf8))))
            case .input(let input, let path):
                let source = InputFile.join(try directory(input, neededFor: "\(input.rawValue)/\(path) for \(file.path)"), path)
                _ = try InputFile.size(option: request.inputs.directory(for: input).option, path: source)
                entries.append(FATEntry(path: file.path, contents: .file(path: source)))
            }
        }
        let script = LegacyScriptImage(name: "Kiln A/B boot", script: command.script,
                                       timestamp: UInt32(clamping: request.sourceDateEpoch))
        entries.append(FATEntry(path: "boot.scr", contents: .bytes(try scriptBytes(script))))
        if let file = board.kernel.commandLineFile, let slot = command.slots.first {
            let line = (command.arguments + ["root=PARTUUID=\(slot.partUUID)", "kiln.slot=\(slot.name)"]).joined(separator: " ")
            entries.append(FATEntry(path: file, contents: .bytes(Array((line + "\n").utf8))))
        }
        return entries
    }

    private func scriptBytes(_ script: LegacyScriptImage) throws(ImageBuildError) -> [UInt8] {
        do {
            return try script.encoded()
        } catch {
            throw .environment(reason: "boot.scr: \(error)")
        }
    }
}
