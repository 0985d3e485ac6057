import Foundation
import KilnTestSupport
import Testing

/// `kiln` opens libcurl, libarchive, libcrypto, libsodium, libfdt and libext2fs (with libcom_err) with dlopen on
/// first use, so router commands start like `nft`: without mapping any of them or the ~40 they pull in (TLS,
/// Kerberos, LDAP, libxml2 with ICU). Only libnftnl and libmnl, which the router needs, are linked.
struct StartupLibrariesTests {
    /// Soname prefixes of the libraries opened on first use.
    static let onDemand = ["libcurl", "libarchive", "libcrypto", "libsodium", "libfdt", "libext2fs", "libcom_err"]

    static func isOnDemand(_ soname: some StringProtocol) -> Bool {
        onDemand.contains { soname.hasPrefix($0) }
    }

    @Test func kilnListsNoOnDemandLibraryAsNeeded() throws {
        let dynamic = try Command.output(["readelf", "-d", KilnExecutable.path])
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        // The libraries Kiln still links show the listing is the real one.
        #expect(needed.contains { $0.contains("[libnftnl.so.11]") }, "\(dynamic)")
        #expect(needed.contains { $0.contains("[libmnl.so.0]") }, "\(dynamic)")
        let sonames = needed.compactMap { line in line.split(separator: "[").last.map { $0.dropLast() } }
        #expect(!sonames.contains { Self.isOnDemand($0) }, "\(needed)")
    }

    /// The loader reads every relocation at every start: packed (DT_RELR) they are a few KB
    /// instead of ~1 MB; and the executable exports only what the C libraries bind to.
    @Test func kilnPacksItsRelocationsAndExportsNoSwiftSymbols() throws {
        let sections = try Command.output(["readelf", "-S", "-W", KilnExecutable.path])
        #expect(sections.contains(".relr.dyn"), "\(sections)")
        let symbols = try Command.output(["readelf", "--dyn-syms", "-W", KilnExecutable.path])
        let defined = symbols.split(separator: "\n").filter { $0.contains(" GLOBAL ") && !$0.contains(" UND ") }
        #expect(!defined.contains { $0.hasSuffix("kiln_main") || $0.contains(" $s") }, "\(defined.prefix(20))")
    }

    /// Linked with the static Swift runtime (`--static-swift-stdlib`, as shipped), through the linker scripts
    /// Package.swift puts first on kiln's library path, a program needs neither libstdc++.so.6 nor
    /// libgcc_s.so.1: its C++ runtime and unwinder come from the archives, and it runs.
    @Test func theStaticRuntimeLinksItsCxxRuntimeIn() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-static-link")
        defer { directory.remove() }
        let source = directory.path + "/main.swift"
        try Data("""
            print("runs", [3: "three"][3]!)
            """.utf8).write(to: URL(fileURLWithPath: source))
        let program = directory.path + "/program"
        let compile = try Command.run(["swiftc", "-static-stdlib", "-use-ld=lld", "-L", Repository.root + "/Sources/kiln/StaticLinking",
                                       source, "-o", program])
        #expect(compile.status == 0, "\(compile.stderr)")
        let dynamic = try Command.output(["readelf", "-d", program])
        #expect(dynamic.contains("[libc.so.6]"), "\(dynamic)")
        #expect(!dynamic.contains("libstdc++") && !dynamic.contains("libgcc_s"), "\(dynamic)")
        #expect(try Command.output([program]) == "runs three\n")
        // The same directory is what kiln's link in Package.swift puts on its library path.
        let manifest = try String(contentsOfFile: Repository.root + "/Package.swift", encoding: .utf8)
        #expect(manifest.contains(#""-L", "\(Context.packageDirectory)/Sources/kiln/StaticLinking""#))
    }

    @Test func versionMapsNoOnDemandLibrary() throws {
        let result = try KilnExecutable.run(["--version"], environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0, "\(result.stderr)")
        let loaded = LoadedLibraries(ldDebugFiles: result.stderr)
        #expect(loaded.needed.contains("libnftnl.so.11"), "\(result.stderr)")
        #expect(!loaded.all.contains { Self.isOnDemand($0) }, "\(loaded.all)")
    }

    @Test(.requiresRoot) func routerCheckMapsNoOnDemandLibrary() throws {
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
        #expect(!loaded.all.contains { Self.isOnDemand($0) }, "\(loaded.all)")
    }
}
