import Arguments
import Boards
import ImageBuilder

/// `kiln image inspect IMAGE`: what an image holds, read back without changing it.
struct ImageInspectCommand: Command {
    static let description = CommandDescription(
        name: "inspect",
        abstract: "Show an image's partitions, filesystems, bootloader blobs, U-Boot environment and slot states.",
        discussion: "Without --board, the board whose partition layout the image matches is used, if exactly one does.",
        arguments: BoardSearchOptions.arguments + [
            .option("board", value: "name", help: "The image's board: a name or a board file."),
            .flag("json", help: "Print JSON."),
            .positional("image", help: "The disk image (or block device) to read."),
        ])

    var search: BoardSearchOptions
    var board: String?
    var json: Bool
    var image: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        search = try BoardSearchOptions(arguments)
        board = try arguments.value("board")
        json = arguments.flag("json")
        image = try arguments.required("image")
    }

    func run() throws {
        try reportingFailures {
            let inspector: ImageInspector, table: ImageInspection.Table
            do throws(ImageBuildError) {
                inspector = try ImageInspector(path: image)
                table = try inspector.partitionTable()
            } catch {
                throw Failure(error.description)
            }
            let chosen = try chosenBoard(for: table)
            let inspection: ImageInspection
            do throws(ImageBuildError) { inspection = try inspector.inspect(board: chosen) } catch { throw Failure(error.description) }
            if json { try printJSON(inspection) } else { print(InspectionDescription(inspection: inspection).rendered) }
        }
    }

    /// `--board`, else the one catalog board whose layout matches.
    private func chosenBoard(for table: ImageInspection.Table) throws -> Board? {
        if let board { return try search.board(board) }
        let matches = try search.catalog().entries.compactMap { try? $0.result.get() }
            .filter { ImageInspector.layout(table, matches: $0) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// The text form of an inspection.
struct InspectionDescription {
    var inspection: ImageInspection

    var rendered: String {
        let table = inspection.partitionTable
        var lines = ["\(inspection.path): \(ByteSize(inspection.size)), \(ByteSize(inspection.allocatedBytes)) allocated, "
                     + "\(table.kind) \(table.diskIdentifier)" + (inspection.board.map { ", board \($0)" } ?? ", board unknown (use --board)"), ""]
        lines.append(TextTable(header: ["#", "NAME", "START", "SIZE", "FS", "LABEL", "PARTUUID"], rows: table.partitions.map {
            [String($0.number), $0.name ?? "-", ByteSize($0.start).hex, ByteSize($0.size).description, $0.filesystem ?? "-",
             $0.label ?? "-", $0.partUUID]
        }).rendered)
        if !inspection.blobs.isEmpty {
            lines += ["", "Bootloader regions:"]
            lines += inspection.blobs.map { blob in
                "  \(blob.file) at \(ByteSize(blob.offset).hex): "
                    + (blob.sha256.map { "\(blob.dataSize) bytes, sha256 \($0)" } ?? "empty")
            }
        }
        if let environment = inspection.environment {
            lines += ["", "U-Boot environment (\(environment.location))" + (environment.copy.map { ", copy \($0)" } ?? ": not valid")]
            lines += environment.problems.map { "  problem: \($0)" }
            lines += environment.variables.map { "  \($0.name)=\($0.value)" }
        }
        if !inspection.slots.isEmpty {
            lines += ["", "Slots:"]
            lines += inspection.slots.map {
                "  \($0.name) (\($0.partition)): " + ($0.priority.map { "priority \($0)" } ?? "not in BOOT_ORDER")
                    + ", " + ($0.attemptsLeft.map { "\($0) attempts left" } ?? "no attempt count")
            }
        }
        return lines.joined(separator: "\n")
    }
}
