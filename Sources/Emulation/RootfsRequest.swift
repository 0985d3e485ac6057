import Boards

/// What `kiln rootfs build` is asked for: an arm64 (or armhf) Debian tree as a tar.
public struct RootfsRequest: Sendable, Equatable {
    public var architecture: EmulatedArchitecture
    public var suite: String
    /// mmdebstrap's variant: extract, custom, essential, apt, required, minbase, buildd, important, debootstrap, standard.
    public var variant: String
    public var packages: [String]
    /// Shell scripts run inside the finished tree through `kiln emu run`, emulated.
    public var customizeScripts: [String]
    /// `FILE.tar`, `.tar.zst`, `.tar.gz` or `.tar.xz`.
    public var output: String
    /// The Debian mirror (mmdebstrap's default, deb.debian.org, when nil).
    public var mirror: String?
    /// Where downloaded packages are kept between builds.
    public var cacheDirectory: String
    /// The `kiln` executable the customize hooks call.
    public var kilnExecutable: String

    public static let variants = ["extract", "custom", "essential", "apt", "required", "minbase", "buildd",
                                  "important", "debootstrap", "standard"]

    public init(architecture: EmulatedArchitecture, suite: String = "bookworm", variant: String = "minbase",
                packages: [String] = [], customizeScripts: [String] = [], output: String, mirror: String? = nil,
                cacheDirectory: String, kilnExecutable: String) {
        self.architecture = architecture
        self.suite = suite
        self.variant = variant
        self.packages = packages
        self.customizeScripts = customizeScripts
        self.output = output
        self.mirror = mirror
        self.cacheDirectory = cacheDirectory
        self.kilnExecutable = kilnExecutable
    }

    /// Adds what `board`'s rootfs needs (its `[rootfs] packages`).
    /// - Throws: `EmulationError.invalidArgument` when the board is for another architecture.
    public mutating func include(_ board: Board) throws(EmulationError) {
        let boardArchitecture = try EmulatedArchitecture(named: board.architecture.rawValue)
        guard boardArchitecture == architecture else {
            throw .invalidArgument(name: "--board", value: board.name,
                                   reason: "the board is \(board.architecture.rawValue), the build is \(architecture.debianName)")
        }
        for package in board.rootfs.packages where !packages.contains(package) { packages.append(package) }
    }

    /// The cache directory Kiln uses by default: `/var/cache/kiln/debs` for root, else under `~/.cache`.
    public static func defaultCacheDirectory(environment: [String: String], isRoot: Bool) -> String {
        if isRoot { return "/var/cache/kiln/debs" }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(environment["HOME"] ?? "/tmp")/.cache"
        return "\(cache)/kiln/debs"
    }
}
