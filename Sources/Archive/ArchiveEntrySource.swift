/// Anything that yields archive entries with their data: an archive file or a directory tree.
///
/// Consumers such as the ext4 writer take any source, so `kiln image build --rootfs` accepts a
/// tar or a directory alike.
public protocol ArchiveEntrySource: AnyObject {
    /// How errors name the source.
    var name: String { get }
    /// Advances to the next entry and returns its header, or `nil` at the end.
    func next() throws -> ArchiveEntry?
    /// Hands the current entry's data to `body` block by block, at the offsets they belong to;
    /// holes may be skipped.
    func readDataBlocks(_ body: (_ offset: Int64, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws
}

extension ArchiveReader: ArchiveEntrySource {}
