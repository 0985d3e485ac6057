import Arguments
import Emulation

/// `kiln emu register`: Debian's qemu-user-static interpreters as binfmt_misc entries (flags F, O, P; never C).
struct EmuRegisterCommand: Command {
    static let description = CommandDescription(
        name: "register",
        abstract: "Register qemu-user with binfmt_misc as qemu-aarch64/qemu-arm (needs root).",
        discussion: """
            Entries get the F flag (chroots need no qemu inside), P when the interpreter is Debian's \
            -binfmt-P name, and never C. An entry someone else registered for the same binaries is kept \
            unless --replace; `kiln emu unregister` puts a replaced entry back.
            """,
        arguments: [
            .option("arch", value: "aarch64,arm", default: "aarch64,arm", help: "Architectures, comma-separated."),
            .option("interpreter", value: "path",
                    help: "The interpreter (one --arch only; default: Debian's qemu-user-static)."),
            .flag("replace", help: "Replace entries others registered for the same binaries."),
        ])

    var arch: String
    var interpreter: String?
    var replace: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        arch = try arguments.required("arch")
        interpreter = try arguments.value("interpreter")
        replace = arguments.flag("replace")
    }

    func run() throws {
        try reportingFailures {
            let outcomes: [RegistrationOutcome]
            do throws(EmulationError) {
                let architectures = try arch.split(separator: ",").map { name throws(EmulationError) in
                    try EmulatedArchitecture(named: String(name))
                }
                outcomes = try BinfmtMisc().registerKiln(architectures, interpreter: interpreter, replace: replace)
            } catch { throw emulationFailure(error) }
            for outcome in outcomes { print(line(outcome)) }
        }
    }

    private func line(_ outcome: RegistrationOutcome) -> String {
        let name = outcome.entryName, owner = outcome.existingOwner.map(\.rawValue) ?? "unknown"
        switch outcome.action {
        case .registered: return "\(outcome.architecture.rawValue): registered \(name)"
        case .unchanged: return "\(outcome.architecture.rawValue): \(name) already registered by Kiln"
        case .keptExisting:
            return "\(outcome.architecture.rawValue): kept \(name), registered by \(owner) (--replace replaces it)"
        case .replaced: return "\(outcome.architecture.rawValue): replaced \(owner)'s entry with \(name)"
        }
    }
}
