import Foundation
import KilnTestSupport
import Testing

/// `kiln image build` as a user sees it: the dry-run plan, JSON, and a progress bar only on a terminal.
@Suite(.serialized) struct ImageBuildCommandTests {
    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-plan")
        defer { fixture.directory.remove() }
        let output = fixture.directory.appending("r2s.img")
        let arguments = try fixture.arguments(board: "nanopi-r2s", rootfs: try fixture.userland(), output: output) + ["--dry-run"]
        let text = try ImageBuildFixture.kiln(arguments)
        for line in ["0x8000", "idbloader.img", "0x3F8000", "u-boot-env", "0x800000", "u-boot.itb", "1:boot", "2:rootfs-a",
                     "/boot/rk3328-nanopi-r2s.dtb", "/boot/initrd.img", "Nothing was written"] {
            #expect(text.contains(line), "\(line) in\n\(text)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try ImageBuildFixture.kiln(arguments + ["--json"]).utf8)) as! [String: Any]
        let regions = json["regions"] as! [[String: Any]]
        #expect(regions.contains { $0["name"] as? String == "u-boot.itb" && $0["start"] as? Int == 8 << 20 })
        #expect((json["boot_script"] as? String)?.contains("saveenv") == true)
        #expect((json["environment"] as? [String: String])?["BOOT_ORDER"] == "A B")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try fixture.directory.contents().filter { $0.contains("r2s.img") }.isEmpty)
    }

    @Test func quietInAPipeAndAProgressBarOnATerminal() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-progress")
        defer { fixture.directory.remove() }
        let rootfs = try fixture.userland()
        let piped = try Command.run([KilnExecutable.path] + (try fixture.arguments(board: "qemu-aarch64", rootfs: rootfs,
                                                                                    output: fixture.directory.appending("a.img"))))
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
        let command = ([KilnExecutable.path] + (try fixture.arguments(board: "qemu-aarch64", rootfs: rootfs,
                                                                       output: fixture.directory.appending("b.img"))))
            .map { "'\($0)'" }.joined(separator: " ")
        // script(1) gives the build a pseudo-terminal; what it drew comes back on our pipe.
        let drawn = try Command.output(["script", "-qec", command, "/dev/null"])
        #expect(drawn.contains("rootfs-a") && drawn.contains("100%") && drawn.contains("\r"), "\(drawn)")
    }
}
