import FoundationEssentials
import Glibc

/// An arm64 Debian root filesystem built by mmdebstrap over Kiln's binfmt_misc entries.
///
/// Kiln adds to plain mmdebstrap: its checks before anything runs, a package cache shared between
/// builds (mmdebstrap's documented `sync-in`/`sync-out` recipe), board packages, and customize
/// scripts run through `kiln emu run`. SOURCE_DATE_EPOCH passes through; mmdebstrap honours it.
public struct RootfsBuild: Sendable {
    public var request: RootfsRequest
    /// mmdebstrap's argument vector, without the program name.
    public let arguments: [String]

    /// Validates `request` and plans the mmdebstrap call; nothing is written.
    /// - Throws: `EmulationError.invalidArgument` (variant, suite, package, script, output),
    ///   `.toolMissing` (mmdebstrap), `.noHandler` (binfmt_misc).
    public init(request: RootfsRequest, binfmt: BinfmtMisc = BinfmtMisc()) throws(EmulationError) {
        try Self.validate(request)
        guard geteuid() == 0 else { throw .needsRoot(operation: "kiln rootfs build") }
        guard Self.findMmdebstrap() != nil else { throw .toolMissing(tool: "mmdebstrap", package: "mmdebstrap") }
        try Self.checkHandler(request.architecture, binfmt: binfmt)
        self.request = request
        self.arguments = Self.plan(request)
    }

    private static func validate(_ request: RootfsRequest) throws(EmulationError) {
        guard RootfsRequest.variants.contains(request.variant) else {
            throw .invalidArgument(name: "--variant", value: request.variant,
                                   reason: "not one of \(RootfsRequest.variants.joined(separator: ", "))")
        }
        guard isDebianName(request.suite) else {
            throw .invalidArgument(name: "--suite", value: request.suite, reason: "not a Debian suite or codename")
        }
        for package in request.packages where !isDebianName(package) || package.count < 2 {
            throw .invalidArgument(name: "--packages", value: package, reason: "not a Debian package name")
        }
        for script in request.customizeScripts where access(script, R_OK) != 0 {
            throw .invalidArgument(name: "--customize", value: script, reason: "no such readable file")
        }
        let extensions = [".tar", ".tar.zst", ".tar.gz", ".tar.xz"]
        guard extensions.contains(where: request.output.hasSuffix) else {
            throw .invalidArgument(name: "--output", value: request.output, reason: "must end in \(extensions.joined(separator: ", "))")
        }
        let directory = request.output.lastIndex(of: "/").map { String(request.output[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        guard access(directory, W_OK) == 0 else {
            throw .invalidArgument(name: "--output", value: request.output, reason: "its directory does not exist or is not writable")
        }
    }

    /// Debian's package-name characters (policy 5.6.1); suites use the same set.
    static func isDebianName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first),
              name.allSatisfy({ $0.isASCII }) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }

    private static func checkHandler(_ architecture: EmulatedArchitecture, binfmt: BinfmtMisc) throws(EmulationError) {
        guard binfmt.isMounted, try binfmt.isEnabled(),
              try binfmt.entries().contains(where: { $0.enabled && $0.handles(architecture) && $0.flags.contains(.fixBinary) })
        else { throw .noHandler(architecture: architecture.rawValue) }
    }

    static func findMmdebstrap() -> String? {
        ["/usr/bin/mmdebstrap", "/usr/local/bin/mmdebstrap"].first { access($0, X_OK) == 0 }
    }

    /// The mmdebstrap arguments for `request`.
    static func plan(_ request: RootfsRequest) -> [String] {
        let cache = shellQuoted(request.cacheDirectory)
        var arguments = ["--mode=root", "--arch=\(request.architecture.debianName)", "--variant=\(request.variant)"]
        if !request.packages.isEmpty { arguments.append("--include=\(request.packages.joined(separator: ","))") }
        // Keep the downloaded packages in the tree until sync-out has copied them to the cache.
        arguments += ["--skip=download/empty", "--skip=essential/unlink",
                      "--setup-hook=mkdir -p \(cache) \"$1\"/var/cache/apt/archives/",
                      "--setup-hook=sync-in \(cache) /var/cache/apt/archives/"]
        for script in request.customizeScripts {
            let kiln = shellQuoted(request.kilnExecutable), path = shellQuoted(absolute(script))
            arguments.append("--customize-hook=\(kiln) emu run --root \"$1\" -- /bin/sh -s < \(path)")
        }
        arguments += ["--customize-hook=sync-out /var/cache/apt/archives \(cache)",
                      "--customize-hook=rm -f \"$1\"/var/cache/apt/archives/*.deb"]
        arguments += [request.suite, request.output]
        if let mirror = request.mirror { arguments.append(mirror) }
        return arguments
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
