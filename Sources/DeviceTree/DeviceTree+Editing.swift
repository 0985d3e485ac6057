import CLibfdt
import CLibfdtLoader

extension DeviceTree {
    /// Sets property `name` of the node at `path` to `value`, creating the node (e.g. `/chosen`) when
    /// its parent exists, and growing the blob as needed. The result is packed.
    /// - Throws: `DeviceTreeError`. Wraps `fdt_open_into`, `fdt_add_subnode`, `fdt_setprop` and `fdt_pack`.
    public mutating func setProperty(_ name: String, at path: String, to value: [UInt8]) throws(DeviceTreeError) {
        let libfdt = try Libfdt.load()
        // libfdt edits in place and reports FDT_ERR_NOSPACE; give it room for the node name, the property
        // name in the strings block and the value, plus slack, then pack back to the minimum.
        let room = blob.count + value.count + path.utf8.count + name.utf8.count + 256
        var work = [UInt8](repeating: 0, count: room)
        let opened = blob.withUnsafeBytes { source in
            work.withUnsafeMutableBytes { libfdt.fdt_open_into(source.baseAddress!, $0.baseAddress!, Int32(room)) }
        }
        guard opened == 0 else { throw .libfdt(libfdt, "fdt_open_into", path: path, code: opened) }
        let edited = work.withUnsafeMutableBytes { fdt -> Result<Void, DeviceTreeError> in
            Result { () throws(DeviceTreeError) in
                let node = try Self.node(at: path, in: fdt.baseAddress!, creating: true, libfdt)
                let status = value.withUnsafeBytes {
                    libfdt.fdt_setprop(fdt.baseAddress!, node, name, $0.baseAddress, Int32(value.count))
                }
                guard status == 0 else { throw .libfdt(libfdt, "fdt_setprop \(name)", path: path, code: status) }
                let packed = libfdt.fdt_pack(fdt.baseAddress!)
                guard packed == 0 else { throw .libfdt(libfdt, "fdt_pack", path: path, code: packed) }
            }
        }
        try edited.get()
        let total = work.withUnsafeBytes { Int(kiln_fdt_totalsize($0.baseAddress)) }
        blob = Array(work[..<total])
    }

    /// Sets a string property (NUL-terminated, as `dtc` writes them).
    public mutating func setString(_ name: String, at path: String, to value: String) throws(DeviceTreeError) {
        try setProperty(name, at: path, to: Array(value.utf8) + [0])
    }

    /// The offset of the node at `path`, adding it under its parent when `creating` and absent.
    private static func node(at path: String, in fdt: UnsafeMutableRawPointer, creating: Bool,
                             _ libfdt: Libfdt) throws(DeviceTreeError) -> Int32 {
        let found = libfdt.fdt_path_offset(fdt, path)
        if found >= 0 { return found }
        guard found == -FDT_ERR_NOTFOUND, creating, path != "/", let slash = path.lastIndex(of: "/") else {
            if found == -FDT_ERR_NOTFOUND { throw .nodeNotFound(path: path) }
            throw .libfdt(libfdt, "fdt_path_offset", path: path, code: found)
        }
        let parentPath = slash == path.startIndex ? "/" : String(path[..<slash])
        let parent = libfdt.fdt_path_offset(fdt, parentPath)
        guard parent >= 0 else { throw .nodeNotFound(path: parentPath) }
        let added = libfdt.fdt_add_subnode(fdt, parent, String(path[path.index(after: slash)...]))
        guard added >= 0 else { throw .libfdt(libfdt, "fdt_add_subnode", path: path, code: added) }
        return added
    }
}
