import Foundation
import KilnTestSupport
import Testing

/// The same inputs and SOURCE_DATE_EPOCH give the same image and bmap, whatever the directory and umask;
/// `bmaptool copy` writes it back byte for byte.
@Suite(.serialized) struct ImageReproducibilityTests {
    @Test func twoBuildsAreBitIdenticalAndBmaptoolCopiesThem() throws {
        let first = try ImageBuildFixture(prefix: "kiln-repro-one")
        let second = try ImageBuildFixture(prefix: "kiln-repro-two")
        defer { first.directory.remove(); second.directory.remove() }
        var digests: [[String]] = []
        for (fixture, mask) in [(first, "022"), (second, "077")] {
            let rootfs = try fixture.userland()
            let image = fixture.directory.appending("r2s.img")
            let arguments = try fixture.arguments(board: "nanopi-r2s", rootfs: rootfs, output: image) + ["--bmap"]
            let command = ([KilnExecutable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
            try Command.output(["sh", "-c", "umask \(mask) && exec \(command)"])
            digests.append(try [image, image + ".bmap"].map { try Command.output(["sha256sum", $0]).split(separator: " ")[0].description })
        }
        #expect(digests[0] == digests[1])

        let copy = first.directory.appending("copy.img")
        try Command.output(["bmaptool", "copy", "--bmap", first.directory.appending("r2s.img.bmap"), first.directory.appending("r2s.img"), copy])
        try Command.output(["cmp", first.directory.appending("r2s.img"), copy])
    }

    @Test func compressedCopiesDecompressToTheImage() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-compress")
        defer { fixture.directory.remove() }
        let rootfs = try fixture.userland()
        // A small layout keeps xz quick: it reads every byte of the image, holes included.
        let board = try String(contentsOfFile: "\(Repository.boards)/qemu-aarch64.toml", encoding: .utf8)
            .replacingOccurrences(of: "name = \"qemu-aarch64\"", with: "name = \"small\"")
            .replacingOccurrences(of: "size = \"384MiB\"", with: "size = \"48MiB\"")
            .replacingOccurrences(of: "size = \"128MiB\"", with: "size = \"16MiB\"")
        let boardFile = try fixture.directory.write("small.toml", board)
        for method in ["zstd", "xz"] {
            let image = fixture.directory.appending("q-\(method).img")
            var arguments = try fixture.arguments(board: "qemu-aarch64", rootfs: rootfs, output: image)
            arguments[arguments.firstIndex(of: "--board")! + 1] = boardFile
            try ImageBuildFixture.kiln(arguments + ["--compress", method, "--size", "192MiB"])
            let suffix = method == "zstd" ? "zst" : "xz"
            let unpacked = fixture.directory.appending("unpacked-\(method).img")
            try Command.output(["sh", "-c", "\(method) -dc '\(image).\(suffix)' > '\(unpacked)'"])
            try Command.output(["cmp", image, unpacked])
        }
    }
}
