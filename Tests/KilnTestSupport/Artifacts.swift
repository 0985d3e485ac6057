import Foundation

/// The Debian packages `scripts/fetch-artifacts` unpacks: real arm64 kernels, DTBs, U-Boot and firmware, and
/// the amd64 kernel `LinuxGuest` boots (see `GuestKernel`).
public enum Artifacts {
    /// `$KILN_ARTIFACTS`, else `${XDG_CACHE_HOME:-$HOME/.cache}/kiln/artifacts`, as the script decides.
    public static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["KILN_ARTIFACTS"], !explicit.isEmpty { return explicit }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["HOME"] ?? NSHomeDirectory())/.cache"
        return "\(cache)/kiln/artifacts"
    }

    /// The path of `relative` inside the cache.
    /// - Throws: `ArtifactMissing` naming the file and the script to run; tests fail rather than skip.
    public static func path(_ relative: String) throws -> String {
        let path = "\(directory)/\(relative)"
        guard FileManager.default.fileExists(atPath: path) else { throw ArtifactMissing(path: path) }
        return path
    }

    /// The bytes of `relative` inside the cache.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try path(relative))))
    }
}

public struct ArtifactMissing: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path) is missing: run scripts/fetch-artifacts (make test does)" }
}
