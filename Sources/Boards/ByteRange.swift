/// A half-open range of bytes on a disk: `[start, end)`.
public struct ByteRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var start: UInt64
    public var end: UInt64

    public init(start: UInt64, length: UInt64) {
        self.start = start
        self.end = start &+ length
    }

    public var length: UInt64 { end - start }

    public func overlaps(_ other: ByteRange) -> Bool {
        length > 0 && other.length > 0 && start < other.end && other.start < end
    }

    public func contains(_ other: ByteRange) -> Bool { other.start >= start && other.end <= end }

    public var description: String { "\(ByteSize(start).hex)..\(ByteSize(end).hex)" }
}
