import Foundation
import ImageBuilder

/// The module files a guest inserts for the names a caller gives: `KernelModules` (modules.dep) plus the
/// soft dependencies of modules.softdep, which modprobe honours and a guest without modprobe must too:
/// libcrc32c (under nf_conntrack and nf_tables) fails to initialise unless a crc32c module is loaded first.
public struct GuestModules: Sendable {
    public let directory: String
    private let modules: KernelModules
    private let softPre: [String: [String]]
    private let aliases: String

    /// Reads `directory` (a `lib/modules/<version>`): modules.dep, modules.builtin, modules.softdep, modules.alias.
    /// - Throws: `InitramfsError` when modules.dep or modules.builtin is missing or malformed.
    public init(directory: String) throws {
        self.directory = directory
        modules = try KernelModules(source: ModuleDirectory(path: directory))
        let read = { (file: String) in (try? String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)) ?? "" }
        var softPre: [String: [String]] = [:]
        for line in read("modules.softdep").split(separator: "\n") {
            // `softdep libcrc32c pre: crc32c post: …`; only what must come first matters to insmod.
            let words = line.split(separator: " ").map(String.init)
            guard words.count > 3, words[0] == "softdep", words[2] == "pre:" else { continue }
            softPre[KernelModules.normalize(words[1])] = Array(words[3...].prefix { $0 != "post:" })
        }
        self.softPre = softPre
        aliases = read("modules.alias")
    }

    /// Module files (relative to `directory`) to insert in order: soft and hard dependencies first.
    /// - Throws: `InitramfsError.unknownModule` for a name neither loadable nor built in.
    public func loadOrder(_ names: [String]) throws -> [String] {
        var requested = names
        // Each pass puts the soft dependencies of everything so far in front, until none is new.
        while true {
            let order = try modules.loadOrder(for: requested)
            let soft = order.flatMap { softPre[KernelModules.normalize(name(of: $0))] ?? [] }.flatMap(resolve)
            let missing = soft.filter { !requested.contains($0) }
            if missing.isEmpty { return order }
            requested = missing + requested
        }
    }

    private func name(of path: String) -> String {
        let file = (path as NSString).lastPathComponent
        return file.range(of: ".ko").map { String(file[..<$0.lowerBound]) } ?? file
    }

    /// A soft dependency names a module or an alias (`crc32c` → crc32c_intel, crc32c_generic). It is optional
    /// by definition, so one that resolves to nothing (built in, or absent) adds nothing.
    private func resolve(_ soft: String) -> [String] {
        let name = KernelModules.normalize(soft)
        if modules.modules[name] != nil { return [name] }
        let prefix = "alias \(soft) "
        return aliases.split(separator: "\n").filter { $0.hasPrefix(prefix) }
            .map { KernelModules.normalize(String($0.dropFirst(prefix.count))) }
            .filter { modules.modules[$0] != nil }
    }

    /// The module's name as insmod's file name in the guest: `kernel/net/netfilter/nf_tables.ko` → `nf_tables.ko`.
    func guestFileName(_ path: String) -> String { name(of: path) + ".ko" }
}
