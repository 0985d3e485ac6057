import Foundation
import KilnTestSupport
import Testing

/// `kiln image build` opens libarchive (the rootfs tar), libsodium (disk identifiers), libfdt (the
/// board's DTB) and libext2fs with libcom_err (the root filesystem) with dlopen when it first needs
/// them, never at start, and names the file and its Debian package when one cannot be loaded.
@Suite(.serialized) struct OnDemandLibrariesTests {
    @Test func imageBuildOpensItsLibrariesOnFirstUseAndNeverLibcurl() throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-dlopen")
        defer { fixture.directory.remove() }
        let arguments = try fixture.arguments(board: "nanopi-r2s", rootfs: try fixture.userland(),
                                              output: fixture.directory.appending("a.img"))
        let result = try KilnExecutable.run(arguments, environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0, "\(result.stderr)")
        let loaded = LoadedLibraries(ldDebugFiles: result.stderr)
        for soname in ["libarchive.so.13", "libsodium.so.23", "libfdt.so.1", "libext2fs.so.2"] {
            #expect(loaded.dynamicallyLoaded.contains(soname), "\(soname): \(loaded.dynamicallyLoaded)")
            #expect(!loaded.needed.contains(soname), "\(soname): \(loaded.needed)")
        }
        #expect(!loaded.all.contains { $0.hasPrefix("libcurl") }, "\(loaded.all)")
        // libcom_err comes in as libext2fs's own dependency, e.g.
        // `file=libcom_err.so.2 [0];  needed by /lib/x86_64-linux-gnu/libext2fs.so.2 [0]`, never kiln's.
        let comErr = result.stderr.split(separator: "\n").filter {
            $0.contains("file=libcom_err.so.2 ") && ($0.contains("needed by ") || $0.contains("loaded by "))
        }
        #expect(!comErr.isEmpty && comErr.allSatisfy { $0.contains("needed by ") && $0.contains("/libext2fs.so.2 ") },
                "\(comErr)")
    }

    /// The library that is hidden, and the soname and package the error must name (libcom_err is
    /// loaded as libext2fs's dependency, so its absence fails libext2fs's dlopen).
    struct Hidden: Sendable, CustomTestStringConvertible {
        let soname: String
        let loaded: String
        let package: String
        var testDescription: String { soname }
    }

    static let hidden = [
        Hidden(soname: "libarchive.so.13", loaded: "libarchive.so.13", package: "libarchive13"),
        Hidden(soname: "libsodium.so.23", loaded: "libsodium.so.23", package: "libsodium23"),
        Hidden(soname: "libfdt.so.1", loaded: "libfdt.so.1", package: "libfdt1"),
        Hidden(soname: "libext2fs.so.2", loaded: "libext2fs.so.2", package: "libext2fs2"),
        Hidden(soname: "libcom_err.so.2", loaded: "libext2fs.so.2", package: "libext2fs2"),
    ]

    /// Hides the library behind /dev/null in a private mount namespace, which dies with the command.
    @Test(.requiresRoot, arguments: hidden)
    func aMissingLibraryNamesTheFileAndItsDebianPackage(_ hidden: Hidden) throws {
        let fixture = try ImageBuildFixture(prefix: "kiln-dlopen")
        defer { fixture.directory.remove() }
        let output = fixture.directory.appending("a.img")
        let arguments = try fixture.arguments(board: "nanopi-r2s", rootfs: try fixture.userland(), output: output)
        // ldconfig's cache is where dlopen finds the soname: `libfdt.so.1 (libc6,x86-64) => /lib/...`.
        let cache = try Command.output(["ldconfig", "-p"])
        let entry = try #require(cache.split(separator: "\n").first { $0.contains("\(hidden.soname) (") })
        let library = try #require(entry.components(separatedBy: " => ").last)
        let result = try Command.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                      "mount --bind /dev/null \"$0\" && exec \"$@\"", library, KilnExecutable.path]
                                     + arguments)
        #expect(result.status != 0)
        let message = "cannot load \(hidden.loaded) (Debian package \(hidden.package)): \(library): "
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
