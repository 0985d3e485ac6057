import Boards

/// A board for people: its facts, then a map of the disk sorted by offset.
struct BoardDescription {
    var board: Board
    var path: String
    var origin: BoardOrigin

    var rendered: String {
        var lines = [
            "\(board.name): \(board.description)",
            "  file:        \(path) (\(origin.rawValue))",
            "  arch, SoC:   \(board.architecture.rawValue), \(board.soc)",
            "  compatible:  \(board.deviceTree.compatible.joined(separator: ", "))",
            "  dtb:         \(board.deviceTree.dtb ?? "(supplied by the firmware or emulator)")",
            "  kernel:      \(board.kernel.image), console=\(board.kernel.console)",
            "  modules:     \(board.kernel.modules.joined(separator: " "))",
            "  storage:     \(board.storage.device), \(board.storage.partitionTable.rawValue.uppercased()), "
                + "\(board.storage.sectorSize)-byte sectors, \(board.storage.imageSize) image",
            "  environment: \(environment)",
            "  network:     wan \(list(board.network.wan)), lan \(list(board.network.lan))",
        ]
        if let emulator = board.emulator {
            lines.append("  emulator:    qemu -M \(emulator.machine) -cpu \(emulator.cpu) -m \(emulator.memory)"
                + (emulator.bios.map { " -bios \($0)" } ?? ""))
        }
        lines += ["", "Disk layout:", layout]
        if !board.bootFiles.isEmpty {
            lines += ["", "Boot partition files:"]
            lines += board.bootFiles.map { "  \($0.path)  ←  \(origin(of: $0))" }
        }
        return lines.joined(separator: "\n")
    }

    private var environment: String {
        let environment = board.bootloader.environment
        switch environment.storage {
        case .raw(let offset, let redundant):
            return "raw at \(offset.hex), \(environment.size.hex) bytes" + (redundant.map { ", copy at \($0.hex)" } ?? "")
        case .fatFile(let partition, let file, let redundant):
            return "file \(file) on partition '\(partition)', \(environment.size.hex) bytes"
                + (redundant.map { ", copy in \($0)" } ?? "")
        }
    }

    private var layout: String {
        let rows = board.regions().sorted { $0.range.start < $1.range.start }.map { region -> [String] in
            var what = "\(region.kind.rawValue) \(region.name)"
            if region.kind == .partition, let index = board.partitions.firstIndex(where: { $0.name == region.name }) {
                let partition = board.partitions[index]
                what = "partition \(index + 1) \(partition.name): \(partition.filesystem.rawValue), \(partition.role.rawValue)"
                    + (partition.slot.map { " \($0)" } ?? "")
            }
            return ["  " + ByteSize(region.range.start).hex, ByteSize(region.range.length).description, what]
        }
        return TextTable(header: ["  OFFSET", "SIZE", "REGION"], rows: rows).rendered
    }

    private func origin(of file: BootFile) -> String {
        switch file.origin {
        case .input(let input, let path): "\(input.rawValue)/\(path)"
        case .content(let text): "text (\(text.split(separator: "\n").count) lines)"
        }
    }

    private func list(_ names: [String]) -> String { names.isEmpty ? "-" : names.joined(separator: " ") }
}
