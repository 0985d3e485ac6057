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
    /// Further problems found in the same config (a config is checked whole, so one run names
    /// every mistake), in line order after this one.
    public var others: [RouterError] = []

    public init(file: String? = nil, line: Int? = nil, subject: String? = nil, message: String,
                netfilter: NetfilterError? = nil) {
        self.file = file
        self.line = line
        self.subject = subject
        self.message = message
        self.netfilter = netfilter
    }

    /// This problem and the others, one per line.
    public var description: String {
        ([self.located] + others.map(\.located)).joined(separator: "\n")
    }

    /// Collects `problems` (at least one) into one error: the first by line, the rest as `others`.
    static func combining(_ problems: [RouterError]) -> RouterError {
        // The config's own lines first, in order; then element files, each in its own line order.
        let primary = problems[0].file
        func key(_ item: (offset: Int, element: RouterError)) -> (Int, String, Int, Int) {
            (item.element.file == primary ? 0 : 1, item.element.file ?? "", item.element.line ?? 0, item.offset)
        }
        let sorted = problems.enumerated().sorted { key($0) < key($1) }.map(\.element)
        var first = sorted[0]
        first.others = Array(sorted.dropFirst())
        return first
    }

    private var located: String {
        var parts: [String] = []
        if let file { parts.append(line.map { "\(file):\($0)" } ?? file) }
        if let subject { parts.append(subject) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
