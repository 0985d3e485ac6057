import Foundation

/// The shared objects (dynamic loader included) an ELF executable needs, as `ldd` resolves them on this host.
public enum RuntimeLibraries {
    /// Absolute paths `ldd executable` lists; empty for a static executable.
    /// - Throws: `GuestError.unresolvedLibrary` when a library is "not found"; `CommandFailure` when ldd fails
    ///   for another reason.
    public static func of(_ executable: String) throws -> [String] {
        let result = try Command.run(["ldd", executable])
        if result.stdout.contains("not a dynamic executable") || result.stderr.contains("not a dynamic executable")
            || result.stdout.contains("statically linked") {
            return []
        }
        guard result.status == 0 else { throw CommandFailure(argv: ["ldd", executable], result: result) }
        if result.stdout.contains("not found") {
            throw GuestError.unresolvedLibrary(executable: executable, listing: result.stdout)
        }
        return parse(result.stdout)
    }

    /// `libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)` and `/lib64/ld-linux-x86-64.so.2 (0x…)` give a
    /// path; `linux-vdso.so.1 (0x…)` lives in the kernel and gives none.
    static func parse(_ listing: String) -> [String] {
        listing.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let arrow = words.firstIndex(of: "=>"), arrow + 1 < words.count, words[arrow + 1].hasPrefix("/") {
                return String(words[arrow + 1])
            }
            if let first = words.first, first.hasPrefix("/") { return String(first) }
            return nil
        }
    }
}
