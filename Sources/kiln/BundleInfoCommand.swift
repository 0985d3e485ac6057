import Arguments
import OTA

/// `kiln bundle info`: what a bundle's manifest says.
struct BundleInfoCommand: Command {
    static let description = CommandDescription(
        name: "info", abstract: "Show a bundle's manifest: version, compatible board, signing key, payloads.",
        discussion: "With --keyring the signature is checked first; without it the manifest is shown unverified.",
        arguments: [
            .option("keyring", value: "path", help: "Trusted public keys, to check the signature."),
            .flag("json", help: "Print JSON."),
            .positional("bundle", help: "The bundle file."),
        ])

    var keyring: String?
    var json: Bool
    var bundle: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        keyring = try arguments.value("keyring")
        json = arguments.flag("json")
        bundle = try arguments.required("bundle")
    }

    func run() throws {
        try reportingFailures {
            let reader = try ota { () throws(OTAError) in
                var trusted: Keyring?
                if let keyring { trusted = try Keyring(path: keyring) }
                return try BundleReader(source: try FileBundleSource(path: bundle), keyring: trusted)
            }
            let info = BundleInfo(manifest: reader.manifest, verified: reader.isVerified, path: bundle)
            if json { try printJSON(info) } else { print(info.rendered) }
        }
    }
}
