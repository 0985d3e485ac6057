import Arguments
import OTA

/// `kiln bundle verify`: the signature and every chunk hash, without installing.
struct BundleVerifyCommand: Command {
    static let description = CommandDescription(
        name: "verify", abstract: "Check a bundle's signature against a keyring and every payload chunk's hash.",
        discussion: "Exits 0 only when the signature verifies and every hash matches.",
        arguments: [
            .option("keyring", value: "path", required: true,
                    help: "Trusted public keys: a file of key lines or a directory of *.pub."),
            .flag("json", help: "Print JSON."),
            .positional("bundle", help: "The bundle (a file, or - for standard input)."),
        ])

    var keyring: String
    var json: Bool
    var bundle: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        keyring = try arguments.required("keyring")
        json = arguments.flag("json")
        bundle = try arguments.required("bundle")
    }

    func run() throws {
        try reportingFailures {
            let reader = try ota("\(bundle): verification failed: ") { () throws(OTAError) in
                let reader = try BundleReader(source: try FileBundleSource(path: bundle), keyring: try Keyring(path: keyring))
                try reader.streamPayloads(wholeHashes: true) { _, _, _, _ in }
                return reader
            }
            let info = BundleInfo(manifest: reader.manifest, verified: true, path: bundle)
            if json { try printJSON(info) } else { print("\(bundle): OK, signed by key \(info.keyID), every chunk matches") }
        }
    }
}
