/// Where the environment's one or two copies are stored, as `fw_env.config` describes it.
public struct EnvironmentConfiguration: Sendable, Equatable {
    /// The first copy, then the redundant one if any.
    public private(set) var copies: [EnvironmentCopyLocation]

    /// One copy, or two when `redundant` is given.
    /// - Throws: `EnvironmentError.invalidConfiguration` when the copies differ in size or a size cannot hold a header.
    public init(_ primary: EnvironmentCopyLocation, redundant: EnvironmentCopyLocation? = nil) throws {
        let copies = [primary] + (redundant.map { [$0] } ?? [])
        for (index, copy) in copies.enumerated() where copy.size <= EnvironmentLayout.redundant.headerSize {
            throw EnvironmentError.invalidConfiguration(
                file: "configuration", line: index + 1, reason: "size \(copy.size) cannot hold a header and variables")
        }
        if let redundant, redundant.size != primary.size {
            throw EnvironmentError.invalidConfiguration(
                file: "configuration", line: 2,
                reason: "both copies must have the same size (\(hex(primary.size)) and \(hex(redundant.size)))")
        }
        self.copies = copies
    }

    public var layout: EnvironmentLayout { copies.count == 2 ? .redundant : .single }

    /// The size of each copy.
    public var size: Int { copies[0].size }

    /// The configuration as `fw_env.config` text, one `device offset size [sector-size]` line per copy.
    public var firmwareConfig: String {
        copies.map { copy in
            ([copy.device, hex(copy.offset), hex(copy.size)] + (copy.sectorSize.map { [hex($0)] } ?? []))
                .joined(separator: " ") + "\n"
        }.joined()
    }
}
