import Boards
import UBoot

extension ImageInspector {
    /// Recognises FAT (boot sector with a FAT type string) and ext2/3/4 (superblock magic) at the partition's start.
    func identifyFilesystem(_ partition: inout ImageInspection.Partition) throws(ImageBuildError) {
        let head = try read(partition.start, 2048)
        guard head.count == 2048 else { return }
        let superblock = Array(head[1024...])
        if superblock[56] == 0x53, superblock[57] == 0xEF {
            let incompatible = superblock.loadLittleEndian(UInt32.self, at: 96)
            let compatible = superblock.loadLittleEndian(UInt32.self, at: 92)
            partition.filesystem = incompatible & 0x40 != 0 ? "ext4" : compatible & 0x4 != 0 ? "ext3" : "ext2"
            partition.label = Self.text(Array(superblock[120..<136]))
            partition.uuid = GUID(bytes: Array(superblock[104..<120])).description
        } else if head[510] == 0x55, head[511] == 0xAA,
                  Array(head[82..<87]) == Array("FAT32".utf8) || Array(head[54..<57]) == Array("FAT".utf8) {
            partition.filesystem = "vfat"
            let base = partition.start
            if let reader = try? FATReader(read: { offset, count in try self.read(base + offset, count) }) {
                partition.label = reader.label.isEmpty ? nil : reader.label
                let serial = MBR.hex(reader.serial, digits: 8).uppercased()
                partition.uuid = serial.prefix(4) + "-" + serial.suffix(4)
            }
        }
    }

    /// The board's environment, read as U-Boot would: the valid copy (the newer one when redundant).
    func readEnvironment(board: Board, table: ImageInspection.Table) throws(ImageBuildError) -> ImageInspection.Environment? {
        let location = board.bootloader.environment
        let size = Int(location.size.bytes)
        var copies: [[UInt8]] = []
        var described = ""
        switch location.storage {
        case .raw(let offset, let redundant):
            for copyOffset in [offset, redundant].compactMap({ $0 }) { copies.append(try read(copyOffset.bytes, size)) }
            described = "raw at \(offset.hex)" + (redundant.map { " and \($0.hex)" } ?? "")
        case .fatFile(let partitionName, let file, let redundant):
            guard let index = board.partitions.firstIndex(where: { $0.name == partitionName }),
                  let partition = table.partitions.first(where: { $0.number == index + 1 }) else { return nil }
            guard let reader = try? FATReader(read: { offset, count in try self.read(partition.start + offset, count) }) else {
                return .init(location: "\(partitionName):\(file)", copy: nil, problems: ["partition '\(partitionName)' holds no FAT filesystem"], variables: [])
            }
            for name in [file] + (redundant.map { [$0] } ?? []) {
                copies.append((try? reader.readFile(name)) ?? [])
            }
            described = "\(partitionName):\(file)" + (redundant.map { " and \($0)" } ?? "")
        }
        do {
            let configuration = try EnvironmentConfiguration(
                EnvironmentCopyLocation(device: path, offset: 0, size: size),
                redundant: copies.count == 2 ? EnvironmentCopyLocation(device: path, offset: UInt64(size), size: size) : nil)
            let state = try EnvironmentStore(configuration: configuration).select(copies)
            return .init(location: described, copy: state.copyIndex, problems: state.rejected.map(\.description),
                         variables: state.environment.variables.map { .init(name: $0.name, value: $0.value) })
        } catch {
            return .init(location: described, copy: nil, problems: ["\(error)"], variables: [])
        }
    }

    /// A NUL-padded on-disk string.
    static func text(_ bytes: [UInt8]) -> String? {
        let trimmed = bytes.prefix { $0 != 0 }
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }
}
