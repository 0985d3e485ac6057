/// A file Kiln puts on the boot partition: copied from an input, or written from the board's text.
public struct BootFile: Sendable, Equatable {
    /// The path on the boot partition, e.g. `config.txt`.
    public var path: String
    public var origin: Origin

    public init(path: String, origin: Origin) {
        self.path = path
        self.origin = origin
    }

    /// Where the file's bytes come from.
    public enum Origin: Sendable, Equatable {
        /// A file from one of the build's inputs, e.g. `firmware/start4.elf`.
        case input(BuildInput, path: String)
        /// Literal content from the board file.
        case content(String)
    }
}

extension BootFile: Encodable {
    enum CodingKeys: String, CodingKey { case path, source, content }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        switch origin {
        case .input(let input, let path): try container.encode("\(input.rawValue)/\(path)", forKey: .source)
        case .content(let text): try container.encode(text, forKey: .content)
        }
    }
}

/// The directories `kiln image build` takes, which boot files may be copied from.
public enum BuildInput: String, Sendable, Codable, CaseIterable {
    case bootloader
    case firmware
    case dtbs
}
