/// What the script a `LinuxGuest` ran left behind.
public struct GuestRun: Sendable {
    /// The script's exit status (also non-zero when loading a module failed before it ran).
    public var status: Int32
    /// The script's standard output, byte for byte (it travels base64-encoded over the serial console).
    public var stdout: String
    /// The script's standard error (and the harness's own messages, e.g. a failed insmod).
    public var stderr: String
    /// Everything QEMU printed, for failure messages.
    public var console: String
}
