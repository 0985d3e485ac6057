import ArgumentParser
import Boards
import FoundationEssentials
import ImageBuilder

/// `kiln image build`: one flashable A/B disk image from a board and its inputs.
struct ImageBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a flashable A/B disk image (rootless, reproducible, sparse).",
        discussion: """
            Timestamps and derived identifiers (GUIDs, filesystem UUIDs) come from SOURCE_DATE_EPOCH \
            (or --source-date-epoch): the same inputs and epoch give a bit-identical image.
            """)

    @OptionGroup var search: BoardSearchOptions
    @Option(help: ArgumentHelp("The board: a name from `kiln boards list`, or a board file.", valueName: "name"))
    var board: String
    @Option(help: ArgumentHelp("Slot A's root filesystem: a tar (plain, .gz, .xz, .zst) or a directory.", valueName: "path"))
    var rootfs: String
    @Option(help: ArgumentHelp("The arm64 kernel Image.", valueName: "path")) var kernel: String
    @Option(help: ArgumentHelp("A kernel's dtbs tree; the board names its DTB in it.", valueName: "dir")) var dtbs: String?
    @Option(help: ArgumentHelp("The board's U-Boot files by name.", valueName: "dir")) var bootloader: String?
    @Option(help: ArgumentHelp("The Raspberry Pi firmware files.", valueName: "dir")) var firmware: String?
    @Option(help: ArgumentHelp("An initramfs to use instead of Kiln's own.", valueName: "path")) var initrd: String?
    @Option(help: ArgumentHelp("A lib/modules/VERSION tree for Kiln's initramfs (default: the rootfs's).", valueName: "dir"))
    var modules: String?
    @Option(help: ArgumentHelp("A static arm64 busybox for Kiln's initramfs (default: the rootfs's /bin/busybox).", valueName: "path"))
    var busybox: String?
    @Option(help: ArgumentHelp("The image file to write.", valueName: "path")) var output: String
    @Option(help: ArgumentHelp("The image size, e.g. 4GiB (default: the board's).", valueName: "size")) var size: String?
    @Option(help: ArgumentHelp("Seconds since 1970 for timestamps and identifiers (default: SOURCE_DATE_EPOCH, else now).",
                               valueName: "seconds"))
    var sourceDateEpoch: Int64?
    @Option(help: ArgumentHelp("Names the image in its derived identifiers (default: the board's name).", valueName: "name"))
    var name: String?
    @Flag(help: "Also write OUTPUT.bmap for bmaptool.") var bmap = false
    @Option(help: ArgumentHelp("Also write a compressed copy beside the image.", valueName: "zstd|xz"))
    var compress: ImageCompression?
    @Flag(help: "Print the plan (every region, partition and file) without writing anything.") var dryRun = false
    @Flag(help: "Print JSON.") var json = false

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

extension ImageCompression: ExpressibleByArgument {}
