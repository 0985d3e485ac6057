import TOML

extension SystemConfiguration {
    /// Reads and validates the configuration at `path`; relative paths in it are relative to its directory.
    /// - Throws: `OTAError.configuration` naming the file, line and key, or `.io`.
    public init(path: String) throws(OTAError) {
        try self.init(parsing: try LocalFile.text(path), file: path)
    }

    /// Parses configuration text; `file` names it in errors and anchors relative paths.
    /// - Throws: `OTAError.configuration` naming the line and key.
    public init(parsing text: String, file: String) throws(OTAError) {
        let root: TOMLTable
        do { root = try TOMLDocument.parse(text) } catch {
            throw .configuration(file: file, line: error.position.line, key: "(syntax)", reason: error.message)
        }
        let base = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) : "."
        var reader = ConfigurationReader(root, path: "", file: file, base: base)
        let board = try reader.string("board")
        let keyring = try reader.path("keyring", default: "/etc/kiln/keys")
        let data = try reader.path("data-dir", default: "/var/lib/kiln")
        var loader = try reader.table("bootloader")
        let backend = try loader.choice("backend", Bootloader.Backend.self, default: .uboot)
        let environment = try loader.path("env-config", default: "/etc/fw_env.config")
        let attempts = try loader.integer("attempts", default: 3, range: 1...9)
        try loader.finish()
        var healthReader = try reader.table("health", required: false)
        let health = Health(directory: try healthReader.path("directory", default: "/etc/kiln/health.d"),
                            timeout: try healthReader.integer("timeout", default: 120, range: 1...86400))
        try healthReader.finish()
        let slots = try Self.slots(&reader)
        try reader.finish()
        self.init(board: board, keyring: keyring, dataDirectory: data,
                  bootloader: Bootloader(backend: backend, environmentConfig: environment, attempts: attempts),
                  slots: slots, health: health)
    }

    private static func slots(_ reader: inout ConfigurationReader) throws(OTAError) -> [Slot] {
        let tables = try reader.tables("slots")
        guard tables.count == 2 else { throw reader.failure("slots", "exactly two [[slots]] are needed (A/B), found \(tables.count)") }
        var slots: [Slot] = []
        for var table in tables {
            let name = try table.string("name")
            guard name.count <= 8, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw table.failure("name", "slot name '\(name)' must be 1–8 letters or digits (it becomes BOOT_\(name)_LEFT)")
            }
            guard !slots.contains(where: { $0.name == name }) else { throw table.failure("name", "slot '\(name)' is defined twice") }
            let device = try table.path("device", default: nil)
            guard !slots.contains(where: { $0.device == device }) else {
                throw table.failure("device", "\(device) is already slot \(slots[0].name)'s device")
            }
            try table.finish()
            slots.append(Slot(name: name, device: device))
        }
        return slots
    }
}
