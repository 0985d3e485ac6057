import ArgumentParser
import OTA

/// `kiln bundle info`: what a bundle's manifest says.
struct BundleInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show a bundle's manifest: version, compatible board, signing key, payloads.",
        discussion: "With --keyring the signature is checked first; without it the manifest is shown unverified.")

    @Option(help: ArgumentHelp("Trusted public keys, to check the signature.", valueName: "path")) var keyring: String?
    @Flag(help: "Print JSON.") var json = false
    @Argument(help: "The bundle file.") var bundle: String

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
