/// Why a U-Boot environment, its storage or a boot script image could not be read, written or built.
public enum EnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One stored copy is not a valid environment: `storage` is its device or file, `offset` where the copy starts.
    case invalidCopy(storage: String, offset: UInt64, reason: CopyDefect)
    /// No copy of the environment is valid; `copies` says why for each.
    case noValidCopy(copies: [EnvironmentError])
    /// The variables need `needed` bytes but a copy holds only `capacity` (after its CRC and flags).
    case tooLarge(needed: Int, capacity: Int)
    /// A variable U-Boot could not store: an empty name, `=` or NUL in the name, NUL in the value.
    case invalidVariable(name: String, reason: String)
    /// A line of `fw_env.config` (1-based) that does not describe a copy.
    case invalidConfiguration(file: String, line: Int, reason: String)
    /// A system call on `path` failed with `errno`.
    case io(path: String, operation: String, errno: Int32)
    /// `path` ended before `expected` bytes could be read at `offset`.
    case shortRead(path: String, offset: UInt64, expected: Int, read: Int)
    /// No built-in default environment was found in a U-Boot binary.
    case defaultEnvironmentNotFound(reason: String)
    /// A boot script image (`boot.scr`) that cannot be built or parsed.
    case invalidScriptImage(reason: String)

    /// What is wrong inside one copy.
    public enum CopyDefect: Sendable, Equatable, CustomStringConvertible {
        case checksumMismatch(stored: UInt32, computed: UInt32)
        /// The entry starting at `entryOffset` (from the start of the copy) has no `=` or an empty name.
        case malformedEntry(entryOffset: Int, text: String)
        /// The variables are not valid UTF-8 at `entryOffset`.
        case notUTF8(entryOffset: Int)
        /// No empty entry (`\0\0`) ends the variables before the copy ends.
        case unterminated
        /// The copy is smaller than its header.
        case truncated(size: Int)

        public var description: String {
            switch self {
            case .checksumMismatch(let stored, let computed):
                "CRC32 mismatch (stored \(hex(stored)), computed \(hex(computed)))"
            case .malformedEntry(let offset, let text):
                "entry at \(hex(offset)) is not name=value: \"\(text.prefix(40))\""
            case .notUTF8(let offset): "entry at \(hex(offset)) is not UTF-8"
            case .unterminated: "the variables are not terminated by an empty entry (\\0\\0)"
            case .truncated(let size): "only \(size) bytes, smaller than the header"
            }
        }
    }

    public var description: String {
        switch self {
        case .invalidCopy(let storage, let offset, let reason):
            "\(storage) at \(hex(offset)): \(reason)"
        case .noValidCopy(let copies):
            "no valid U-Boot environment: " + copies.map(\.description).joined(separator: "; ")
        case .tooLarge(let needed, let capacity):
            "the environment needs \(needed) bytes, \(needed - capacity) over the \(capacity) a copy holds"
        case .invalidVariable(let name, let reason): "variable \"\(name)\": \(reason)"
        case .invalidConfiguration(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .io(let path, let operation, let errno): "\(operation) \(path): errno \(errno)"
        case .shortRead(let path, let offset, let expected, let read):
            "\(path) at \(hex(offset)): read \(read) of \(expected) bytes"
        case .defaultEnvironmentNotFound(let reason): "no default environment: \(reason)"
        case .invalidScriptImage(let reason): "boot script image: \(reason)"
        }
    }
}

func hex<Value: BinaryInteger>(_ value: Value) -> String { "0x" + String(value, radix: 16) }
