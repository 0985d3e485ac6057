import CLibext2fs
import CLibext2fsLoader

/// com_err's message table for libext2fs codes, registered once per process.
enum Ext4ErrorTable {
    /// Registering is idempotent in com_err, but a lazy static makes it happen before the first
    /// message is asked for without a global mutable flag. Only read after a successful load.
    private static let registered: Bool = {
        var reason: UnsafePointer<CChar>?
        kiln_libext2fs_load(&reason)?.pointee.initialize_ext2_error_table()
        return true
    }()

    /// The text for `code`; errno values get the C library's text. Wraps `error_message`.
    static func message(_ code: errcode_t, _ libext2fs: Libext2fs) -> String {
        _ = registered
        guard let text = libext2fs.error_message(code) else { return "unknown error \(code)" }
        return String(cString: text)
    }

    /// Registers the table; formatting calls it so early errors already have text.
    static func register() { _ = registered }
}
