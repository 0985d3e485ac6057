import Emulation
import Foundation
import KilnTestSupport
import Testing

/// The binfmt_misc model against its oracles: Debian's own binfmt.d files, the kernel's entry format,
/// readelf and file(1).
struct BinfmtModelTests {
    /// Debian's qemu-user-static registration line for `architecture`, from the file it ships.
    func debianLine(_ architecture: EmulatedArchitecture) throws -> String {
        try String(contentsOfFile: "/usr/lib/binfmt.d/\(architecture.entryName).conf", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix(":") }.map(String.init) ?? ""
    }

    @Test(arguments: EmulatedArchitecture.allCases)
    func registrationMatchesDebiansQemuUserStatic(_ architecture: EmulatedArchitecture) throws {
        let ours = BinfmtRegistration(architecture: architecture).line.split(separator: ":", omittingEmptySubsequences: false)
        let debian = try debianLine(architecture).split(separator: ":", omittingEmptySubsequences: false)
        try #require(debian.count == 8, "Debian's conf: \(debian)")
        // name, type, offset, magic, mask and interpreter as Debian's; the same flag set (Debian writes OPF).
        #expect(Array(ours[0..<7]) == Array(debian[0..<7]))
        #expect(BinfmtFlags(letters: ours[7]) == BinfmtFlags(letters: debian[7]))
        #expect(!ours[7].contains("C"))
    }

    @Test func plainInterpreterGetsNoPFlag() {
        let registration = BinfmtRegistration(architecture: .aarch64, interpreter: "/usr/bin/qemu-aarch64-static")
        #expect(registration.flags == [.openBinary, .fixBinary])
        #expect(registration.line.hasSuffix(":/usr/bin/qemu-aarch64-static:OF"))
    }

    @Test func parsesTheKernelsEntryText() throws {
        let text = """
            enabled
            interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P
            flags: POF
            offset 0
            magic 7f454c460201010000000000000000000200b700
            mask ffffffffffffff00fffffffffffffffffeffffff

            """
        let entry = try BinfmtEntry(name: "qemu-aarch64", text: text)
        #expect(entry.enabled && entry.flags == [.preserveArgv0, .openBinary, .fixBinary])
        #expect(entry.handles(.aarch64) && !entry.handles(.arm))
        #expect(BinfmtRegistration(architecture: .aarch64).describes(entry))
        let python = try BinfmtEntry(name: "python3.11", text: "disabled\ninterpreter /usr/bin/python3.11\nflags: \noffset 0\nmagic a70d0d0a\n")
        #expect(!python.enabled && python.mask == [0xFF, 0xFF, 0xFF, 0xFF] && !python.handles(.aarch64))
        #expect(throws: EmulationError.self) { try BinfmtEntry(name: "broken", text: "interpreter /x\n") }
    }

    @Test func readsTheMachineOfDebiansArm64Busybox() throws {
        let header = try Artifacts.bytes("busybox/busybox").prefix(20)
        #expect(ELFMachine(header: header) == .aarch64)
        #expect(try Command.output(["file", "-b", try Artifacts.path("busybox/busybox")]).contains("ARM aarch64"))
        #expect(ELFMachine(header: try Data(contentsOf: URL(fileURLWithPath: "/bin/sh")).prefix(20)) == .x86_64)
        #expect(ELFMachine(header: Array("#!/bin/sh\n echo not elf".utf8)) == nil)
    }

    @Test(arguments: [(EmulatedArchitecture.aarch64, "AArch64", "ELF64"), (.arm, "ARM", "ELF32")])
    func probeProgramIsAValidExecutable(_ architecture: EmulatedArchitecture, machine: String, elfClass: String) throws {
        let directory = try HostEmulation.scratchDirectory()
        defer { directory.remove() }
        let path = directory.appending("probe")
        try Data(ProbeProgram.bytes(for: architecture)).write(to: URL(fileURLWithPath: path))
        let header = try Command.output(["readelf", "-h", "-l", path])
        #expect(header.contains("Machine:                           \(machine)"))
        #expect(header.contains("Class:                             \(elfClass)") && header.contains("EXEC (Executable file)"))
        #expect(header.contains("LOAD") && header.contains("R E"))
        #expect(BinfmtEntry(registration: BinfmtRegistration(architecture: architecture)).matches(header: ProbeProgram.bytes(for: architecture)))
    }

    @Test func bindMountsParse() throws {
        #expect(try BindMount(parsing: "/srv/data") == BindMount(source: "/srv/data", destination: "/srv/data"))
        #expect(try BindMount(parsing: "/a:/b") == BindMount(source: "/a", destination: "/b"))
        #expect(throws: EmulationError.self) { try BindMount(parsing: "/a:relative") }
        #expect(throws: EmulationError.self) { try BindMount(parsing: "/a:/../etc") }
        #expect(throws: EmulationError.self) { try BindMount(parsing: ":/b") }
    }

    @Test func treeMachineFollowsSymlinksInsideTheTree() throws {
        let directory = try HostEmulation.scratchDirectory()
        defer { directory.remove() }
        let root = directory.appending("root")
        try FileManager.default.createDirectory(atPath: "\(root)/usr/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Artifacts.path("busybox/busybox"), toPath: "\(root)/usr/bin/busybox")
        // Debian's merged /usr: bin -> usr/bin; an absolute link must resolve inside the tree, not on the host.
        try FileManager.default.createSymbolicLink(atPath: "\(root)/bin", withDestinationPath: "usr/bin")
        try FileManager.default.createSymbolicLink(atPath: "\(root)/usr/bin/sh", withDestinationPath: "/usr/bin/busybox")
        let tree = try RootTree(path: root)
        #expect(tree.machine == .aarch64 && tree.evidence == "bin/sh")
    }
}

extension BinfmtEntry {
    /// The entry the kernel makes of `registration`.
    init(registration: BinfmtRegistration) {
        self.init(name: registration.name, enabled: true, interpreter: registration.interpreter, flags: registration.flags,
                  offset: registration.offset, magic: registration.magic, mask: registration.mask)
    }
}
