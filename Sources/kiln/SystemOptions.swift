import Arguments
import FoundationEssentials
import OTA

/// Where the device's OTA configuration and kernel command line are read from.
struct SystemOptions {
    static let arguments: [ArgumentDefinition] = [
        .option("config", value: "path", help: "The system configuration (default: KILN_CONFIG, else /etc/kiln/system.toml)."),
    ]

    var config: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        config = try arguments.value("config")
    }

    var configurationPath: String {
        config ?? ProcessInfo.processInfo.environment["KILN_CONFIG"] ?? SystemConfiguration.defaultPath
    }

    /// `/proc/cmdline`, or the file KILN_CMDLINE names (for tests and chroots).
    var commandLinePath: String {
        ProcessInfo.processInfo.environment["KILN_CMDLINE"] ?? "/proc/cmdline"
    }

    func system() throws -> OTASystem {
        try ota { () throws(OTAError) in try OTASystem(configurationPath: configurationPath, commandLinePath: commandLinePath) }
    }
}
