import Arguments
import OTA

/// `kiln ota install FILE|URL`: verify and write a bundle into the inactive slot, then make it primary.
struct OTAInstallCommand: Command {
    static let description = CommandDescription(
        name: "install", abstract: "Install a bundle (file, - or http(s) URL) into the inactive slot.",
        discussion: """
            The bundle streams: its signed manifest is checked first, then each chunk before it is written. The slot is
            read back and checked before it becomes primary, with fresh attempts, in one environment write.
            """,
        arguments: SystemOptions.arguments + [
            .flag("allow-downgrade", help: "Install an older version, or one below the running system's min-version."),
            .flag("json", help: "Print JSON."),
            .positional("bundle", help: "The bundle: a file, - for standard input, or an http(s) URL."),
        ])

    var options: SystemOptions
    var allowDowngrade: Bool
    var json: Bool
    var bundle: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        options = try SystemOptions(arguments)
        allowDowngrade = arguments.flag("allow-downgrade")
        json = arguments.flag("json")
        bundle = try arguments.required("bundle")
    }

    func run() throws {
        try reportingFailures {
            let system = try options.system()
            let bar = ProgressBar()
            defer { bar.finishLine() }
            let manifest = try ota("install failed: ") { () throws(OTAError) in
                try Installer(system: system).install(from: try BundleLocation.source(bundle),
                                                      options: .init(allowDowngrade: allowDowngrade)) {
                    bar.update(step: $0.phase.rawValue, completed: $0.done, total: $0.total)
                }
            }
            bar.finishLine()
            let slot = system.inactive.name
            if json {
                try printJSON(["installed": manifest.version.description, "slot": slot, "compatible": manifest.compatible])
            } else {
                print("installed \(manifest.compatible) \(manifest.version) into slot \(slot); it boots next (reboot to use it)")
            }
        }
    }
}

/// Turns the install argument into a bundle source.
enum BundleLocation {
    static func source(_ argument: String) throws(OTAError) -> any BundleSource {
        if HTTPBundleSource.handles(argument) { return try HTTPBundleSource(url: argument) }
        return try FileBundleSource(path: argument)
    }
}
