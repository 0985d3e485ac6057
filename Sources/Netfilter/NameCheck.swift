import CLibnftnl

/// The name rules the kernel applies to tables, chains and sets, checked before any byte is sent.
enum NameCheck {
    /// `NFT_NAME_MAXLEN` counts the terminating NUL.
    static let maximumLength = Int(NFT_NAME_MAXLEN) - 1

    /// - Throws: `NetfilterError` (`operation`) when `name` is empty, holds NUL or is too long;
    ///   `object` is rendered only then.
    static func validate(_ name: String, kind: String, object: @autoclosure () -> String, operation: NetlinkOperation) throws {
        let length = name.utf8.count
        if length == 0 || name.utf8.contains(0) {
            throw NetfilterError(operation, object: object(), errno: .invalidArgument,
                                 detail: "a \(kind) name must be non-empty and contain no NUL byte")
        }
        if length > maximumLength {
            throw NetfilterError(operation, object: object(), errno: .fileNameTooLong,
                                 detail: "a \(kind) name has at most \(maximumLength) bytes")
        }
    }
}
