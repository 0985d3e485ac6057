import FoundationEssentials
import Glibc

/// The set ranges Kiln last committed, valid while the kernel's ruleset generation has not moved.
///
/// Dumping a 100,000-prefix set costs the kernel a quadratic walk of its tree (it restarts the
/// walk for every 32 KiB chunk), which dominates a one-element change. Every commit by anyone
/// increments the generation, so while it equals the generation Kiln's own commit produced,
/// in the same network namespace and the same table, the kernel still holds exactly these ranges.
public struct RulesetCache: Sendable, Hashable {
    /// The network namespace's inode (`/proc/self/ns/net`): generations count per namespace.
    public var namespace: UInt64
    public var tableHandle: UInt64
    public var generation: UInt32
    public var sets: [String: [AddressRange]]

    /// The calling thread's network namespace inode, or 0 when it cannot be read.
    static var currentNamespace: UInt64 {
        var status = stat()
        return stat("/proc/thread-self/ns/net", &status) == 0 ? UInt64(status.st_ino) : 0
    }

    /// Whether the kernel state described by these values is the one the cache was made for.
    func matches(namespace: UInt64, table: UInt64?, generation: UInt32) -> Bool {
        namespace != 0 && namespace == self.namespace && table == tableHandle && generation == self.generation
    }
}

extension RulesetCache {
    /// A compact binary form: a 100,000-range cache reads and writes in milliseconds.
    /// Layout: magic, namespace, table handle, generation, set count; per set its name, range
    /// count, key length, then per range the start, an end flag and the end.
    public func encoded() -> Data {
        // Built in an array: appending to `Data` piece by piece costs more than the whole apply.
        var bytes: [UInt8] = Array("kilnrc1\n".utf8)
        bytes.reserveCapacity(64 + sets.values.reduce(0) { $0 + $1.count * 33 })
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        put(namespace); put(tableHandle); put(generation); put(UInt32(sets.count))
        for (name, ranges) in sets.sorted(by: { $0.key < $1.key }) {
            put(UInt32(name.utf8.count)); bytes.append(contentsOf: name.utf8)
            let keyLength = ranges.first?.start.count ?? 4
            put(UInt32(ranges.count)); put(UInt8(keyLength))
            for range in ranges {
                bytes.append(contentsOf: range.start)
                if let end = range.end {
                    bytes.append(1)
                    bytes.append(contentsOf: end)
                } else {
                    bytes.append(0)
                    bytes.append(contentsOf: repeatElement(0, count: keyLength))
                }
            }
        }
        return Data(bytes)
    }

    /// Decodes `encoded()`; `nil` when the data is not a cache (then Kiln dumps the kernel instead).
    public init?(decoding data: Data) {
        var reader = ByteReader(bytes: [UInt8](data))
        guard reader.take(8) == Array("kilnrc1\n".utf8), let namespace: UInt64 = reader.integer(),
              let table: UInt64 = reader.integer(), let generation: UInt32 = reader.integer(),
              let count: UInt32 = reader.integer() else { return nil }
        var sets: [String: [AddressRange]] = [:]
        for _ in 0..<count {
            guard let nameLength: UInt32 = reader.integer(), let name = reader.take(Int(nameLength)),
                  let rangeCount: UInt32 = reader.integer(), let keyLength: UInt8 = reader.integer() else { return nil }
            var ranges: [AddressRange] = []
            ranges.reserveCapacity(Int(rangeCount))
            for _ in 0..<rangeCount {
                guard let start = reader.take(Int(keyLength)), let hasEnd: UInt8 = reader.integer(),
                      let end = reader.take(Int(keyLength)) else { return nil }
                ranges.append(AddressRange(start: start, end: hasEnd == 1 ? end : nil))
            }
            sets[String(decoding: name, as: UTF8.self)] = ranges
        }
        self.init(namespace: namespace, tableHandle: table, generation: generation, sets: sets)
    }
}

/// Reads little-endian integers and byte runs from a buffer, `nil` past its end.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func integer<T: FixedWidthInteger>() -> T? {
        guard offset + MemoryLayout<T>.size <= bytes.count else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}
