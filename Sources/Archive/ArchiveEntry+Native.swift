import CLibarchiveLoader

// Translation between `ArchiveEntry` and libarchive's `struct archive_entry`. Callers must be
// inside `UTF8Locale.run`, since the `_utf8` accessors convert through the thread's locale.
extension ArchiveEntry {
    /// Reads every field of a libarchive entry.
    ///
    /// Throws `ArchiveError.invalidEntry` when a name is not UTF-8 or a number does not fit.
    init(native entry: OpaquePointer, _ libarchive: Libarchive, archive: String) throws {
        let path: String?
        do {
            path = try Self.utf8(libarchive.archive_entry_pathname_utf8(entry),
                                 raw: libarchive.archive_entry_pathname(entry))
        } catch let problem as NativeFieldProblem {
            throw ArchiveError.invalidEntry(archive: archive, entry: "", reason: problem.description)
        }
        guard let path else {
            throw ArchiveError.invalidEntry(archive: archive, entry: "", reason: "entry has no path")
        }
        func invalid(_ reason: String) -> ArchiveError {
            .invalidEntry(archive: archive, entry: path, reason: reason)
        }
        guard let uid = UInt32(exactly: libarchive.archive_entry_uid(entry)),
              let gid = UInt32(exactly: libarchive.archive_entry_gid(entry)) else {
            let owner = "\(libarchive.archive_entry_uid(entry))/\(libarchive.archive_entry_gid(entry))"
            throw invalid("uid/gid \(owner) out of range")
        }
        do {
            let kind = try Self.kind(of: entry, libarchive)
            self.init(
                path: path,
                kind: kind,
                permissions: UInt32(libarchive.archive_entry_perm(entry)) & 0o7777,
                uid: uid,
                gid: gid,
                userName: try Self.name(libarchive.archive_entry_uname_utf8(entry),
                                        raw: libarchive.archive_entry_uname(entry)),
                groupName: try Self.name(libarchive.archive_entry_gname_utf8(entry),
                                         raw: libarchive.archive_entry_gname(entry)),
                modificationTime: Timestamp(
                    seconds: Int64(libarchive.archive_entry_mtime(entry)),
                    nanoseconds: Int32(clamping: libarchive.archive_entry_mtime_nsec(entry))),
                size: kind.carriesData ? libarchive.archive_entry_size(entry) : 0,
                xattrs: try Self.xattrs(of: entry, libarchive))
        } catch let reason as NativeFieldProblem {
            throw invalid(reason.description)
        }
    }

    /// Sets every field of a freshly created libarchive entry from this value.
    func populate(_ entry: OpaquePointer, _ libarchive: Libarchive) {
        libarchive.archive_entry_set_pathname_utf8(entry, path)
        libarchive.archive_entry_set_perm(entry, mode_t(permissions & 0o7777))
        libarchive.archive_entry_set_uid(entry, la_int64_t(uid))
        libarchive.archive_entry_set_gid(entry, la_int64_t(gid))
        if let userName { libarchive.archive_entry_set_uname_utf8(entry, userName) }
        if let groupName { libarchive.archive_entry_set_gname_utf8(entry, groupName) }
        libarchive.archive_entry_set_mtime(entry, time_t(modificationTime.seconds), Int(modificationTime.nanoseconds))
        libarchive.archive_entry_set_size(entry, size)
        populateKind(entry, libarchive)
        // libarchive prepends each added xattr and writes its list front to back, so adding in
        // reverse puts them into the archive in the caller's order.
        for attribute in xattrs.reversed() {
            attribute.value.withUnsafeBytes { bytes in
                libarchive.archive_entry_xattr_add_entry(entry, attribute.name, bytes.baseAddress, bytes.count)
            }
        }
    }

    private func populateKind(_ entry: OpaquePointer, _ libarchive: Libarchive) {
        switch kind {
        case .regular:
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifreg()))
        case .directory:
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifdir()))
        case .symlink(let target):
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_iflnk()))
            libarchive.archive_entry_set_symlink_utf8(entry, target)
        case .hardlink(let target):
            // A hard link is a regular-file header naming its target (tar linkflag '1').
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifreg()))
            libarchive.archive_entry_set_hardlink_utf8(entry, target)
        case let .characterDevice(major, minor):
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifchr()))
            libarchive.archive_entry_set_rdevmajor(entry, dev_t(major))
            libarchive.archive_entry_set_rdevminor(entry, dev_t(minor))
        case let .blockDevice(major, minor):
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifblk()))
            libarchive.archive_entry_set_rdevmajor(entry, dev_t(major))
            libarchive.archive_entry_set_rdevminor(entry, dev_t(minor))
        case .fifo:
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ififo()))
        case .socket:
            libarchive.archive_entry_set_filetype(entry, UInt32(kiln_ae_ifsock()))
        }
    }
}

extension ArchiveEntry.Kind {
    /// Whether entries of this kind have data after the header. cpio stores a symlink's target
    /// as its data and reports that length as the size; Kiln keeps the target in the kind instead.
    fileprivate var carriesData: Bool {
        switch self {
        case .regular, .hardlink: true
        default: false
        }
    }
}

/// Why one field of a native entry could not be read; becomes `ArchiveError.invalidEntry`
/// once the entry's path is known.
private struct NativeFieldProblem: Error, CustomStringConvertible {
    let description: String
}

extension ArchiveEntry {
    /// A libarchive string as Swift text; `nil` only when the field is absent.
    ///
    /// libarchive returns NULL from the `_utf8` accessor both for "absent" and for "cannot
    /// convert"; the raw accessor tells them apart, so a non-UTF-8 name is an error, not `nil`.
    private static func utf8(_ converted: UnsafePointer<CChar>?, raw: UnsafePointer<CChar>?) throws -> String? {
        if let converted, let text = String(validatingCString: converted) { return text }
        guard let raw else { return nil }
        // `String(cString:)` repairs invalid bytes, which is what a message needs.
        throw NativeFieldProblem(description: "name '\(String(cString: raw))' is not UTF-8")
    }

    /// An owner or group name; tar headers always have the field, so empty means "none recorded".
    private static func name(_ converted: UnsafePointer<CChar>?, raw: UnsafePointer<CChar>?) throws -> String? {
        guard let name = try utf8(converted, raw: raw), !name.isEmpty else { return nil }
        return name
    }

    private static func kind(of entry: OpaquePointer, _ libarchive: Libarchive) throws -> Kind {
        if let hardlink = try utf8(libarchive.archive_entry_hardlink_utf8(entry),
                                   raw: libarchive.archive_entry_hardlink(entry)) {
            return .hardlink(target: hardlink)
        }
        let type = libarchive.archive_entry_filetype(entry)
        switch type {
        case kiln_ae_ifreg(): return .regular
        case kiln_ae_ifdir(): return .directory
        case kiln_ae_iflnk():
            let target = try utf8(libarchive.archive_entry_symlink_utf8(entry),
                                  raw: libarchive.archive_entry_symlink(entry))
            guard let target else { throw NativeFieldProblem(description: "symlink without target") }
            return .symlink(target: target)
        case kiln_ae_ifchr(), kiln_ae_ifblk():
            guard let major = UInt32(exactly: libarchive.archive_entry_rdevmajor(entry)),
                  let minor = UInt32(exactly: libarchive.archive_entry_rdevminor(entry)) else {
                throw NativeFieldProblem(description: "device number out of range")
            }
            return type == kiln_ae_ifchr()
                ? .characterDevice(major: major, minor: minor) : .blockDevice(major: major, minor: minor)
        case kiln_ae_ififo(): return .fifo
        case kiln_ae_ifsock(): return .socket
        default: throw NativeFieldProblem(description: "unknown file type 0o\(String(type, radix: 8))")
        }
    }

    private static func xattrs(of entry: OpaquePointer, _ libarchive: Libarchive) throws -> [ExtendedAttribute] {
        // libarchive's list is newest first (see `populate`), i.e. reversed archive order.
        var listed: [ExtendedAttribute] = []
        _ = libarchive.archive_entry_xattr_reset(entry)
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while libarchive.archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK {
            guard let name, let text = String(validatingCString: name) else {
                throw NativeFieldProblem(description: "xattr name is not UTF-8")
            }
            listed.append(ExtendedAttribute(name: text, value: value.map {
                Array(UnsafeRawBufferPointer(start: $0, count: size))
            } ?? []))
        }
        var result: [ExtendedAttribute] = []
        for attribute in listed.reversed() {
            // libarchive's pax writer stores each xattr twice (LIBARCHIVE.xattr.* and SCHILY.xattr.*)
            // and its reader returns both. A file holds one value per name, so an exact repeat is
            // that echo; a repeat with another value is a conflict we cannot resolve.
            if let earlier = result.first(where: { $0.name == attribute.name }) {
                guard earlier.value == attribute.value else {
                    throw NativeFieldProblem(description: "xattr \(attribute.name) recorded twice with different values")
                }
                continue
            }
            result.append(attribute)
        }
        return result
    }
}
