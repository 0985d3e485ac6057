import Arguments
import Boards
import FoundationEssentials
import OTA

/// `kiln bundle create`: a signed bundle holding a rootfs image for the inactive slot.
struct BundleCreateCommand: Command {
    static let description = CommandDescription(
        name: "create", abstract: "Create a signed update bundle from an ext4 slot image or a rootfs tar.",
        discussion: """
            The build time is SOURCE_DATE_EPOCH (or --source-date-epoch): the same inputs then give the same bundle bytes.
            A tar becomes an ext4 image of --rootfs-size bytes, by default the slot size of the --compatible board.
            """,
        arguments: BoardSearchOptions.arguments + [
            .option("key", value: "file", required: true, help: "The secret key (NAME.key)."),
            .option("compatible", value: "board", required: true,
                    help: "The board the bundle is for; must equal the device's system.toml board."),
            .option("version", value: "semver", required: true, help: "The bundle's semantic version."),
            .option("min-version", value: "semver", help: "Once installed, refuse to go back below this version."),
            .option("rootfs", value: "path", required: true, help: "An ext4 image (as a slot holds) or a tar of the root filesystem."),
            .option("rootfs-size", value: "size", help: "Size of the ext4 made from a tar (e.g. 384MiB)."),
            .option("source-date-epoch", value: "seconds", help: "Build time (default: SOURCE_DATE_EPOCH, else now)."),
            .option("output", value: "file", required: true, help: "The bundle file to write."),
            .flag("json", help: "Print JSON."),
        ])

    var search: BoardSearchOptions
    var key: String
    var compatible: String
    var version: String
    var minVersion: String?
    var rootfs: String
    var rootfsSize: String?
    var sourceDateEpoch: UInt64?
    var output: String
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        search = try BoardSearchOptions(arguments)
        key = try arguments.required("key")
        compatible = try arguments.required("compatible")
        version = try arguments.required("version")
        minVersion = try arguments.value("min-version")
        rootfs = try arguments.required("rootfs")
        rootfsSize = try arguments.value("rootfs-size")
        sourceDateEpoch = try arguments.value("source-date-epoch")
        output = try arguments.required("output")
        json = arguments.flag("json")
    }

    func run() throws {
        try reportingFailures {
            let request = try makeRequest()
            let bar = ProgressBar()
            defer { bar.finishLine() }
            let manifest = try ota { () throws(OTAError) in
                try BundleWriter.create(request, key: try SigningKey.load(path: key)) { bar.update(step: "bundle", completed: $0, total: $1) }
            }
            bar.finishLine()
            let info = BundleInfo(manifest: manifest, verified: nil, path: output)
            if json { try printJSON(info) } else { print(info.rendered) }
        }
    }

    private func makeRequest() throws -> BundleRequest {
        try ota { () throws(OTAError) in
            var epoch = UInt64(Date().timeIntervalSince1970)
            if let sourceDateEpoch { epoch = sourceDateEpoch } else if let fromEnvironment = try environmentEpoch() { epoch = fromEnvironment }
            var minimum: SemanticVersion?
            if let minVersion { minimum = try SemanticVersion(minVersion) }
            return BundleRequest(compatible: compatible, version: try SemanticVersion(version), minimumVersion: minimum,
                                 buildTime: epoch, rootfs: rootfs, rootfsSize: try slotSize(), output: output)
        }
    }

    private func environmentEpoch() throws(OTAError) -> UInt64? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let value = UInt64(text) else { throw .invalidArgument("SOURCE_DATE_EPOCH=\(text) is not a number of seconds") }
        return value
    }

    /// --rootfs-size, else the slot size of the board named by --compatible when Kiln knows it.
    private func slotSize() throws(OTAError) -> UInt64? {
        if let rootfsSize {
            guard let size = ByteSize(parsing: rootfsSize) else { throw .invalidArgument("--rootfs-size \(rootfsSize) is not a size (e.g. 384MiB)") }
            return size.bytes
        }
        return (try? search.board(compatible))?.slots.first?.size.bytes
    }
}
