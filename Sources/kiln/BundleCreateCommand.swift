import ArgumentParser
import Boards
import FoundationEssentials
import OTA

/// `kiln bundle create`: a signed bundle holding a rootfs image for the inactive slot.
struct BundleCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a signed update bundle from an ext4 slot image or a rootfs tar.",
        discussion: """
            The build time is SOURCE_DATE_EPOCH (or --source-date-epoch): the same inputs then give the same bundle bytes.
            A tar becomes an ext4 image of --rootfs-size bytes, by default the slot size of the --compatible board.
            """)

    @OptionGroup var search: BoardSearchOptions
    @Option(help: ArgumentHelp("The secret key (NAME.key).", valueName: "file")) var key: String
    @Option(help: ArgumentHelp("The board the bundle is for; must equal the device's system.toml board.", valueName: "board"))
    var compatible: String
    @Option(help: ArgumentHelp("The bundle's semantic version.", valueName: "semver")) var version: String
    @Option(name: .customLong("min-version"), help: ArgumentHelp(
        "Once installed, refuse to go back below this version.", valueName: "semver")) var minVersion: String?
    @Option(help: ArgumentHelp("An ext4 image (as a slot holds) or a tar of the root filesystem.", valueName: "path"))
    var rootfs: String
    @Option(name: .customLong("rootfs-size"), help: ArgumentHelp("Size of the ext4 made from a tar (e.g. 384MiB).", valueName: "size"))
    var rootfsSize: String?
    @Option(name: .customLong("source-date-epoch"), help: ArgumentHelp("Build time (default: SOURCE_DATE_EPOCH, else now).", valueName: "seconds"))
    var sourceDateEpoch: UInt64?
    @Option(help: ArgumentHelp("The bundle file to write.", valueName: "file")) var output: String
    @Flag(help: "Print JSON.") var json = false

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
