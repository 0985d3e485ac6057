import CLibext2fs

/// com_err's message table for libext2fs codes, registered once per process.
enum Ext4ErrorTable {
    /// Registering is idempotent in com_err, but a lazy static makes it happen before the first
    /// message is asked for without a global mutable flag.
    private static let registered: Bool = {
        initialize_ext2_error_table()
        return true
    }()

    /// The text for `code`; errno values get the C library's text. Wraps `error_message`.
    static func message(_ code: errcode_t) -> String {
        _ = registered
        guard let text = error_message(code) else { return "unknown error \(code)" }
        return String(cString: text)
    }

    /// Registers the table; formatting calls it so early errors already have text.
    static func register() { _ = registered }
}
