import OTA
import Testing

@Suite struct SemanticVersionTests {
    @Test func ordersAsSemVerSaysIncludingPrereleases() throws {
        // SemVer 2.0 §11's own example chain.
        let chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                     "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"]
        let versions = try chain.map { try SemanticVersion($0) }
        for index in versions.indices.dropLast() { #expect(versions[index] < versions[index + 1], "\(chain[index]) < \(chain[index + 1])") }
        #expect(try SemanticVersion("1.2.3+build.5") == SemanticVersion("1.2.3"))
        #expect(try SemanticVersion("1.2.3-rc.1+x").description == "1.2.3-rc.1+x")
    }

    @Test(arguments: ["1.2", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "1.2.3-01", "", "v1.2.3", "1.2.3+"])
    func refusesWhatIsNotSemVer(_ text: String) {
        #expect(throws: OTAError.self) { try SemanticVersion(text) }
    }
}

@Suite struct ManifestCodingTests {
    let manifest = try! Manifest(
        compatible: "nanopi-r2s", version: SemanticVersion("2.1.0-rc.1"), minimumVersion: SemanticVersion("2.0.0"),
        buildTime: 1_700_000_000, keyID: KeyID(bytes: [1, 2, 3, 4, 5, 6, 7, 8]),
        payloads: [.init(name: "rootfs", type: "ext4", size: 3 * 4096 + 17, chunkSize: 4096,
                         sha256: Array(repeating: 9, count: 32),
                         chunks: [.stored(sha256: Array(repeating: 1, count: 32)), .zero,
                                  .stored(sha256: Array(repeating: 2, count: 32)), .stored(sha256: Array(repeating: 3, count: 32))])])

    @Test func roundTripsEveryField() throws {
        let decoded = try Manifest(decoding: manifest.encoded, keyID: manifest.keyID, source: "test")
        #expect(decoded == manifest)
        #expect(decoded.payloads[0].storedLength == 2 * 4096 + 17)
    }

    @Test func refusesTrailingBytesWrongChunkCountsAndUnknownKinds() throws {
        let body = manifest.encoded
        #expect(throws: OTAError.self) { try Manifest(decoding: body + [0], keyID: manifest.keyID, source: "t") }
        for cut in stride(from: 0, to: body.count, by: 7) {
            #expect(throws: OTAError.self) { try Manifest(decoding: Array(body[..<cut]), keyID: manifest.keyID, source: "t") }
        }
        var wrongCount = manifest
        wrongCount.payloads[0].chunks.removeLast()
        #expect(throws: OTAError.self) { try Manifest(decoding: wrongCount.encoded, keyID: manifest.keyID, source: "t") }
        var badKind = body
        // The first chunk's kind byte sits 4 chunks × 33 bytes before the end.
        badKind[body.count - 4 * 33] = 7
        #expect(throws: OTAError.self) { try Manifest(decoding: badKind, keyID: manifest.keyID, source: "t") }
    }

    /// Found by scripts/fuzz-manifest: a size near 2^64 overflowed the chunk count, and a large declared count
    /// was allocated before its bytes were checked. Both are refused now, without trapping.
    @Test func refusesSizesAndCountsNoManifestCanHold() throws {
        var huge = manifest
        huge.payloads[0].size = .max
        #expect(throws: OTAError.self) { try Manifest(decoding: huge.encoded, keyID: manifest.keyID, source: "t") }
        #expect(Manifest.Payload.chunkCount(size: .max, chunkSize: 4096) == Int(UInt64.max / 4096 + 1))
        var many = manifest
        many.payloads[0].size = UInt64(4096) << 30      // 2^30 chunks declared, four present
        var body = many.encoded
        let countOffset = body.count - 4 * 33 - 4
        body.replaceSubrange(countOffset..<countOffset + 4, with: [0, 0, 0, 0x40])
        #expect(throws: OTAError.self) { try Manifest(decoding: body, keyID: manifest.keyID, source: "t") }
    }
}
