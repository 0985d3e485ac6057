/// The rule user-data format `nft` uses for comments: TLVs of one type byte, one length byte and
/// the value, where type 0 (`NFTNL_UDATA_RULE_COMMENT`) holds a NUL-terminated string.
///
/// Written out by hand because libnftnl's `nftnl_udata_*` API needs a buffer object and an
/// iteration macro for what is two bytes of framing.
enum RuleComment {
    static let commentType: UInt8 = 0

    static func encode(_ comment: String) -> [UInt8] {
        let value = Array(comment.utf8) + [0]
        return [commentType, UInt8(value.count)] + value
    }

    static func decode(_ bytes: [UInt8]) -> String? {
        var index = 0
        while index + 2 <= bytes.count {
            let type = bytes[index], length = Int(bytes[index + 1])
            let start = index + 2, end = start + length
            guard end <= bytes.count else { return nil }
            if type == commentType {
                let value = bytes[start..<end].prefix { $0 != 0 }
                return String(decoding: value, as: UTF8.self)
            }
            index = end
        }
        return nil
    }
}
