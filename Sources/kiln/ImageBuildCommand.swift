import Arguments
import Boards
import FoundationEssentials
import ImageBuilder

/// `kiln image build`: one flashable A/B disk image from a board and its inputs.
struct ImageBuildCommand: Command {
    static let description = CommandDescription(
        name: "build",
        abstract: "Build a flashable A/B disk image (rootless, reproducible, sparse).",
        discussion: """
            Timestamps and derived identifiers (GUIDs, filesystem UUIDs) come from SOURCE_DATE_EPOCH \
            (or --source-date-epoch): the same inputs and epoch give a bit-identical image.
            """,
        arguments: BoardSearchOptions.arguments + [
            .option("board", value: "name", required: true, help: "The board: a name from `kiln boards list`, or a board file."),
            .option("rootfs", value: "path", required: true,
                    help: "Slot A's root filesystem: a tar (plain, .gz, .xz, .zst) or a directory."),
            .option("kernel", value: "path", required: true, help: "The arm64 kernel Image."),
            .option("dtbs", value: "dir", help: "A kernel's dtbs tree; the board names its DTB in it."),
            .option("bootloader", value: "dir", help: "The board's U-Boot files by name."),
            .option("firmware", value: "dir", help: "The Raspberry Pi firmware files."),
            .option("initrd", value: "path", help: "An initramfs to use instead of Kiln's own."),
            .option("modules", value: "dir", help: "A lib/modules/VERSION tree for Kiln's initramfs (default: the rootfs's)."),
            .option("busybox", value: "path",
                    help: "A static arm64 busybox for Kiln's initramfs (default: the rootfs's /bin/busybox)."),
            .option("output", value: "path", required: true, help: "The image file to write."),
            .option("size", value: "size", help: "The image size, e.g. 4GiB (default: the board's)."),
            .option("source-date-epoch", value: "seconds",
                    help: "Seconds since 1970 for timestamps and identifiers (default: SOURCE_DATE_EPOCH, else now)."),
            .option("name", value: "name", help: "Names the image in its derived identifiers (default: the board's name)."),
            .flag("bmap", help: "Also write OUTPUT.bmap for bmaptool."),
            .option("compress", value: "zstd|xz", values: ImageCompression.argumentValues,
                    help: "Also write a compressed copy beside the image."),
            .flag("dry-run", help: "Print the plan (every region, partition and file) without writing anything."),
            .flag("json", help: "Print JSON."),
        ])

    var search: BoardSearchOptions
    var board: String
    var rootfs: String
    var kernel: String
    var dtbs: String?
    var bootloader: String?
    var firmware: String?
    var initrd: String?
    var modules: String?
    var busybox: String?
    var output: String
    var size: String?
    var sourceDateEpoch: Int64?
    var name: String?
    var bmap: Bool
    var compress: ImageCompression?
    var dryRun: Bool
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        search = try BoardSearchOptions(arguments)
        board = try arguments.required("board")
        rootfs = try arguments.required("rootfs")
        kernel = try arguments.required("kernel")
        dtbs = try arguments.value("dtbs")
        bootloader = try arguments.value("bootloader")
        firmware = try arguments.value("firmware")
        initrd = try arguments.value("initrd")
        modules = try arguments.value("modules")
        busybox = try arguments.value("busybox")
        output = try arguments.required("output")
        size = try arguments.value("size")
        sourceDateEpoch = try arguments.value("source-date-epoch")
        name = try arguments.value("name")
        bmap = arguments.flag("bmap")
        compress = try arguments.value("compress")
        dryRun = arguments.flag("dry-run")
        json = arguments.flag("json")
    }

    func run() throws {
        try reportingFailures {
            let request = ImageRequest(
                board: try search.board(board),
                inputs: ImageInputs(rootfs: rootfs, kernel: kernel, dtbs: dtbs, bootloader: bootloader, firmware: firmware,
                                    initrd: initrd, modules: modules, busybox: busybox),
                output: output, imageSize: try imageSize(), sourceDateEpoch: try epoch(), imageName: name,
                blockMap: bmap, compression: compress)
            let plan: ImagePlan
            do throws(ImageBuildError) { plan = try ImagePlan(request: request) } catch { throw Failure(error.description) }
            if dryRun {
                if json { try printJSON(PlanReport(plan: plan)) } else { print(PlanReport(plan: plan).rendered) }
                return
            }
            let bar = ProgressBar()
            let result: ImageBuildResult
            do throws(ImageBuildError) {
                result = try ImageBuild(plan: plan).run { bar.update(step: $0.step, completed: $0.completed, total: $0.total) }
            } catch {
                bar.finishLine()
                throw Failure(error.description)
            }
            bar.finishLine()
            if json { try printJSON(BuildReport(result: result, plan: plan)) } else { print(BuildReport(result: result, plan: plan).rendered) }
        }
    }

    private func imageSize() throws -> UInt64? {
        guard let size else { return nil }
        guard let parsed = ByteSize(parsing: size) else { throw Failure("--size \(size): not a size (e.g. 2GiB, 512MiB, 0x80000000)") }
        return parsed.bytes
    }

    private func epoch() throws -> Int64 {
        if let sourceDateEpoch { return sourceDateEpoch }
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return Int64(Date().timeIntervalSince1970) }
        guard let value = Int64(text), value >= 0 else { throw Failure("SOURCE_DATE_EPOCH=\(text): not a number of seconds") }
        return value
    }
}

extension ImageCompression: ArgumentValue {}
