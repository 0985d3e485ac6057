import Foundation

/// Debian bookworm's x86-64 kernel and its modules, as `scripts/fetch-artifacts` publishes them under
/// `kernel-amd64/`: the kernel a `LinuxGuest` boots when the host's own lacks a feature (nf_flow_table).
public struct GuestKernel: Sendable {
    /// The bzImage QEMU boots with `-kernel`.
    public var vmlinuz: String
    /// The release, e.g. `6.1.0-56-amd64`, as `uname -r` reports it in the guest.
    public var version: String
    /// `lib/modules/<version>` of the package, with `modules.dep` written by depmod.
    public var modulesDirectory: String

    public init(vmlinuz: String, version: String, modulesDirectory: String) {
        self.vmlinuz = vmlinuz
        self.version = version
        self.modulesDirectory = modulesDirectory
    }

    /// The cached Debian amd64 kernel.
    /// - Throws: `ArtifactMissing` when `scripts/fetch-artifacts` has not run; tests fail rather than skip.
    public static func debianAMD64() throws -> GuestKernel {
        let version = try String(contentsOfFile: try Artifacts.path("kernel-amd64/version"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let modules = try Artifacts.path("kernel-amd64/modules/\(version)")
        _ = try Artifacts.path("kernel-amd64/modules/\(version)/modules.dep")
        return GuestKernel(vmlinuz: try Artifacts.path("kernel-amd64/vmlinuz"), version: version,
                           modulesDirectory: modules)
    }
}
