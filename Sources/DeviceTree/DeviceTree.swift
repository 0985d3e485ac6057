import CLibfdt
import CLibfdtLoader

/// A flattened device tree (DTB), read and patched in memory through libfdt.
///
/// A value: patching a copy leaves the original as it was. `blob` is always a valid, packed DTB.
public struct DeviceTree: Sendable, Equatable {
    public internal(set) var blob: [UInt8]

    /// Checks `blob` and keeps exactly the tree's bytes (`totalsize`).
    /// - Throws: `DeviceTreeError.invalidBlob`; `.unloadable` when libfdt cannot be loaded.
    ///   Wraps `fdt_check_header` and `fdt_check_full`.
    public init(blob: [UInt8]) throws(DeviceTreeError) {
        let libfdt = try Libfdt.load()
        guard blob.count >= 40 else { throw .invalidBlob(reason: "\(blob.count) bytes is shorter than a DTB header") }
        let (header, total) = blob.withUnsafeBytes {
            (libfdt.fdt_check_header($0.baseAddress!), Int(kiln_fdt_totalsize($0.baseAddress!)))
        }
        guard header == 0 else { throw .invalidBlob(reason: libfdt.message(for: header)) }
        guard total <= blob.count else {
            throw .invalidBlob(reason: "header says \(total) bytes, but only \(blob.count) are there")
        }
        let full = blob.withUnsafeBytes { libfdt.fdt_check_full($0.baseAddress!, total) }
        guard full == 0 else { throw .invalidBlob(reason: libfdt.message(for: full)) }
        self.blob = Array(blob[..<total])
    }

    /// The raw value of property `name` of the node at `path`, or nil when the node has no such property.
    /// - Throws: `DeviceTreeError.nodeNotFound`. Wraps `fdt_path_offset` and `fdt_getprop`.
    public func property(_ name: String, at path: String) throws(DeviceTreeError) -> [UInt8]? {
        let libfdt = try Libfdt.load()
        let node = try offset(of: path, libfdt)
        return blob.withUnsafeBytes { fdt -> [UInt8]? in
            var length: Int32 = 0
            guard let value = libfdt.fdt_getprop(fdt.baseAddress!, node, name, &length), length >= 0 else { return nil }
            return Array(UnsafeRawBufferPointer(start: value, count: Int(length)))
        }
    }

    /// A string-list property (`compatible`, for one) as Swift strings; nil when absent.
    /// - Throws: `DeviceTreeError.nodeNotFound`, `.malformedProperty` when not NUL-terminated UTF-8.
    public func strings(_ name: String, at path: String) throws(DeviceTreeError) -> [String]? {
        guard let value = try property(name, at: path) else { return nil }
        guard value.last == 0 else {
            throw .malformedProperty(path: path, name: name, reason: "is not a NUL-terminated string list")
        }
        return try value.dropLast().split(separator: 0, omittingEmptySubsequences: false).map { bytes throws(DeviceTreeError) in
            guard let string = String(validating: bytes, as: UTF8.self) else {
                throw .malformedProperty(path: path, name: name, reason: "is not UTF-8 text")
            }
            return string
        }
    }

    /// The root node's `compatible` strings, most specific first (empty when absent).
    public var compatible: [String] { (try? strings("compatible", at: "/")) ?? [] }

    /// The root node's `model`, e.g. `FriendlyElec NanoPi R2S`.
    public var model: String? { (try? strings("model", at: "/"))?.first }

    func offset(of path: String, _ libfdt: Libfdt) throws(DeviceTreeError) -> Int32 {
        let node = blob.withUnsafeBytes { libfdt.fdt_path_offset($0.baseAddress!, path) }
        if node == -FDT_ERR_NOTFOUND { throw .nodeNotFound(path: path) }
        guard node >= 0 else { throw .libfdt(libfdt, "fdt_path_offset", path: path, code: node) }
        return node
    }
}
