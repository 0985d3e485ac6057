/// One argument a command accepts: how it is written, whether it is needed, and its help.
public struct ArgumentDefinition: Sendable {
    public var kind: ArgumentKind
    /// The long name without dashes (`boards-dir`); a positional's name shown as `<name>`.
    public var name: String
    /// A one-letter form, written `-x`.
    public var short: Character?
    /// What the value is called in help: `--board <name>`.
    public var valueName: String
    public var help: String
    /// Required options and positionals must be present; a defaulted one never is required.
    public var isRequired: Bool
    /// The value used when the argument is absent; shown in help.
    public var defaultValue: String?
    /// The values accepted, shown in help (for enumerations).
    public var allowedValues: [String]

    public init(kind: ArgumentKind, name: String, short: Character? = nil, valueName: String? = nil, help: String,
                isRequired: Bool = false, defaultValue: String? = nil, allowedValues: [String] = []) {
        self.kind = kind
        self.name = name
        self.short = short
        self.valueName = valueName ?? name
        self.help = help
        self.isRequired = isRequired && defaultValue == nil
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
    }

    /// `--name`, present or not.
    public static func flag(_ name: String, short: Character? = nil, help: String) -> Self {
        Self(kind: .flag, name: name, short: short, help: help)
    }

    /// `--name value`; required unless it has a default or `required` is false.
    public static func option(_ name: String, short: Character? = nil, value: String? = nil, required: Bool = false,
                              default defaultValue: String? = nil, values: [String] = [], help: String) -> Self {
        Self(kind: .option, name: name, short: short, valueName: value, help: help, isRequired: required,
             defaultValue: defaultValue, allowedValues: values)
    }

    /// `--name value`, any number of times.
    public static func repeatable(_ name: String, short: Character? = nil, value: String? = nil, help: String) -> Self {
        Self(kind: .repeatableOption, name: name, short: short, valueName: value, help: help)
    }

    /// A positional word; required unless it has a default or `required` is false.
    public static func positional(_ name: String, required: Bool = true, default defaultValue: String? = nil,
                                  values: [String] = [], help: String) -> Self {
        Self(kind: .positional, name: name, help: help, isRequired: required, defaultValue: defaultValue,
             allowedValues: values)
    }

    /// Every positional word left over; at least one when `required`.
    public static func positionals(_ name: String, required: Bool = true, help: String) -> Self {
        Self(kind: .repeatingPositional, name: name, help: help, isRequired: required)
    }

    /// The rest of the words, passed through untouched.
    public static func passthrough(_ name: String, help: String) -> Self {
        Self(kind: .passthrough, name: name, help: help)
    }

    /// Whether the argument is written with dashes.
    public var isNamed: Bool { kind == .flag || kind == .option || kind == .repeatableOption }

    /// How errors and help rows show it: `--board <name>`, `--json`, `<config>`.
    public var label: String {
        switch kind {
        case .flag: "--\(name)"
        case .option, .repeatableOption: "--\(name) <\(valueName)>"
        case .positional, .repeatingPositional, .passthrough: "<\(valueName)>"
        }
    }

    /// How a usage line shows it: `[--confirm <confirm>]`, `<files> ...`, `[<command> ...]`.
    public var usage: String {
        switch kind {
        case .flag: "[\(label)]"
        case .option: isRequired ? label : "[\(label)]"
        case .repeatableOption: "[\(label) ...]"
        case .positional: isRequired ? label : "[\(label)]"
        case .repeatingPositional: isRequired ? "\(label) ..." : "[\(label) ...]"
        case .passthrough: "[\(label) ...]"
        }
    }
}
