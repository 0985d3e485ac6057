extension BootloaderEnvironment {
    /// Variables only a board's built-in default environment defines; one must be present besides `bootcmd`.
    static let defaultEnvironmentMarkers = ["kernel_addr_r", "fdt_addr_r", "scriptaddr", "ramdisk_addr_r", "loadaddr"]

    /// The built-in default environment of a U-Boot binary (`u-boot.bin`, `u-boot-nodtb.bin`, an uncompressed `.itb`).
    ///
    /// U-Boot keeps it as one run of `name=value\0` strings ended by `\0\0`. Each `bootcmd=` entry anchors a
    /// candidate run: it extends back over entries that look like variables (other strings, format strings
    /// with `%` or messages with spaces before `=`, end it) and forward to the `\0\0`; the longest run that
    /// also sets one of `kernel_addr_r`, `fdt_addr_r`, `scriptaddr`, `ramdisk_addr_r`, `loadaddr` wins.
    /// - Throws: `EnvironmentError.defaultEnvironmentNotFound` when no run qualifies.
    public init(extractingDefaultFrom binary: some Collection<UInt8>) throws {
        let bytes = Array(binary)
        let anchor = Array("bootcmd=".utf8)
        var best: [ArraySlice<UInt8>] = []
        var start = 0
        while let hit = Self.find(anchor, in: bytes, from: start) {
            start = hit + 1
            guard hit == 0 || bytes[hit - 1] == 0, let run = Self.variableRun(around: hit, in: bytes) else { continue }
            let names = Set(run.map { $0.prefix { $0 != UInt8(ascii: "=") } })
            let marked = Self.defaultEnvironmentMarkers.contains { names.contains(ArraySlice($0.utf8)) }
            if marked, run.count > best.count { best = run }
        }
        guard !best.isEmpty else {
            throw EnvironmentError.defaultEnvironmentNotFound(
                reason: "no NUL-separated run of name=value strings with bootcmd= and one of "
                    + Self.defaultEnvironmentMarkers.joined(separator: ", "))
        }
        self.init()
        for entry in best {
            let equals = entry.firstIndex(of: UInt8(ascii: "="))!
            // variableRun admits only ASCII names without '=' or NUL, so nothing here needs validating.
            setValidated(String(decoding: entry[..<equals], as: UTF8.self),
                         String(decoding: entry[(equals + 1)...], as: UTF8.self))
        }
    }

    /// The entries of the run containing the entry at `anchor`, or nil when it does not end in `\0\0`.
    private static func variableRun(around anchor: Int, in bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var entries: [ArraySlice<UInt8>] = []
        var position = anchor
        while true {
            guard let end = bytes[position...].firstIndex(of: 0) else { return nil }
            if end == position { break }
            guard isVariable(bytes[position..<end]) else { return nil }
            entries.append(bytes[position..<end])
            position = end + 1
        }
        var before: [ArraySlice<UInt8>] = []
        var end = anchor - 1
        while end > 0 {
            let start = (bytes[..<end].lastIndex(of: 0) ?? -1) + 1
            guard start < end, isVariable(bytes[start..<end]) else { break }
            before.append(bytes[start..<end])
            end = start - 1
        }
        return before.reversed() + entries
    }

    /// `name=value` with a name of letters, digits, `_ . : -` and a value of printable ASCII, tabs and newlines.
    private static func isVariable(_ entry: ArraySlice<UInt8>) -> Bool {
        guard let equals = entry.firstIndex(of: UInt8(ascii: "=")), equals > entry.startIndex else { return false }
        let nameIsValid = entry[..<equals].allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || "_.:-".utf8.contains(byte)
        }
        let valueIsValid = entry[(equals + 1)...].allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A }
        return nameIsValid && valueIsValid
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
