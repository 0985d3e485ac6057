import Netfilter

/// Why the router could not read a config or program the kernel, located in the config.
///
/// `description` reads `router.toml:12: rules[2].port: port 70000 is out of range`, or for a
/// change the kernel refused, `router.toml:30: rule 'web': <the kernel's reason>`.
public struct RouterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file concerned (the config, or a set's element file).
    public var file: String?
    /// 1-based line in `file`.
    public var line: Int?
    /// The key path (`zones.wan.input`) or object (`rule 'web'`) concerned.
    public var subject: String?
    public var message: String
    /// The kernel's error, when the kernel refused a change.
    public var netfilter: NetfilterError?

    public init(file: String? = nil, line: Int? = nil, subject: String? = nil, message: String,
                netfilter: NetfilterError? = nil) {
        self.file = file
        self.line = line
        self.subject = subject
        self.message = message
        self.netfilter = netfilter
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(line.map { "\(file):\($0)" } ?? file) }
        if let subject { parts.append(subject) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
