import TOML

/// Where each key of a board file was written, so checks made after decoding can still name a line.
struct SourceMap {
    private var positions: [String: SourcePosition] = [:]

    mutating func record(_ keyPath: String, _ position: SourcePosition) {
        if positions[keyPath] == nil { positions[keyPath] = position }
    }

    /// The position of `keyPath`, or of the nearest enclosing key or table that was written.
    func position(of keyPath: String) -> SourcePosition {
        var path = Substring(keyPath)
        while !path.isEmpty {
            if let position = positions[String(path)] { return position }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return positions[""] ?? SourcePosition(line: 1, column: 1)
    }
}
