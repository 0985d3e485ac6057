import Foundation
import KilnTestSupport
import Testing

/// `kiln image build` opens libarchive with dlopen when it first reads an archive, never at start,
/// and names the file and its Debian package when the library cannot be loaded.
@Suite(.serialized) struct LibarchiveLoadingTests {
    @Test func imageBuildOpensLibarchiveOnFirstUseAndNeverLibcurl() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-dlopen")
        defer { fixture.directory.remove() }
        let arguments = try fixture.arguments(board: "qemu-aarch64", rootfs: try fixture.userland(),
                                              output: fixture.directory.appending("a.img"))
        let result = try KilnExecutable.run(arguments, environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0, "\(result.stderr)")
        let loaded = LoadedLibraries(ldDebugFiles: result.stderr)
        #expect(loaded.dynamicallyLoaded.contains("libarchive.so.13"), "\(loaded.dynamicallyLoaded)")
        #expect(!loaded.needed.contains("libarchive.so.13"), "\(loaded.needed)")
        #expect(!loaded.all.contains { $0.hasPrefix("libcurl") }, "\(loaded.all)")
    }

    /// Hides libarchive behind /dev/null in a private mount namespace, which dies with the command.
    @Test(.requiresRoot) func aMissingLibarchiveNamesTheFileAndItsDebianPackage() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-dlopen")
        defer { fixture.directory.remove() }
        let arguments = try fixture.arguments(board: "qemu-aarch64", rootfs: try fixture.userland(),
                                              output: fixture.directory.appending("a.img"))
        // ldconfig's cache is where dlopen finds the soname: `libarchive.so.13 (libc6,x86-64) => /lib/...`.
        let cache = try Command.output(["ldconfig", "-p"])
        let entry = try #require(cache.split(separator: "\n").first { $0.contains("libarchive.so.13 (") })
        let library = try #require(entry.components(separatedBy: " => ").last)
        let result = try Command.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                      "mount --bind /dev/null \"$0\" && exec \"$@\"", library, KilnExecutable.path]
                                     + arguments)
        #expect(result.status != 0)
        let message = "cannot load libarchive.so.13 (Debian package libarchive13): \(library): "
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appending("a.img")))
    }
}
