/// Reads the words after a command's name into its arguments, in one pass over the words.
struct ArgumentScanner {
    private let description: CommandDescription
    private let positionals: [ArgumentDefinition]
    private var parsed: ParsedArguments
    private var nextPositional = 0

    /// The parsed words, or nil when they ask for help; throws `UsageError` for words that do not fit.
    static func scan(_ words: ArraySlice<String>, for description: CommandDescription) throws(UsageError) -> ParsedArguments? {
        var scanner = ArgumentScanner(description: description)
        guard try scanner.scan(words) else { return nil }
        try scanner.checkRequired()
        return scanner.parsed
    }

    private init(description: CommandDescription) {
        self.description = description
        self.positionals = description.arguments.filter { !$0.isNamed }
        self.parsed = ParsedArguments(definitions: description.arguments)
    }

    /// Whether a word is written as an option (`-` alone means standard input, a value).
    static func isOptionLike(_ word: String) -> Bool {
        word.hasPrefix("-") && word.count > 1
    }

    static func isHelp(_ word: String) -> Bool { word == "-h" || word == "--help" }

    /// False when the words ask for help.
    private mutating func scan(_ words: ArraySlice<String>) throws(UsageError) -> Bool {
        var index = words.startIndex
        var optionsEnded = false
        while index < words.endIndex {
            let word = words[index]
            index += 1
            guard !optionsEnded && Self.isOptionLike(word) else {
                if capturesRest { capture(words[(index - 1)...]); return true }
                try takePositional(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                if capturesRest { capture(words[index...]); return true }
                continue
            }
            if Self.isHelp(word) { return false }
            guard let (definition, inline) = lookUp(word) else {
                // An option this command does not know starts the command line it passes on.
                if capturesRest { capture(words[(index - 1)...]); return true }
                throw UsageError("Unknown option '\(word)'")
            }
            try take(definition, inline: inline, words: words, index: &index)
        }
        return true
    }

    /// Whether the next positional is the passthrough rest.
    private var capturesRest: Bool {
        nextPositional < positionals.count && positionals[nextPositional].kind == .passthrough
    }

    private mutating func capture(_ rest: ArraySlice<String>) {
        let name = positionals[nextPositional].name
        parsed.markPresent(name)
        for word in rest { parsed.append(word, for: name) }
    }

    private mutating func takePositional(_ word: String) throws(UsageError) {
        guard nextPositional < positionals.count else { throw UsageError("Unexpected argument '\(word)'") }
        let definition = positionals[nextPositional]
        parsed.append(word, for: definition.name)
        if definition.kind == .positional { nextPositional += 1 }
    }

    /// The definition `--name`, `--name=value` or `-x` stands for, and the value written inline.
    private func lookUp(_ word: String) -> (ArgumentDefinition, String?)? {
        guard word.hasPrefix("--") else {
            guard word.count == 2, let definition = description.argument(short: word.last!) else { return nil }
            return (definition, nil)
        }
        let body = word.dropFirst(2)
        guard let equals = body.firstIndex(of: "=") else {
            return description.argument(long: String(body)).map { ($0, nil) }
        }
        return description.argument(long: String(body[..<equals])).map { ($0, String(body[body.index(after: equals)...])) }
    }

    private mutating func take(_ definition: ArgumentDefinition, inline: String?, words: ArraySlice<String>,
                               index: inout Int) throws(UsageError) {
        if definition.kind == .flag {
            guard inline == nil else { throw UsageError("The flag '\(definition.label)' takes no value") }
            parsed.markPresent(definition.name)
            return
        }
        if let inline {
            parsed.append(inline, for: definition.name)
            return
        }
        guard index < words.endIndex, !Self.isOptionLike(words[index]) else {
            throw UsageError("Missing value for '\(definition.label)'")
        }
        parsed.append(words[index], for: definition.name)
        index += 1
    }

    private func checkRequired() throws(UsageError) {
        for definition in description.arguments where definition.isRequired && !parsed.isPresent(definition.name) {
            throw UsageError(definition.isNamed ? "Missing required option '\(definition.label)'"
                                                : "Missing expected argument '\(definition.kind == .positional ? definition.label : definition.label + " ...")'")
        }
    }
}
