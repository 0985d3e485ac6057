import Foundation
import KilnTestSupport
@testable import OTA
import Testing

/// Bundles made and read in-process: verification, reproducibility, key rotation, and that every tampered or
/// truncated bundle is refused before a byte of it is handed on unverified.
@Suite struct BundleTamperTests {
    let directory: TemporaryDirectory
    let key: SigningKey
    let bundle: [UInt8]
    let keyringPath: String

    /// An 8 MiB ext4 (made by `mke2fs -d`, so the payload is a real filesystem) with 1 MiB of random data.
    init() throws {
        directory = try TemporaryDirectory(prefix: "kiln-bundle")
        try FileManager.default.createDirectory(atPath: directory.appending("tree/etc"), withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: 7)
        let blob = generator.bytes(1 << 20)
        _ = FileManager.default.createFile(atPath: directory.appending("tree/etc/blob"), contents: Data(blob))
        _ = try Command.output(["mke2fs", "-q", "-F", "-t", "ext4", "-d", directory.appending("tree"), directory.appending("rootfs.ext4"), "8M"],
                           environment: ["E2FSPROGS_FAKE_TIME": "1700000000"])
        key = try SigningKey.generate()
        let paths = try key.write(prefix: directory.appending("release"))
        keyringPath = paths.public
        _ = try BundleWriter.create(Self.request(directory, output: directory.appending("b.kbundle"), chunkSize: 65536), key: key)
        bundle = Array(try Data(contentsOf: URL(fileURLWithPath: directory.appending("b.kbundle"))))
    }

    func request(output: String, chunkSize: Int = BundleFormat.defaultChunkSize) throws -> BundleRequest {
        try Self.request(directory, output: output, chunkSize: chunkSize)
    }

    static func request(_ directory: TemporaryDirectory, output: String, chunkSize: Int) throws -> BundleRequest {
        BundleRequest(compatible: "qemu-aarch64", version: try SemanticVersion("2.0.0"), minimumVersion: nil, buildTime: 1_700_000_000,
                      rootfs: directory.appending("rootfs.ext4"), rootfsSize: nil, output: output, chunkSize: chunkSize)
    }

    /// Reads the whole bundle; returns the bytes handed on.
    @discardableResult
    func verify(_ bytes: [UInt8], keyring: Keyring? = nil) throws -> [UInt8] {
        let reader = try BundleReader(source: MemoryBundleSource(bytes), keyring: keyring ?? Keyring(path: keyringPath))
        var delivered: [UInt8] = []
        try reader.streamPayloads { _, _, _, chunk in delivered += chunk }
        return delivered
    }

    @Test func verifiesAndDeliversTheImageByteForByte() throws {
        let image = Array(try Data(contentsOf: URL(fileURLWithPath: directory.appending("rootfs.ext4"))))
        #expect(try verify(bundle) == image)
        // Zero chunks are left out: the bundle is far smaller than the 8 MiB image.
        #expect(bundle.count < 2 << 20)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        _ = try BundleWriter.create(request(output: directory.appending("again.kbundle"), chunkSize: 65536), key: key)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: directory.appending("again.kbundle")))) == bundle)
    }

    @Test func everyFlippedByteOfTheSignedManifestIsRefused() throws {
        let reader = try BundleReader(source: MemoryBundleSource(bundle), keyring: Keyring(path: keyringPath))
        let signedEnd = Int(reader.payloadOffset)
        for index in 0..<signedEnd {
            var tampered = bundle
            tampered[index] ^= 0x01
            #expect(throws: OTAError.self, "flipping byte \(index) was accepted") { try verify(tampered) }
        }
    }

    @Test func changedPayloadBytesAndTruncationsAreRefused() throws {
        let payloadStart = Int(try BundleReader(source: MemoryBundleSource(bundle), keyring: nil).payloadOffset)
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<64 {
            var tampered = bundle
            let index = payloadStart + Int(generator.next() % UInt64(bundle.count - payloadStart))
            tampered[index] = tampered[index] &+ UInt8(1 + generator.next() % 255)
            #expect(throws: OTAError.self, "changing byte \(index) was accepted") { try verify(tampered) }
        }
        for _ in 0..<64 {
            let cut = Int(generator.next() % UInt64(bundle.count))
            #expect(throws: OTAError.self, "truncating at \(cut) was accepted") { try verify(Array(bundle[..<cut])) }
        }
        #expect(throws: OTAError.self) { try verify(bundle + [0]) }
    }

    @Test func anUnknownKeyIsRefusedAndAKeyringTrustsSeveralKeys() throws {
        let other = try SigningKey.generate()
        let otherPaths = try other.write(prefix: directory.appending("other"))
        #expect(throws: OTAError.unknownKey(keyID: key.keyID.description, keyring: otherPaths.public)) {
            try verify(bundle, keyring: Keyring(path: otherPaths.public))
        }
        // Rotation: a directory keyring with both keys verifies bundles from either.
        let ring = directory.appending("ring")
        try FileManager.default.createDirectory(atPath: ring, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: keyringPath, toPath: "\(ring)/release.pub")
        try FileManager.default.copyItem(atPath: otherPaths.public, toPath: "\(ring)/other.pub")
        _ = try BundleWriter.create(request(output: directory.appending("o.kbundle")), key: other)
        let byOther = Array(try Data(contentsOf: URL(fileURLWithPath: directory.appending("o.kbundle"))))
        try verify(bundle, keyring: Keyring(path: ring))
        try verify(byOther, keyring: Keyring(path: ring))
        #expect(try Keyring(path: ring).entries.count == 2)
    }

    @Test func secretKeyFilesArePrivateAndNeverOverwritten() throws {
        var info = stat()
        #expect(stat(directory.appending("release.key"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(throws: OTAError.self) { try SigningKey.generate().write(prefix: directory.appending("release")) }
        chmod(directory.appending("release.key"), 0o644)
        #expect(throws: OTAError.self) { try SigningKey.load(path: directory.appending("release.key")) }
    }
}
