import CLibnftnl

/// Owns one libnftnl object (`struct nftnl_table *`, later chains, rules, sets) and frees it.
///
/// libnftnl objects are scratch space for encoding and decoding one message, so they never
/// leave the function that made them; this class only guarantees the free on every path.
final class NftnlObject {
    private let pointer: OpaquePointer
    private let free: (OpaquePointer) -> Void

    /// Allocates with `allocate`, frees with `free` on deinit. `object` (its `nft` words, for the
    /// error) is rendered only when the allocation fails.
    /// - Throws: `NetfilterError` (`.outOfMemory`) when the allocation fails.
    init(
        allocate: () -> OpaquePointer?, free: @escaping (OpaquePointer) -> Void,
        operation: NetlinkOperation, object: @autoclosure () -> String
    ) throws {
        guard let pointer = allocate() else {
            throw NetfilterError(operation, object: object(), errno: .outOfMemory)
        }
        self.pointer = pointer
        self.free = free
    }

    deinit { free(pointer) }

    /// Lends the pointer to `body`. The object stays alive until `body` returns; ARC may
    /// otherwise free it right after the pointer was read, while C still uses it.
    func withPointer<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(pointer) }
    }
}
