/// Who registered a binfmt_misc entry, judged from the records each registrar keeps.
public enum BinfmtOwner: String, Sendable, Codable, CustomStringConvertible {
    /// Kiln: its record in `/run/kiln/binfmt` matches the entry.
    case kiln
    /// Debian's binfmt-support: `/var/lib/binfmts/NAME` exists.
    case binfmtSupport = "binfmt-support"
    /// systemd-binfmt: a `binfmt.d` file registers the name with the same interpreter.
    case systemdBinfmt = "systemd-binfmt"
    case unknown

    public var description: String { rawValue }
}
