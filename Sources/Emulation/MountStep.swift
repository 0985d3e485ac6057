import Glibc

/// One mount the namespace's init makes before chroot, described for the C launcher and for errors.
struct MountStep: Sendable, Equatable {
    enum Create: Int32, Sendable { case nothing = 0, directory = 1, file = 2 }

    var source: String?
    var target: String
    var fstype: String?
    var flags: UInt
    var data: String?
    var create: Create
    /// How error messages name the step, e.g. `mount proc on /proc`.
    var label: String

    static func kernel(_ type: String, at path: String, in root: String, data: String? = nil) -> MountStep {
        MountStep(source: type, target: root + path, fstype: type, flags: UInt(MS_NOSUID | MS_NODEV | MS_NOEXEC),
                  data: data, create: .directory, label: "mount \(type) on \(path)")
    }

    static func tmpfs(at path: String, in root: String, mode: String) -> MountStep {
        MountStep(source: "tmpfs", target: root + path, fstype: "tmpfs", flags: UInt(MS_NOSUID | MS_NODEV),
                  data: "mode=\(mode)", create: .directory, label: "mount tmpfs on \(path)")
    }

    static func bind(_ source: String, at path: String, in root: String, create: Create) -> MountStep {
        MountStep(source: source, target: root + path, fstype: nil, flags: UInt(MS_BIND | MS_REC), data: nil,
                  create: create, label: "bind \(source) on \(path)")
    }
}
