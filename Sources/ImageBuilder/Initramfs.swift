/// Kiln's own initramfs, planned without reading or writing anything: busybox, the modules that reach
/// the root filesystem, device nodes and a generated `/init` (see `InitScript`).
///
/// `InitramfsWriter` turns the plan into a compressed newc cpio, the format the kernel unpacks.
public struct Initramfs: Sendable, Equatable {
    /// The `uname -r` of the kernel the modules belong to; they go under `/lib/modules/<version>`.
    public let kernelVersion: String
    /// Module paths relative to `lib/modules/<version>`, in load order.
    public let modules: [String]
    /// Every member's modification time (`SOURCE_DATE_EPOCH`), so two builds are byte-identical.
    public let modificationTime: Int64
    /// The archive's members, sorted by path (so each directory precedes what it holds).
    public let members: [InitramfsMember]

    /// Plans an initramfs loading `moduleNames` (a board's `kernel.modules`) with their dependencies.
    /// - Throws: `InitramfsError.unknownModule` for a module neither loadable nor built in,
    ///   `.invalidKernelVersion` for a version that is empty or holds a `/`.
    public init(
        kernelVersion: String, moduleNames: [String], modules: KernelModules, sourceDateEpoch: Int64
    ) throws(InitramfsError) {
        try self.init(kernelVersion: kernelVersion, loadOrder: try modules.loadOrder(for: moduleNames),
                      sourceDateEpoch: sourceDateEpoch)
    }

    /// Plans an initramfs loading the module files `loadOrder` (relative to `lib/modules/<version>`) in that order.
    /// - Throws: `InitramfsError.invalidKernelVersion`.
    public init(kernelVersion: String, loadOrder: [String], sourceDateEpoch: Int64) throws(InitramfsError) {
        guard !kernelVersion.isEmpty, !kernelVersion.contains("/"), kernelVersion != ".", kernelVersion != ".." else {
            throw .invalidKernelVersion(kernelVersion)
        }
        self.kernelVersion = kernelVersion
        self.modules = loadOrder
        self.modificationTime = sourceDateEpoch
        let moduleRoot = "lib/modules/\(kernelVersion)"
        let script = Self.initScript(kernelVersion: kernelVersion, loadOrder: loadOrder)
        var members: [String: InitramfsMember] = [:]
        func add(_ path: String, _ content: InitramfsMember.Content, _ permissions: UInt32) {
            members[path] = InitramfsMember(path: path, content: content, permissions: permissions)
            // Every parent directory, so the kernel's unpacker finds it before the member.
            var parent = path
            while let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
                if members[parent] == nil { members[parent] = InitramfsMember(path: parent, content: .directory, permissions: 0o755) }
            }
        }
        for directory in ["bin", "dev", "proc", "sys", "newroot", moduleRoot] { add(directory, .directory, 0o755) }
        // The kernel opens /dev/console for init's output before /init can mount devtmpfs.
        add("dev/console", .characterDevice(major: 5, minor: 1), 0o600)
        add("dev/null", .characterDevice(major: 1, minor: 3), 0o666)
        add("bin/busybox", .busybox, 0o755)
        for applet in InitScript.applets { add("bin/\(applet)", .symlink(target: "busybox"), 0o777) }
        for module in loadOrder { add("\(moduleRoot)/\(module)", .module(module), 0o644) }
        add("init", .text(script.text), 0o755)
        self.members = members.values.sorted { $0.path < $1.path }
    }

    /// The generated `/init`.
    public var initScript: InitScript { Self.initScript(kernelVersion: kernelVersion, loadOrder: modules) }

    private static func initScript(kernelVersion: String, loadOrder: [String]) -> InitScript {
        InitScript(modules: loadOrder.map { "/lib/modules/\(kernelVersion)/\($0)" })
    }
}
