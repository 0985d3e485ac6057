import Arguments
import OTA

/// `kiln key`: signing keys for update bundles.
struct KeyCommand: Command {
    static let description = CommandDescription(
        name: "key", abstract: "Manage the Ed25519 keys that sign update bundles.",
        subcommands: [KeyGenerateCommand.self])

    init(_ arguments: ParsedArguments) {}
}

/// `kiln key generate --output DIR/NAME`: writes NAME.key (secret, 0600) and NAME.pub.
struct KeyGenerateCommand: Command {
    static let description = CommandDescription(
        name: "generate", abstract: "Generate a signing key: PREFIX.key (secret, mode 0600) and PREFIX.pub.",
        discussion: "An existing key is never overwritten. Put PREFIX.pub in the devices' keyring; keep PREFIX.key off them.",
        arguments: [
            .option("output", value: "prefix", required: true, help: "Path prefix of the two files, e.g. keys/release."),
            .flag("json", help: "Print JSON."),
        ])

    var output: String
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        output = try arguments.required("output")
        json = arguments.flag("json")
    }

    func run() throws {
        try reportingFailures {
            let (key, paths) = try ota { () throws(OTAError) in
                let key = try SigningKey.generate()
                return (key, try key.write(prefix: output))
            }
            if json {
                try printJSON(["key_id": key.keyID.description, "secret_key": paths.secret, "public_key": paths.public])
            } else {
                print("key \(key.keyID): secret \(paths.secret), public \(paths.public)")
            }
        }
    }
}
