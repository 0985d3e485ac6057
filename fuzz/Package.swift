// swift-tools-version:6.1
// libFuzzer targets for Kiln's parsers of untrusted input; built and run by scripts/fuzz-manifest, not in CI.
import PackageDescription

let package = Package(
    name: "KilnFuzz",
    dependencies: [.package(name: "Kiln", path: "..")],
    targets: [
        .executableTarget(name: "ManifestFuzzer", dependencies: [.product(name: "OTA", package: "Kiln")]),
    ],
    swiftLanguageModes: [.v6]
)
