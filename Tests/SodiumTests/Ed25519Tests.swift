import Sodium
import Testing

@Suite struct Ed25519Tests {
    /// RFC 8032, section 7.1, test 2: a one-byte message.
    @Test func signsTheRFC8032TestVector() throws {
        let seed = try SecureBytes(copying: hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))
        let pair = try Ed25519.KeyPair(seed: seed)
        #expect(pair.publicKey.bytes == hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))
        let signature = try pair.sign([0x72])
        #expect(signature.bytes == hex(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"))
        #expect(pair.publicKey.isValidSignature(signature, for: [0x72]))
    }

    @Test func rejectsATamperedMessageSignatureOrKey() throws {
        let pair = try Ed25519.KeyPair.generate()
        let message = Array("kiln bundle manifest".utf8)
        let signature = try pair.sign(message)
        #expect(pair.publicKey.isValidSignature(signature, for: message))
        for index in message.indices {
            var tampered = message
            tampered[index] ^= 0x01
            #expect(!pair.publicKey.isValidSignature(signature, for: tampered))
        }
        for index in signature.bytes.indices {
            var bytes = signature.bytes
            bytes[index] ^= 0x80
            #expect(!pair.publicKey.isValidSignature(try Ed25519.Signature(bytes: bytes), for: message))
        }
        let stranger = try Ed25519.KeyPair.generate()
        #expect(!stranger.publicKey.isValidSignature(signature, for: message))
    }

    @Test func aSeedDeterminesTheKeyPair() throws {
        let first = try Ed25519.KeyPair.generate()
        let again = try Ed25519.KeyPair(seed: first.seed)
        #expect(again.publicKey == first.publicKey)
        #expect(try again.sign([1, 2, 3]) == first.sign([1, 2, 3]))
    }

    @Test func rejectsWrongLengths() {
        #expect(throws: SodiumError.wrongLength(what: "an Ed25519 public key", expected: 32, actual: 31)) {
            try Ed25519.PublicKey(bytes: [UInt8](repeating: 0, count: 31))
        }
        #expect(throws: SodiumError.wrongLength(what: "an Ed25519 signature", expected: 64, actual: 65)) {
            try Ed25519.Signature(bytes: [UInt8](repeating: 0, count: 65))
        }
        #expect(throws: SodiumError.self) { try Ed25519.KeyPair(seed: SecureBytes(copying: [1, 2, 3])) }
    }
}

func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        bytes.append(UInt8(text[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}
