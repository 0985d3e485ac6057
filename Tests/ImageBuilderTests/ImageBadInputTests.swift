import Archive
import Foundation
import KilnTestSupport
import Testing

/// Bad inputs give an error that names the input and why, and leave nothing at the output path.
@Suite(.serialized) struct ImageBadInputTests {
    /// Runs a build expected to fail; checks the message and that the output directory holds no image or temporary file.
    func expectFailure(_ argv: [String], output: String, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Command.run(argv)
        #expect(result.status == 1, "exit status", sourceLocation: sourceLocation)
        for text in mentions {
            #expect(result.stderr.contains(text), "stderr lacks '\(text)': \(result.stderr)", sourceLocation: sourceLocation)
        }
        let directory = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.contains(name) }
        #expect(left.isEmpty, "left behind: \(left)", sourceLocation: sourceLocation)
    }

    func r2sArguments(_ fixture: ImageBuildFixture, bootloader: String? = nil, dtbs: String? = nil, rootfs: String? = nil,
                      output: String) throws -> [String] {
        var arguments = try fixture.arguments(board: "nanopi-r2s", rootfs: rootfs ?? fixture.userland(), output: output)
        if let bootloader { arguments[arguments.firstIndex(of: "--bootloader")! + 1] = bootloader }
        if let dtbs { arguments[arguments.firstIndex(of: "--dtbs")! + 1] = dtbs }
        return [KilnExecutable.path] + arguments
    }

    @Test func missingBlob() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let bootloader = try fixture.inputDirectory("bootloader", [("u-boot/rock64-rk3328/idbloader.img", "idbloader.img")])
        let output = fixture.directory.appending("out.img")
        try expectFailure(try r2sArguments(fixture, bootloader: bootloader, output: output), output: output,
                          mentions: ["--bootloader", "\(bootloader)/u-boot.itb", "No such file"])
    }

    @Test func blobLargerThanItsRegion() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let bootloader = try fixture.inputDirectory("bootloader", [("u-boot/rock64-rk3328/u-boot.itb", "u-boot.itb")])
        try Data(repeating: 0xA5, count: 5 << 20).write(to: URL(fileURLWithPath: "\(bootloader)/idbloader.img"))
        let output = fixture.directory.appending("out.img")
        try expectFailure(try r2sArguments(fixture, bootloader: bootloader, output: output), output: output,
                          mentions: ["\(bootloader)/idbloader.img", "5242880 bytes do not fit the 4128768 bytes"])
    }

    @Test func deviceTreeForAnotherBoard() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let dtbs = try fixture.inputDirectory("dtbs", [("kernel/dtbs/broadcom/bcm2711-rpi-4-b.dtb", "rockchip/rk3328-nanopi-r2s.dtb")])
        let output = fixture.directory.appending("out.img")
        try expectFailure(try r2sArguments(fixture, dtbs: dtbs, output: output), output: output,
                          mentions: ["\(dtbs)/rockchip/rk3328-nanopi-r2s.dtb", "not for board 'nanopi-r2s'", "raspberrypi,4-model-b"])
    }

    @Test func corruptTar() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: try fixture.userland())))
        let corrupt = fixture.directory.appending("corrupt.tar")
        // The first header intact, the rest garbage: libarchive reads one entry, then fails.
        try Data(good.prefix(4096) + [UInt8](repeating: 0x5A, count: 8192)).write(to: URL(fileURLWithPath: corrupt))
        let output = fixture.directory.appending("out.img")
        try expectFailure(try r2sArguments(fixture, rootfs: corrupt, output: output), output: output, mentions: [corrupt])
    }

    @Test func rootfsLargerThanTheSlot() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let board = try String(contentsOfFile: "\(Repository.boards)/qemu-aarch64.toml", encoding: .utf8)
            .replacingOccurrences(of: "name = \"qemu-aarch64\"", with: "name = \"tiny-slots\"")
            .replacingOccurrences(of: "size = \"384MiB\"", with: "size = \"32MiB\"")
        let boardFile = try fixture.directory.write("tiny-slots.toml", board)
        let big = (0..<(40 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) }
        let rootfs = try fixture.userland(name: "big.tar", extra: [
            (ArchiveEntry(path: "usr/share/big.bin", kind: .regular, permissions: 0o644, size: Int64(big.count)), big)])
        let output = fixture.directory.appending("out.img")
        var arguments = try fixture.arguments(board: "qemu-aarch64", rootfs: rootfs, output: output)
        arguments[arguments.firstIndex(of: "--board")! + 1] = boardFile
        try expectFailure([KilnExecutable.path] + arguments, output: output, mentions: ["rootfs-a", "usr/share/big.bin"])
    }

    @Test(.requiresRoot) func unwritableOutputDirectory() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let readOnly = fixture.directory.appending("read-only")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false)
        chmod(readOnly, 0o555)
        let output = "\(readOnly)/out.img"
        // As root every directory is writable: build as nobody with inputs nobody can read.
        let (_, inputs) = (try fixture.userland(), fixture.directory.path)
        let kiln = fixture.directory.appending("kiln")
        try FileManager.default.copyItem(atPath: KilnExecutable.path, toPath: kiln)
        let board = fixture.directory.appending("qemu-aarch64.toml")
        try FileManager.default.copyItem(atPath: "\(Repository.boards)/qemu-aarch64.toml", toPath: board)
        let kernel = try fixture.copyArtifact("kernel/Image")
        try expectFailure(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", kiln, "image", "build",
                           "--board", board, "--rootfs", "\(inputs)/rootfs.tar", "--kernel", kernel, "--initrd", kernel,
                           "--output", output], output: output, mentions: [output, "Permission denied"])
    }

    @Test(.requiresRoot) func diskFull() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-bad")
        defer { fixture.directory.remove() }
        let mountPoint = fixture.directory.appending("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        try Command.output(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint])
        defer { _ = try? Command.output(["umount", mountPoint]) }
        let output = "\(mountPoint)/out.img"
        try expectFailure([KilnExecutable.path] + (try fixture.arguments(board: "qemu-aarch64", rootfs: try fixture.userland(), output: output)),
                          output: output, mentions: ["disk full"])
    }
}
