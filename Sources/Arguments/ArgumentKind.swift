/// How an argument appears among the words.
public enum ArgumentKind: Sendable, Equatable {
    /// `--name`, present or not.
    case flag
    /// `--name value` or `--name=value`, at most once (a later one wins).
    case option
    /// `--name value`, any number of times, in order.
    case repeatableOption
    /// A word in its position.
    case positional
    /// One or more words, every positional word left over.
    case repeatingPositional
    /// Every word from the first one that is not an option of this command on, dashes and all;
    /// a `--` before them is dropped (for a command line to run, as in `emu run -- ls -l`).
    case passthrough
}
