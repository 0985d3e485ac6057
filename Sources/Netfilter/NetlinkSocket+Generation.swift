import CLibmnl
import CLibnftnl
import Glibc

extension NetlinkSocket {
    /// The ruleset generation id. Every committed batch increments it, so reading it before
    /// a diff and again before sending detects changes made by someone else meanwhile.
    /// - Throws: `NetfilterError` (`.get`). (`NFT_MSG_GETGEN`, `nftnl_gen_nlmsg_parse`)
    public func generation() throws -> UInt32 {
        let object = "ruleset generation"
        let message = NetlinkMessage.build(type: NFT_MSG_GETGEN, family: UInt16(AF_UNSPEC), flags: NLM_F_ACK,
                                            payload: { _ in })
        let ids = try request(message, operation: .get, object: object) { header in
            let generation = try NftnlObject(allocate: nftnl_gen_alloc, free: nftnl_gen_free,
                                             operation: .parse, object: object)
            return try generation.withPointer { pointer in
                if nftnl_gen_nlmsg_parse(header, pointer) < 0 {
                    throw NetfilterError(.parse, object: object, errno: .current)
                }
                return nftnl_gen_get_u32(pointer, UInt16(NFTNL_GEN_ID))
            }
        }
        guard ids.count == 1 else {
            throw NetfilterError(.get, object: object, errno: .protocolError,
                                 detail: "expected one reply, got \(ids.count)")
        }
        return ids[0]
    }
}
