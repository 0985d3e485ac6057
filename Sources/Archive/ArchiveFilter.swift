import CLibarchiveLoader

/// The compression applied on top of an archive format.
public enum ArchiveFilter: Sendable, Equatable, Hashable, CaseIterable {
    case none
    /// gzip without the header timestamp, so the output depends only on the input.
    case gzip
    case xz
    case zstd

    /// The libarchive calls that set up this filter, in order.
    func configuration(_ libarchive: Libarchive) -> [(operation: String, apply: (OpaquePointer) -> Int32)] {
        switch self {
        case .none: [("archive_write_add_filter_none", libarchive.archive_write_add_filter_none)]
        case .gzip: [
            ("archive_write_add_filter_gzip", libarchive.archive_write_add_filter_gzip),
            // libarchive's gzip writer stores the current time in the header unless told not to;
            // it never stores a file name.
            ("archive_write_set_filter_option(gzip:!timestamp)", {
                libarchive.archive_write_set_filter_option($0, "gzip", "timestamp", nil)
            }),
        ]
        case .xz: [("archive_write_add_filter_xz", libarchive.archive_write_add_filter_xz)]
        case .zstd: [("archive_write_add_filter_zstd", libarchive.archive_write_add_filter_zstd)]
        }
    }
}
