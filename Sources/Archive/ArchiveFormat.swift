import CLibarchiveLoader

/// The container formats Kiln writes.
public enum ArchiveFormat: Sendable, Equatable, Hashable, CaseIterable {
    /// POSIX.1-2001 tar: arbitrary names, large ids, nanosecond times, xattrs. Root filesystems use this.
    case pax
    /// POSIX.1-1988 tar: names up to 255 bytes, second-resolution times, no xattrs.
    case ustar
    /// GNU tar: long names via GNU extensions, second-resolution times, no xattrs.
    case gnutar
    /// SVR4 "newc" cpio as the Linux kernel unpacks for an initramfs: second-resolution times,
    /// no xattrs, no hard links.
    case cpioNewc

    /// The libarchive call that selects this format.
    func configuration(_ libarchive: Libarchive) -> (operation: String, apply: (OpaquePointer) -> Int32) {
        switch self {
        case .pax: ("archive_write_set_format_pax", libarchive.archive_write_set_format_pax)
        case .ustar: ("archive_write_set_format_ustar", libarchive.archive_write_set_format_ustar)
        case .gnutar: ("archive_write_set_format_gnutar", libarchive.archive_write_set_format_gnutar)
        case .cpioNewc: ("archive_write_set_format_cpio_newc", libarchive.archive_write_set_format_cpio_newc)
        }
    }

    /// Why this format cannot store `entry` as given, or `nil` if it can.
    ///
    /// libarchive drops what a format cannot hold without saying so; Kiln refuses instead,
    /// because a silently altered root filesystem boots wrong.
    func problem(storing entry: ArchiveEntry) -> String? {
        if entry.permissions & ~0o7777 != 0 {
            return "permissions 0o\(String(entry.permissions, radix: 8)) have bits beyond 0o7777"
        }
        if entry.kind != .regular && entry.size != 0 {
            return "size must be 0 for \(entry.kind), is \(entry.size)"
        }
        if entry.size < 0 { return "negative size \(entry.size)" }
        if !entry.xattrs.isEmpty && self != .pax {
            return "\(self) cannot store extended attributes; use .pax"
        }
        if case .hardlink = entry.kind, self == .cpioNewc {
            // newc links are entries sharing an inode with nlink > 1, and the first one must
            // already carry the final link count; libarchive writes them as empty files instead.
            return "hard links are not supported in cpio newc"
        }
        return nil
    }
}
