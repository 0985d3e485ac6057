/// Hand-assembled netlink bytes, written out field by field from the kernel's UAPI headers
/// (`linux/netlink.h`, `linux/netfilter/nfnetlink.h`, `nf_tables.h`) so that fixtures do not
/// depend on the code under test.
enum NetlinkFixture {
    static func u16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func u32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func be32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    static func be64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    /// `struct nlmsghdr` followed by `body`; the length covers both.
    static func message(type: UInt16, flags: UInt16, sequence: UInt32, portID: UInt32 = 0, body: [UInt8]) -> [UInt8] {
        u32(UInt32(16 + body.count)) + u16(type) + u16(flags) + u32(sequence) + u32(portID) + body
    }

    /// `struct nfgenmsg`: family, version 0, big-endian resource id.
    static func nfgenmsg(family: UInt8, resourceID: UInt16 = 0) -> [UInt8] {
        [family, 0] + withUnsafeBytes(of: resourceID.bigEndian, Array.init)
    }

    /// One `struct nlattr` with its payload, padded to 4 bytes.
    static func attribute(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        let unpadded = u16(UInt16(4 + payload.count)) + u16(type) + payload
        return unpadded + [UInt8](repeating: 0, count: (4 - unpadded.count % 4) % 4)
    }

    static func string(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }
}
