// swift-tools-version:6.1
// Kiln: images, over-the-air updates and router configuration for embedded ARM boards.
import PackageDescription

/// A Debian `-dev` package wrapped as a system-library target: the module map sits in
/// `Sources/<name>/`, pkg-config finds the flags where the package ships a `.pc`.
func systemLibrary(_ name: String, pkgConfig: String?, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

/// For the modules `kiln router apply` runs through at every start: concrete generic types'
/// metadata is made by direct calls rather than by demangling the type's name at first use, which
/// also looked up each `Hashable` conformance by scanning all of the binary's conformance records
/// (a tenth of a home-router apply went to that).
///
/// Unsafe flags keep a package from being a remote (URL) dependency: the library products are for
/// this package's `kiln` and for path dependencies (a fleet agent in the same tree), not for
/// resolving from a Git URL. Dropping this setting makes them resolvable at the cost above.
let directMetadataAccess: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
]

let package = Package(
    name: "Kiln",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kiln", targets: ["kiln"]),
        .library(name: "Boards", targets: ["Boards"]),
        .library(name: "ImageBuilder", targets: ["ImageBuilder"]),
        .library(name: "OTA", targets: ["OTA"]),
        .library(name: "Router", targets: ["Router"]),
    ],
    targets: [
        // C libraries, each bridged once.
        // Headers only: libfdt, libsodium, libarchive, libext2fs, libcrypto and libcurl are opened with dlopen on
        // first use (the *Loader targets), so `kiln` starts without mapping them and their dependencies; only
        // libmnl and libnftnl, which the router needs at every start, are linked. No pkgConfig: it adds -l flags.
        systemLibrary("CLibfdt", pkgConfig: nil, apt: "libfdt-dev"),
        systemLibrary("CLibsodium", pkgConfig: nil, apt: "libsodium-dev"),
        systemLibrary("CLibarchive", pkgConfig: nil, apt: "libarchive-dev"),
        systemLibrary("CLibmnl", pkgConfig: "libmnl", apt: "libmnl-dev"),
        systemLibrary("CLibnftnl", pkgConfig: "libnftnl", apt: "libnftnl-dev"),
        systemLibrary("CLibext2fs", pkgConfig: nil, apt: "libext2fs-dev"),
        systemLibrary("CLibcrypto", pkgConfig: nil, apt: "libssl-dev"),  // headers only: see CLibcryptoLoader
        systemLibrary("CLibcurl", pkgConfig: nil, apt: "libcurl4-openssl-dev"),
        .target(name: "CLibraryLoading"),
        .target(name: "CLibarchiveLoader", dependencies: ["CLibarchive", "CLibraryLoading"]),
        .target(name: "CLibcurlLoader", dependencies: ["CLibcurl", "CLibraryLoading"]),
        .target(name: "CLibsodiumLoader", dependencies: ["CLibsodium", "CLibraryLoading"]),
        .target(name: "CLibfdtLoader", dependencies: ["CLibfdt", "CLibraryLoading"]),
        .target(name: "CLibext2fsLoader", dependencies: ["CLibext2fs", "CLibraryLoading"]),

        // Swift wrappers: own the handles, turn return codes into typed errors.
        .target(name: "DeviceTree", dependencies: ["CLibfdtLoader"]),
        .target(name: "Sodium", dependencies: ["CLibsodiumLoader"]),
        .target(name: "CLibcryptoLoader", dependencies: ["CLibcrypto", "CLibraryLoading"]),
        .target(name: "Digest", dependencies: ["CLibcryptoLoader"]),
        .target(name: "Archive", dependencies: ["CLibarchiveLoader"]),
        .target(name: "Netfilter", dependencies: ["CLibmnl", "CLibnftnl"], swiftSettings: directMetadataAccess),
        .target(name: "Ext4", dependencies: ["CLibext2fsLoader", "Archive"]),
        .target(name: "HTTPStream", dependencies: ["CLibcurlLoader"]),

        // The domain.
        .target(name: "TOML", swiftSettings: directMetadataAccess),
        .target(name: "UBoot"),
        .target(name: "Boards", dependencies: ["LocalFiles", "TOML"]),
        .target(name: "ImageBuilder", dependencies: ["Boards", "DeviceTree", "Archive", "Digest", "Ext4", "Sodium", "UBoot"]),
        .target(name: "CLocalFiles"),
        .target(name: "LocalFiles", dependencies: ["CLocalFiles"], swiftSettings: directMetadataAccess),
        .target(name: "CSpawn"),
        .target(name: "Spawn", dependencies: ["CSpawn"]),
        .target(name: "OTA", dependencies: ["Archive", "Digest", "Ext4", "HTTPStream", "LocalFiles", "Sodium", "Spawn", "TOML", "UBoot"]),
        .target(name: "Router", dependencies: ["LocalFiles", "Netfilter", "TOML"], swiftSettings: directMetadataAccess),
        // clone/mount/chroot/exec with no Swift between them: a multithreaded process may not run Swift after clone().
        .target(name: "CNamespace"),
        .target(name: "Emulation", dependencies: ["CNamespace", "Boards", "LocalFiles", "Spawn"]),

        // The command-line tool: parses, calls the libraries, renders.
        // Arguments: declarative command-line parsing without reflection (no Mirror, no protocol casts at start-up).
        .target(name: "Arguments", swiftSettings: directMetadataAccess),
        // Linked by lld (part of the Swift toolchain) with packed relative relocations (DT_RELR,
        // glibc >= 2.36) and without exporting the executable's symbols: the static Swift
        // runtime's ~45,000 relocations then take 8 KB instead of 1 MB that the loader reads at
        // every start, and the dynamic symbol table holds what the C libraries need, not 7,000
        // Swift symbols nobody looks up. `kiln --version` peaks at 6 MiB instead of 9.
        //
        // With the static Swift runtime (`--static-swift-stdlib`, as shipped to boards), its C++
        // runtime and unwinder are linked in too, from libstdc++.a and libgcc_eh.a: the linker
        // scripts in StaticLinking/ stand in for libstdc++.so and libgcc_s.so. Loading and
        // relocating libstdc++.so.6 was a tenth of a `kiln router apply`. A library opened later
        // that needs libstdc++.so.6 (libarchive, through libxml2 and ICU) loads it beside the
        // static copy, which exports nothing: each binds to its own, and no C++ exception crosses
        // between them (they meet only through C APIs). `kiln image build` with the static
        // binary runs that way.
        .executableTarget(name: "kiln", dependencies: [
            "Arguments", "Boards", "ImageBuilder", "OTA", "Router", "Netfilter", "Emulation", "Spawn",
        ], exclude: ["StaticLinking"], swiftSettings: directMetadataAccess, linkerSettings: [
            .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
                          "-L", "\(Context.packageDirectory)/Sources/kiln/StaticLinking"]),
        ]),

        // Tests.
        .target(name: "KilnTestSupport", dependencies: ["ImageBuilder"], path: "Tests/KilnTestSupport",
                exclude: ["Fixtures"]),
        .testTarget(name: "ArgumentsTests", dependencies: ["Arguments", "KilnTestSupport"]),
        .testTarget(name: "DeviceTreeTests", dependencies: ["DeviceTree", "KilnTestSupport"]),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium", "Digest", "KilnTestSupport"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "KilnTestSupport"]),
        .testTarget(name: "Ext4Tests", dependencies: ["Ext4", "Archive", "KilnTestSupport"]),
        .testTarget(name: "NetfilterTests", dependencies: ["Netfilter", "KilnTestSupport"]),
        .testTarget(name: "BoardsTests", dependencies: ["Boards", "KilnTestSupport"]),
        .testTarget(name: "ImageBuilderTests", dependencies: ["ImageBuilder", "Digest", "Sodium", "KilnTestSupport"]),
        .testTarget(name: "OTATests", dependencies: ["OTA", "UBoot", "Sodium", "KilnTestSupport"]),
        .testTarget(name: "RouterTests", dependencies: ["Router", "Netfilter", "LocalFiles", "KilnTestSupport"]),
        .testTarget(name: "EmulationTests", dependencies: ["Emulation", "Boards", "KilnTestSupport"]),
        .testTarget(name: "UBootTests", dependencies: ["UBoot", "KilnTestSupport"]),
        .testTarget(name: "SpawnTests", dependencies: ["Spawn"]),
        .testTarget(name: "LocalFilesTests", dependencies: ["LocalFiles", "CLocalFiles"]),
        .testTarget(name: "HTTPStreamTests", dependencies: ["HTTPStream", "KilnTestSupport"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "KilnTestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
