// swift-tools-version:6.1
// Kiln: images, over-the-air updates and router configuration for embedded ARM boards.
import PackageDescription

/// A Debian `-dev` package wrapped as a system-library target: the module map sits in
/// `Sources/<name>/`, pkg-config finds the flags where the package ships a `.pc`.
func systemLibrary(_ name: String, pkgConfig: String?, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "Kiln",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kiln", targets: ["kiln"]),
        .library(name: "Boards", targets: ["Boards"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries, each bridged once.
        systemLibrary("CLibfdt", pkgConfig: nil, apt: "libfdt-dev"),  // Debian 12 ships no libfdt.pc
        systemLibrary("CLibsodium", pkgConfig: "libsodium", apt: "libsodium-dev"),

        // Swift wrappers: own the handles, turn return codes into typed errors.
        .target(name: "DeviceTree", dependencies: ["CLibfdt"]),
        .target(name: "Sodium", dependencies: ["CLibsodium"]),

        // The domain.
        .target(name: "TOML"),
        .target(name: "Boards", dependencies: ["TOML"]),

        // The command-line tool: parses, calls the libraries, renders.
        .executableTarget(name: "kiln", dependencies: [
            "Boards",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests.
        .target(name: "KilnTestSupport", path: "Tests/KilnTestSupport"),
        .testTarget(name: "DeviceTreeTests", dependencies: ["DeviceTree", "KilnTestSupport"]),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium"]),
        .testTarget(name: "BoardsTests", dependencies: ["Boards", "KilnTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
