/// A kernel's loadable modules as `depmod` describes them: each module's path and the modules it needs.
///
/// Names compare with `-` and `_` as one character, as the kernel and modprobe treat them.
public struct KernelModules: Sendable, Equatable {
    /// A module's path relative to `lib/modules/VERSION` (`kernel/fs/ext4/ext4.ko`) and those of its
    /// dependencies as `modules.dep` lists them (already transitive; depmod writes the whole closure).
    public struct Module: Sendable, Equatable {
        public var path: String
        public var dependencies: [String]
    }

    /// Where `modules.dep` was read from, for messages.
    public let dependencyFile: String
    /// Loadable modules by normalized name; the first line wins for a name listed twice, as modprobe does.
    public let modules: [String: Module]
    /// Normalized names of modules built into the kernel image.
    public let builtin: Set<String>

    /// Reads `modules.dep` and `modules.builtin` from `source`.
    /// - Throws: `InitramfsError.unreadable` when either file is missing, `.malformedModuleDependencies`.
    public init(source: some ModuleTreeSource) throws(InitramfsError) {
        try self.init(
            dependencies: String(decoding: try source.contents(of: "modules.dep"), as: UTF8.self),
            builtin: String(decoding: try source.contents(of: "modules.builtin"), as: UTF8.self),
            dependencyFile: "\(source.location)/modules.dep")
    }

    /// Parses the text of `modules.dep` and `modules.builtin`.
    /// - Throws: `InitramfsError.malformedModuleDependencies` naming `dependencyFile` and the line.
    public init(dependencies: String, builtin: String, dependencyFile: String) throws(InitramfsError) {
        var modules: [String: Module] = [:]
        for (index, line) in dependencies.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let (name, module) = try Self.parse(line, number: index + 1, file: dependencyFile)
            if modules[name] == nil { modules[name] = module }
        }
        self.dependencyFile = dependencyFile
        self.modules = modules
        self.builtin = Set(builtin.split(whereSeparator: \.isNewline).compactMap { Self.name(ofPath: String($0)) })
    }

    /// One `modules.dep` line: `kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko ...`.
    private static func parse(_ line: Substring, number: Int, file: String) throws(InitramfsError) -> (String, Module) {
        guard let colon = line.firstIndex(of: ":") else {
            throw .malformedModuleDependencies(file: file, line: number, reason: "no ':' after the module path")
        }
        let path = String(line[..<colon])
        let dependencies = line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace).map(String.init)
        for listed in [path] + dependencies {
            // Paths become archive members: one escaping the module tree would land anywhere in the initramfs.
            guard !listed.hasPrefix("/"), !listed.split(separator: "/").contains("..") else {
                throw .malformedModuleDependencies(file: file, line: number, reason: "'\(listed)' leaves the module tree")
            }
            guard name(ofPath: listed) != nil else {
                throw .malformedModuleDependencies(file: file, line: number, reason: "'\(listed)' is not a .ko file")
            }
        }
        guard let name = name(ofPath: path) else {
            throw .malformedModuleDependencies(file: file, line: number, reason: "'\(path)' is not a .ko file")
        }
        return (name, Module(path: path, dependencies: dependencies))
    }

    /// The module paths to load for `names`, dependencies before the modules needing them, each once.
    ///
    /// The order follows the request and, within a module, `modules.dep`'s listing, so it is the same on
    /// every run. Built-in modules are skipped: there is nothing to load.
    /// - Throws: `InitramfsError.unknownModule` for a name neither loadable nor built in.
    public func loadOrder(for names: [String]) throws(InitramfsError) -> [String] {
        var order: [String] = []
        var placed: Set<String> = []
        for requested in names {
            let name = Self.normalize(requested)
            guard let module = modules[name] else {
                if builtin.contains(name) { continue }
                throw .unknownModule(name: requested, dependencies: dependencyFile)
            }
            place(module, order: &order, placed: &placed, visiting: [])
        }
        return order
    }

    /// Depth first: a module goes in after everything it depends on. `visiting` breaks a cycle a
    /// corrupt `modules.dep` could hold (depmod itself refuses cycles).
    private func place(_ module: Module, order: inout [String], placed: inout Set<String>, visiting: Set<String>) {
        guard !placed.contains(module.path), !visiting.contains(module.path) else { return }
        for path in module.dependencies {
            // A dependency missing from the file's own keys is still loaded, just without its own list.
            let dependency = Self.name(ofPath: path).flatMap { modules[$0] }.flatMap { $0.path == path ? $0 : nil }
                ?? Module(path: path, dependencies: [])
            place(dependency, order: &order, placed: &placed, visiting: visiting.union([module.path]))
        }
        order.append(module.path)
        placed.insert(module.path)
    }

    /// `dw_mmc-rockchip` and `dw_mmc_rockchip` are the same module to the kernel.
    public static func normalize(_ name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }

    /// The normalized module name of `kernel/drivers/mmc/host/dw_mmc-rockchip.ko[.xz|.zst|.gz]`.
    static func name(ofPath path: String) -> String? {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".ko", ".ko.xz", ".ko.zst", ".ko.gz"] where file.hasSuffix(suffix) && file.count > suffix.count {
            return normalize(String(file.dropLast(suffix.count)))
        }
        return nil
    }
}
