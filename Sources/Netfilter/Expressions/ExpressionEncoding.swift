import CLibnftnl

// Encoding of expressions into libnftnl rule objects. Each kind provides `encode(into:)` in its
// own file; this file dispatches and owns the shared setters.

/// What each expression kind knows about its libnftnl form.
protocol ExpressionEncoding {
    /// libnftnl's name for the expression (`"meta"`, `"cmp"`, ...).
    static var kind: String { get }
    /// Sets the expression's attributes on `expression`, a fresh `nftnl_expr` of `kind`.
    func encode(into expression: OpaquePointer)
}

extension Expression {
    var encoding: any ExpressionEncoding {
        switch self {
        case .meta(let e): e
        case .payload(let e): e
        case .compare(let e): e
        case .bitwise(let e): e
        case .conntrack(let e): e
        case .verdict(let e): e
        case .immediate(let e): e
        case .lookup(let e): e
        case .counter(let e): e
        case .limit(let e): e
        case .log(let e): e
        case .nat(let e): e
        case .masquerade(let e): e
        case .reject(let e): e
        case .flowOffload(let e): e
        }
    }

    /// Allocates the `nftnl_expr`, fills it and hands it to `rule` (which then owns it).
    /// - Throws: `NetfilterError` (`.build`, `.outOfMemory`) naming `object`, which is rendered
    ///   only then. (`nftnl_expr_alloc`)
    func append(to rule: OpaquePointer, object: @autoclosure () -> String) throws {
        let encoding = self.encoding
        guard let expression = nftnl_expr_alloc(type(of: encoding).kind) else {
            throw NetfilterError(.build, object: object(), errno: .outOfMemory, detail: "expression \(self)")
        }
        encoding.encode(into: expression)
        nftnl_rule_add_expr(rule, expression)
    }
}

/// The setters every expression file uses; libnftnl's attribute enums import as plain integers.
enum ExpressionAttribute {
    static func u32<A: BinaryInteger>(_ expression: OpaquePointer, _ attribute: A, _ value: UInt32) {
        nftnl_expr_set_u32(expression, UInt16(attribute), value)
    }

    static func u8<A: BinaryInteger>(_ expression: OpaquePointer, _ attribute: A, _ value: UInt8) {
        nftnl_expr_set_u8(expression, UInt16(attribute), value)
    }

    static func u64<A: BinaryInteger>(_ expression: OpaquePointer, _ attribute: A, _ value: UInt64) {
        nftnl_expr_set_u64(expression, UInt16(attribute), value)
    }

    static func string<A: BinaryInteger>(_ expression: OpaquePointer, _ attribute: A, _ value: String) {
        nftnl_expr_set_str(expression, UInt16(attribute), value)
    }

    static func bytes<A: BinaryInteger>(_ expression: OpaquePointer, _ attribute: A, _ value: [UInt8]) {
        // libnftnl refuses only an attribute the expression lacks or more data than it holds: an encoder bug, not input.
        let status = value.withUnsafeBytes { nftnl_expr_set(expression, UInt16(attribute), $0.baseAddress, UInt32($0.count)) }
        precondition(status == 0, "libnftnl refused \(value.count) bytes for expression attribute \(attribute)")
    }
}

extension Array where Element == UInt8 {
    /// `0a000001`-style hex, for expression descriptions.
    /// Two lowercase hex digits per byte, written straight into the string's storage (rules are
    /// described for their identity on every apply, so this is on the hot path).
    var hex: String {
        String(unsafeUninitializedCapacity: count * 2) { text in
            let digits: StaticString = "0123456789abcdef"
            for (index, byte) in enumerated() {
                text[2 * index] = digits.utf8Start[Int(byte >> 4)]
                text[2 * index + 1] = digits.utf8Start[Int(byte & 0x0F)]
            }
            return count * 2
        }
    }
}

