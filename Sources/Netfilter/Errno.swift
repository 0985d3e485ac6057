import Glibc

extension NetfilterError {
    /// A POSIX error code, as the kernel or libc reported it.
    public struct Errno: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: Int32

        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The calling thread's current `errno`.
        static var current: Errno { Errno(rawValue: Glibc.errno) }

        public static let operationNotPermitted = Errno(rawValue: EPERM)
        public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
        public static let outOfMemory = Errno(rawValue: ENOMEM)
        public static let resourceBusy = Errno(rawValue: EBUSY)
        public static let fileExists = Errno(rawValue: EEXIST)
        public static let invalidArgument = Errno(rawValue: EINVAL)
        public static let fileNameTooLong = Errno(rawValue: ENAMETOOLONG)
        public static let protocolError = Errno(rawValue: EPROTO)
        public static let operationNotSupported = Errno(rawValue: EOPNOTSUPP)
        public static let messageTooLong = Errno(rawValue: EMSGSIZE)
        public static let noBufferSpace = Errno(rawValue: ENOBUFS)
        /// The kernel's answer to a batch whose expected generation is stale.
        public static let restart = Errno(rawValue: ERESTART)

        /// The C library's text for the code, e.g. "No such file or directory".
        public var message: String { String(cString: strerror(rawValue)) }

        public var description: String { "\(message) (errno \(rawValue))" }
    }
}
