/// What `kiln emu status` reports: binfmt_misc's state and, per architecture, who handles it and whether it works.
public struct EmulationStatus: Sendable, Equatable, Codable {
    /// One entry that handles an architecture, with its registrar.
    public struct Handler: Sendable, Equatable, Codable {
        public var entry: BinfmtEntry
        public var owner: BinfmtOwner
    }

    /// An architecture's handlers and the live probe's verdict.
    public struct Architecture: Sendable, Equatable, Codable {
        public var architecture: EmulatedArchitecture
        public var handlers: [Handler]
        public var probe: EmulationProbe
    }

    public var mounted: Bool
    public var enabled: Bool
    public var architectures: [Architecture]

    /// Reads binfmt_misc and runs the probe for each architecture.
    /// - Throws: `EmulationError` when binfmt_misc or a record cannot be read.
    public static func read(_ binfmt: BinfmtMisc = BinfmtMisc()) throws(EmulationError) -> EmulationStatus {
        let mounted = binfmt.isMounted
        let entries = mounted ? try binfmt.entries() : []
        var architectures: [Architecture] = []
        for architecture in EmulatedArchitecture.allCases {
            var handlers: [Handler] = []
            for entry in entries where entry.handles(architecture) {
                handlers.append(Handler(entry: entry, owner: try binfmt.owner(of: entry)))
            }
            architectures.append(Architecture(architecture: architecture, handlers: handlers,
                                              probe: try EmulationProbe.run(architecture)))
        }
        return EmulationStatus(mounted: mounted, enabled: mounted ? try binfmt.isEnabled() : false,
                               architectures: architectures)
    }
}
