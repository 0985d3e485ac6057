import LocalFiles
/// The set ranges Kiln last committed, valid while the kernel's ruleset generation has not moved.
///
/// Dumping a 100,000-prefix set costs the kernel a quadratic walk of its tree (it restarts the
/// walk for every 32 KiB chunk), which dominates a one-element change. Every commit by anyone
/// increments the generation, so while it equals the generation Kiln's own commit produced,
/// in the same network namespace and the same table, the kernel still holds exactly these ranges.
public struct RulesetCache: Sendable, Hashable {
    /// The network namespace's cookie (`NetlinkSocket.namespaceCookie`): generations count per
    /// namespace, and a cookie, unlike an inode number, is never reused.
    public var namespace: UInt64
    public var tableHandle: UInt64
    public var generation: UInt32
    public var sets: [String: AddressRanges]

    public init(namespace: UInt64, tableHandle: UInt64, generation: UInt32, sets: [String: AddressRanges]) {
        self.namespace = namespace
        self.tableHandle = tableHandle
        self.generation = generation
        self.sets = sets
    }

    /// Whether the kernel state described by these values is the one the cache was made for.
    func matches(namespace: UInt64, table: UInt64?, generation: UInt32) -> Bool {
        namespace != 0 && namespace == self.namespace && table == tableHandle && generation == self.generation
    }
}

extension RulesetCache {
    static let magic = Array("kilnrc2\n".utf8)

    /// A compact binary form, written and read as raw memory: 100,000 ranges in about a millisecond.
    /// Layout (little-endian): magic, namespace, table handle, generation, set count; per set its
    /// name length and name, version (4 or 6), range count, then the ranges as first/last pairs.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        encode { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes `encoded()` to `output` piece by piece: the ranges go out straight from their
    /// arrays, with no copy of the whole cache in memory. (`write`)
    /// - Throws: `FileError`.
    public func write(to output: borrowing FileOutput) throws(FileError) {
        var failure: FileError?
        encode { piece in
            guard failure == nil else { return }
            do throws(FileError) { try output.write(piece) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Hands the encoding to `emit` in pieces, in order.
    private func encode(_ emit: (UnsafeRawBufferPointer) -> Void) {
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian, emit) }
        Self.magic.withUnsafeBytes(emit)
        put(namespace); put(tableHandle); put(generation); put(UInt32(sets.count))
        for (name, ranges) in sets.sorted(by: { $0.key < $1.key }) {
            put(UInt32(name.utf8.count)); Array(name.utf8).withUnsafeBytes(emit)
            put(UInt8(ranges.version == .ipv4 ? 4 : 6)); put(UInt32(ranges.count))
            switch ranges {
            case .ipv4(let list): Self.emitRanges(list, emit)
            case .ipv6(let list): Self.emitRanges(list, emit)
            }
        }
    }

    /// First/last pairs, little-endian: on a little-endian machine that is the array's memory.
    private static func emitRanges<Key: FixedWidthInteger>(_ list: [ClosedRange<Key>], _ emit: (UnsafeRawBufferPointer) -> Void) {
        #if _endian(little)
        if MemoryLayout<ClosedRange<Key>>.stride == 2 * MemoryLayout<Key>.size { return list.withUnsafeBytes(emit) }
        #endif
        for range in list {
            withUnsafeBytes(of: range.lowerBound.littleEndian, emit)
            withUnsafeBytes(of: range.upperBound.littleEndian, emit)
        }
    }

    /// Decodes `encoded()`; `nil` when the bytes are not a cache, or hold ranges that are not
    /// sorted and disjoint (then Kiln dumps the kernel instead).
    public init?(decoding bytes: [UInt8]) {
        self.init(source: ByteSource(bytes: bytes))
    }

    /// Reads a cache file written by `write(to:)` straight into its range arrays; `nil` when the
    /// file is missing, unreadable or not a valid cache.
    public init?(readingFile path: String) {
        guard let input = try? FileInput(path) else { return nil }
        self.init(source: FileSource(input: input))
    }

    private init?<Source: CacheSource & ~Copyable>(source: consuming Source) {
        var reader = CacheReader(source: source)
        self.init(reading: &reader)
    }

    /// Decodes a cache from `reader`, which is left after the cache's last byte (a router state
    /// snapshot goes on with its config).
    init?<Source: CacheSource & ~Copyable>(reading reader: inout CacheReader<Source>) {
        guard reader.take(Self.magic.count) == Self.magic, let namespace: UInt64 = reader.integer(),
              let table: UInt64 = reader.integer(), let generation: UInt32 = reader.integer(),
              let count: UInt32 = reader.integer() else { return nil }
        var sets: [String: AddressRanges] = [:]
        for _ in 0..<count {
            guard let nameLength: UInt32 = reader.integer(), nameLength <= 1024, let name = reader.take(Int(nameLength)),
                  let version: UInt8 = reader.integer(), let rangeCount: UInt32 = reader.integer() else { return nil }
            let ranges: AddressRanges
            switch version {
            case 4: guard let list = reader.ranges(Int(rangeCount), UInt32.self) else { return nil }; ranges = .ipv4(list)
            case 6: guard let list = reader.ranges(Int(rangeCount), UInt128.self) else { return nil }; ranges = .ipv6(list)
            default: return nil
            }
            sets[String(decoding: name, as: UTF8.self)] = ranges
        }
        self.init(namespace: namespace, tableHandle: table, generation: generation, sets: sets)
    }
}
