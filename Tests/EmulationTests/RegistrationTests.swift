import Emulation
import Foundation
import KilnTestSupport
import Testing

extension HostEmulation {
    /// register → status → run arm64 busybox → unregister, through the `kiln` CLI, checked against the kernel's files.
    @Suite struct RegistrationTests {
        func status() throws -> [String: Any] {
            let result = try HostEmulation.kiln(["emu", "status", "--json"])
            try #require(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }

        func architecture(_ name: String, in status: [String: Any]) throws -> [String: Any] {
            let all = try #require(status["architectures"] as? [[String: Any]])
            return try #require(all.first { $0["architecture"] as? String == name })
        }

        @Test func registerRunUnregister() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try snapshot.clearEmulation()
            #expect(try (architecture("aarch64", in: status())["probe"] as? [String: Any])?["works"] as? Bool == false)

            let registered = try HostEmulation.kiln(["emu", "register", "--arch", "aarch64,arm"])
            #expect(registered.status == 0, "\(registered.stderr)")
            #expect(registered.stdout.contains("aarch64: registered qemu-aarch64"))
            // The kernel's own view of the entry: Debian's interpreter, F (and P, O), never C.
            let kernel = try String(contentsOfFile: "/proc/sys/fs/binfmt_misc/qemu-aarch64", encoding: .utf8)
            #expect(kernel.contains("interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P") && kernel.contains("flags: POF"))
            for name in ["aarch64", "arm"] {
                let entry = try architecture(name, in: status())
                let handlers = try #require(entry["handlers"] as? [[String: Any]])
                let handler = try #require(handlers.first)
                #expect(handlers.count == 1 && handler["owner"] as? String == "kiln")
                let flags = try #require((handler["entry"] as? [String: Any])?["flags"] as? String)
                #expect(flags.contains("F") && !flags.contains("C"))
                #expect((entry["probe"] as? [String: Any])?["works"] as? Bool == true)
            }
            #expect(try HostEmulation.kiln(["emu", "status"]).stdout.contains("flags POF, registered by kiln"))

            // Debian's arm64 busybox runs directly on this x86 host, and inside a tree with no qemu in it.
            let busybox = try Artifacts.path("busybox/busybox")
            #expect(try Command.output([busybox, "uname", "-m"]) == "aarch64\n")
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            let tree = try HostEmulation.busyboxTree(in: directory)
            let inside = try HostEmulation.kiln(["emu", "run", "--root", tree, "--", "/bin/sh", "-c", "uname -m; echo $0"])
            #expect(inside.status == 0 && inside.stdout == "aarch64\n/bin/sh\n", "\(inside.stderr)")

            let again = try HostEmulation.kiln(["emu", "register"])
            #expect(again.stdout.contains("qemu-aarch64 already registered by Kiln"))
            let removed = try HostEmulation.kiln(["emu", "unregister"])
            #expect(removed.status == 0 && removed.stdout.contains("qemu-aarch64") && removed.stdout.contains("qemu-arm"))
            #expect(!FileManager.default.fileExists(atPath: "/proc/sys/fs/binfmt_misc/qemu-aarch64"))
            for name in ["aarch64", "arm"] {
                let entry = try architecture(name, in: status())
                #expect((entry["handlers"] as? [Any])?.isEmpty == true)
                #expect((entry["probe"] as? [String: Any])?["works"] as? Bool == false)
            }
        }

        /// An entry someone else registered for arm64 binaries is kept by register and unregister;
        /// `--replace` swaps it out and unregister puts it back, byte for byte in the kernel's view.
        @Test func foreignEntrySurvives() throws {
            let snapshot = try BinfmtSnapshot()
            defer { snapshot.restore(); #expect(snapshot.isRestored) }
            try snapshot.clearEmulation()
            let foreign = BinfmtRegistration(name: "someone-elses-arm64", interpreter: "/usr/bin/qemu-aarch64-static",
                                             flags: [.fixBinary], magic: EmulatedArchitecture.aarch64.magic,
                                             mask: EmulatedArchitecture.aarch64.mask)
            try snapshot.binfmt.register(foreign)
            let path = "/proc/sys/fs/binfmt_misc/someone-elses-arm64"
            let before = try String(contentsOfFile: path, encoding: .utf8)

            let kept = try HostEmulation.kiln(["emu", "register", "--arch", "aarch64"])
            #expect(kept.status == 0 && kept.stdout.contains("kept someone-elses-arm64, registered by unknown"), "\(kept.stdout)")
            #expect(!FileManager.default.fileExists(atPath: "/proc/sys/fs/binfmt_misc/qemu-aarch64"))
            #expect(try HostEmulation.kiln(["emu", "unregister"]).status == 0)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == before)

            let replaced = try HostEmulation.kiln(["emu", "register", "--arch", "aarch64", "--replace"])
            #expect(replaced.stdout.contains("replaced unknown's entry with qemu-aarch64"), "\(replaced.stdout)")
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try HostEmulation.kiln(["emu", "unregister"]).status == 0)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
            #expect(!FileManager.default.fileExists(atPath: "/proc/sys/fs/binfmt_misc/qemu-aarch64"))
        }

        /// systemd-binfmt's and binfmt-support's records name the owner.
        @Test func ownersFromTheirRecords() throws {
            let directory = try HostEmulation.scratchDirectory()
            defer { directory.remove() }
            let conf = try directory.write("systemd/qemu-aarch64.conf", try String(
                contentsOfFile: "/usr/lib/binfmt.d/qemu-aarch64.conf", encoding: .utf8))
            _ = conf
            try directory.write("binfmts/qemu-arm", "package qemu-user-static\n")
            let binfmt = BinfmtMisc(recordDirectory: directory.appending("kiln"), binfmtSupportDirectory: directory.appending("binfmts"),
                                    systemdDirectories: [directory.appending("systemd")])
            let aarch64 = BinfmtEntry(registration: BinfmtRegistration(architecture: .aarch64))
            #expect(try binfmt.owner(of: aarch64) == .systemdBinfmt)
            #expect(try binfmt.owner(of: BinfmtEntry(registration: BinfmtRegistration(architecture: .arm))) == .binfmtSupport)
            var other = aarch64
            other.interpreter = "/opt/qemu"
            #expect(try binfmt.owner(of: other) == .unknown)
            try binfmt.save(KilnRecord(registration: BinfmtRegistration(architecture: .aarch64), replaced: []))
            #expect(try binfmt.owner(of: aarch64) == .kiln)
        }
    }
}
