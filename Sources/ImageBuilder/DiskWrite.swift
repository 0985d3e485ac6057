import Boards

/// Bytes to write at a byte offset of the image: what a partition table plans, what `ImageFile` writes.
public struct DiskWrite: Sendable, Equatable {
    public var offset: UInt64
    public var bytes: [UInt8]

    public init(offset: UInt64, bytes: [UInt8]) {
        self.offset = offset
        self.bytes = bytes
    }

    public var range: ByteRange { ByteRange(start: offset, length: UInt64(bytes.count)) }
}
