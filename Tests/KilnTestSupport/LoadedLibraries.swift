/// The shared objects a process loaded, as glibc's dynamic loader reports them with `LD_DEBUG=files`
/// (on standard error): the oracle for which libraries a `kiln` command really maps.
public struct LoadedLibraries: Sendable {
    /// Sonames mapped at start because an object lists them as NEEDED.
    public private(set) var needed: Set<String> = []
    /// Sonames mapped later by dlopen.
    public private(set) var dynamicallyLoaded: Set<String> = []

    /// Parses the loader's lines, e.g. `file=libnftnl.so.11 [0];  needed by /usr/bin/kiln [0]`
    /// or `file=libarchive.so.13 [0];  dynamically loaded by /usr/bin/kiln [0]`; other lines are ignored.
    public init(ldDebugFiles output: String) {
        for line in output.split(separator: "\n") {
            guard let start = line.range(of: "file=") else { continue }
            let name = String(line[start.upperBound...].prefix { $0 != " " })
            if line.contains("dynamically loaded by ") {
                dynamicallyLoaded.insert(name)
            } else if line.contains("needed by ") {
                needed.insert(name)
            }
        }
    }

    /// Every soname loaded either way.
    public var all: Set<String> { needed.union(dynamicallyLoaded) }
}
