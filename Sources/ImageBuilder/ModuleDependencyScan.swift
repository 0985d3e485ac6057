import Glibc

/// A kernel's module dependencies when its tree has no `modules.dep`: a root filesystem unpacked from
/// Debian packages has none (the kernel package's postinst runs depmod on the device). `modules.order`
/// names every module's path and each module's own `.modinfo` lists what it `depends=` on, so the
/// closure of what a board asks for is worked out from the modules themselves, as depmod would.
enum ModuleDependencyScan {
    /// `modules.dep` when the tree has one, else the dependencies of `requested` read from the modules.
    /// - Throws: `InitramfsError.unreadable` when neither `modules.dep` nor `modules.order` is there,
    ///   or a needed module cannot be read.
    static func modules(source: some ModuleTreeSource, requested: [String]) throws(InitramfsError) -> KernelModules {
        if let dependencies = try? source.contents(of: "modules.dep") {
            return try KernelModules(dependencies: String(decoding: dependencies, as: UTF8.self),
                                     builtin: String(decoding: try source.contents(of: "modules.builtin"), as: UTF8.self),
                                     dependencyFile: "\(source.location)/modules.dep")
        }
        let order = String(decoding: try source.contents(of: "modules.order"), as: UTF8.self)
        let builtin = (try? source.contents(of: "modules.builtin")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var paths: [String: String] = [:]
        for line in order.split(whereSeparator: \.isNewline) {
            let path = String(line)
            if let name = KernelModules.name(ofPath: path), paths[name] == nil { paths[name] = path }
        }
        var lines: [String] = []
        var seen: Set<String> = []
        var queue = requested.map(KernelModules.normalize).reversed() as [String]
        while let name = queue.popLast() {
            guard seen.insert(name).inserted, let path = paths[name] else { continue }
            guard path.hasSuffix(".ko") else {
                throw .unreadable(file: "\(source.location)/\(path)", reason: "a compressed module needs modules.dep (run depmod)")
            }
            let needs = dependencies(in: try source.contents(of: path))
            lines.append("\(path): " + needs.compactMap { paths[$0] }.joined(separator: " "))
            queue.append(contentsOf: needs.reversed())
        }
        return try KernelModules(dependencies: lines.joined(separator: "\n"), builtin: builtin,
                                 dependencyFile: "\(source.location)/modules.order")
    }

    /// The normalized names in a module's `depends=` modinfo string (NUL-separated strings in `.modinfo`).
    static func dependencies(in module: [UInt8]) -> [String] {
        let key = Array("depends=".utf8)
        return module.withUnsafeBytes { buffer -> [String] in
            guard let base = buffer.baseAddress else { return [] }
            var index = 0
            while index + key.count < buffer.count,
                  let hit = memchr(base + index, Int32(key[0]), buffer.count - index - key.count) {
                index = base.distance(to: UnsafeRawPointer(hit))
                if (index == 0 || buffer[index - 1] == 0), buffer[index..<(index + key.count)].elementsEqual(key) {
                    let start = index + key.count
                    let end = buffer[start...].firstIndex(of: 0) ?? buffer.count
                    return String(decoding: buffer[start..<end], as: UTF8.self)
                        .split(separator: ",").map { KernelModules.normalize(String($0)) }
                }
                index += 1
            }
            return []
        }
    }
}
