import Foundation
import KilnTestSupport
import Testing

/// `kiln` opens libcurl, libarchive and libcrypto with dlopen on first use, so router commands start like `nft`:
/// without mapping either library or the ~40 they pull in (TLS, Kerberos, LDAP, libxml2 with ICU).
struct StartupLibrariesTests {
    @Test func kilnDoesNotListLibcurlOrLibarchiveAsNeeded() throws {
        let dynamic = try Command.output(["readelf", "-d", KilnExecutable.path])
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        // The libraries Kiln still links show the listing is the real one.
        #expect(needed.contains { $0.contains("[libnftnl.so.11]") }, "\(dynamic)")
        #expect(!needed.contains { $0.contains("libcurl") || $0.contains("libarchive") || $0.contains("libcrypto") }, "\(needed)")
    }

    @Test func versionMapsNeitherLibrary() throws {
        let result = try KilnExecutable.run(["--version"], environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0, "\(result.stderr)")
        let loaded = LoadedLibraries(ldDebugFiles: result.stderr)
        #expect(loaded.needed.contains("libnftnl.so.11"), "\(result.stderr)")
        #expect(!loaded.all.contains { $0.hasPrefix("libcurl") || $0.hasPrefix("libarchive") || $0.hasPrefix("libcrypto") }, "\(loaded.all)")
    }

    @Test(.requiresRoot) func routerCheckMapsNeitherLibrary() throws {
        let namespace = try NetworkNamespace(prefix: "kiln-startup")
        defer { try? namespace.remove() }
        let directory = try TemporaryDirectory(prefix: "kiln-startup")
        defer { directory.remove() }
        let config = try RouterFixtures.write(RouterFixtures.home, in: directory)
        let command = ["ip", "netns", "exec", namespace.name, KilnExecutable.path, "router", "check", config]
        let result = try Command.run(command,
                                     environment: ["KILN_ROUTER_STATE": directory.path, "LD_DEBUG": "files"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok"), "\(result.stdout)")
        let loaded = LoadedLibraries(ldDebugFiles: result.stderr)
        #expect(loaded.needed.contains("libnftnl.so.11"), "\(result.stderr)")
        #expect(!loaded.all.contains { $0.hasPrefix("libcurl") || $0.hasPrefix("libarchive") || $0.hasPrefix("libcrypto") }, "\(loaded.all)")
    }
}
