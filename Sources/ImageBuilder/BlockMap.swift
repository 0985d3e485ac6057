import FoundationEssentials
import Glibc
import Digest
import Sodium

/// Which blocks of an image hold data, with a SHA-256 per range: a bmaptool block map (format 2.0),
/// so `bmaptool copy` writes only those blocks to a card and verifies them.
public struct BlockMap: Sendable, Equatable {
    /// Blocks `first...last` (inclusive, as bmap files count them) and the SHA-256 of their bytes.
    public struct Range: Sendable, Equatable {
        public var first: UInt64
        public var last: UInt64
        /// Lower-case hex.
        public var sha256: String
    }

    public let imageSize: UInt64
    public let blockSize: UInt64
    public let ranges: [Range]

    /// Blocks in the image, the last one possibly partial.
    public var blocksCount: UInt64 { (imageSize + blockSize - 1) / blockSize }
    public var mappedBlocksCount: UInt64 { ranges.reduce(0) { $0 + $1.last - $1.first + 1 } }

    /// Maps `file` as written so far: every block the filesystem reports data in, hashed.
    /// - Throws: `ImageBuildError.io` from scanning or reading, `.cryptography`. Wraps `lseek(SEEK_DATA/SEEK_HOLE)`.
    public init(scanning file: ImageFile, blockSize: UInt64 = 4096) throws(ImageBuildError) {
        self.imageSize = file.size
        self.blockSize = blockSize
        var blocks: [ClosedRange<UInt64>] = []
        for data in try file.dataRanges() where !data.isEmpty {
            // A block with any data in it is mapped; adjacent extents join into one range.
            let first = data.lowerBound / blockSize, last = (data.upperBound - 1) / blockSize
            if let previous = blocks.last, first <= previous.upperBound + 1 {
                blocks[blocks.count - 1] = previous.lowerBound...max(previous.upperBound, last)
            } else {
                blocks.append(first...last)
            }
        }
        var ranges: [Range] = []
        for range in blocks {
            let digest = try Self.sha256(of: file, from: range.lowerBound * blockSize,
                                         to: min((range.upperBound + 1) * blockSize, file.size))
            ranges.append(Range(first: range.lowerBound, last: range.upperBound, sha256: digest))
        }
        self.ranges = ranges
    }

    private static func sha256(of file: ImageFile, from start: UInt64, to end: UInt64) throws(ImageBuildError) -> String {
        let hasher: SHA256
        do { hasher = try SHA256() } catch { throw .cryptography(reason: error.description) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var offset = start
        while offset < end {
            let wanted = UnsafeMutableRawBufferPointer(rebasing: chunk[0..<Int(min(UInt64(chunk.count), end - offset))])
            let count = try file.read(into: wanted, at: offset)
            guard count == wanted.count else { throw .io(operation: "read: file ends at \(offset + UInt64(count))", path: file.path, errno: EIO) }
            hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            offset += UInt64(count)
        }
        return hasher.finalize().hexString
    }

    /// The bmap XML, `BmapFileChecksum` included: the SHA-256 of the whole text with that field's
    /// 64 characters set to ASCII zeros, which is how bmaptool checks it.
    /// - Throws: `ImageBuildError.cryptography`.
    public func xml() throws(ImageBuildError) -> String {
        let placeholder = String(repeating: "0", count: 64)
        let text = xml(fileChecksum: placeholder)
        let checksum: String
        do { checksum = try SHA256.hash(Array(text.utf8)).hexString } catch { throw .cryptography(reason: error.description) }
        return xml(fileChecksum: checksum)
    }

    private func xml(fileChecksum: String) -> String {
        let percent = blocksCount == 0 ? 0 : Double(mappedBlocksCount) * 100 / Double(blocksCount)
        var lines = [
            "<?xml version=\"1.0\" ?>",
            "<!-- Block map (bmaptool format 2.0) of an image written by Kiln: only the listed blocks hold",
            "     data, the rest reads as zeros. Flash it with: bmaptool copy IMAGE DEVICE -->",
            "<bmap version=\"2.0\">",
            "    <!-- Image size in bytes: \(Self.humanSize(imageSize)) -->",
            "    <ImageSize> \(imageSize) </ImageSize>", "",
            "    <!-- Size of a block in bytes -->",
            "    <BlockSize> \(blockSize) </BlockSize>", "",
            "    <!-- Count of blocks in the image file -->",
            "    <BlocksCount> \(blocksCount) </BlocksCount>", "",
            "    <!-- Count of mapped blocks: \(Self.humanSize(mappedBlocksCount * blockSize)) or \(Self.oneDecimal(percent))% -->",
            "    <MappedBlocksCount> \(mappedBlocksCount) </MappedBlocksCount>", "",
            "    <!-- Type of checksum used in this file -->",
            "    <ChecksumType> sha256 </ChecksumType>", "",
            "    <!-- Checksum of this file, computed with this value set to all ASCII zeros -->",
            "    <BmapFileChecksum> \(fileChecksum) </BmapFileChecksum>", "",
            "    <!-- Ranges of mapped blocks (first-last, inclusive), each with the checksum of its bytes -->",
            "    <BlockMap>",
        ]
        for range in ranges {
            let blocks = range.first == range.last ? "\(range.first)" : "\(range.first)-\(range.last)"
            lines.append("        <Range chksum=\"\(range.sha256)\"> \(blocks) </Range>")
        }
        lines += ["    </BlockMap>", "</bmap>", ""]
        return lines.joined(separator: "\n")
    }

    /// `1.5 MiB`-style sizes for the comments, as bmaptool writes them.
    static func humanSize(_ bytes: UInt64) -> String {
        if bytes < 512 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        var size = Double(bytes)
        for unit in ["KiB", "MiB", "GiB", "TiB"] {
            size /= 1024
            if size < 1024 { return "\(oneDecimal(size)) \(unit)" }
        }
        return "\(oneDecimal(size / 1024)) EiB"
    }

    /// `%.1f` without Foundation's `String(format:)`, which would link its ICU layer.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Writes the XML to `path` atomically (temporary file, fsync, rename).
    /// - Throws: `ImageBuildError.diskFull`, `.io`, `.cryptography`.
    public func write(to path: String) throws(ImageBuildError) {
        let text = Array(try xml().utf8)
        let file = try ImageFile(path: path, size: UInt64(text.count))
        try file.write(text, at: 0)
        try file.commit()
    }
}
