import Glibc

extension BinfmtMisc {
    /// Registers Kiln's qemu-user entries for `architectures`, mounting binfmt_misc first if needed.
    ///
    /// Everything is checked before the first write: interpreters exist, entries parse. An entry
    /// another registrar made for the same binaries is kept unless `replace`.
    /// - Parameter interpreter: one interpreter for a single architecture (default: Debian's qemu-user-static).
    /// - Throws: `EmulationError.interpreterMissing`, `.invalidArgument`, or `.system` from the kernel.
    public func registerKiln(_ architectures: [EmulatedArchitecture], interpreter: String? = nil,
                             replace: Bool = false) throws(EmulationError) -> [RegistrationOutcome] {
        if interpreter != nil && architectures.count != 1 {
            throw .invalidArgument(name: "--interpreter", value: interpreter ?? "",
                                   reason: "one interpreter needs exactly one --arch")
        }
        let wanted = architectures.map { BinfmtRegistration(architecture: $0, interpreter: interpreter) }
        for (architecture, registration) in zip(architectures, wanted) where access(registration.interpreter, X_OK) != 0 {
            throw .interpreterMissing(path: registration.interpreter, architecture: architecture.rawValue)
        }
        guard geteuid() == 0 else { throw .needsRoot(operation: "kiln emu register") }
        if !isMounted { try mount() }
        var outcomes: [RegistrationOutcome] = []
        for (architecture, registration) in zip(architectures, wanted) {
            outcomes.append(try registerKiln(registration, for: architecture, replace: replace))
        }
        return outcomes
    }

    private func registerKiln(_ registration: BinfmtRegistration, for architecture: EmulatedArchitecture,
                              replace: Bool) throws(EmulationError) -> RegistrationOutcome {
        let rivals = try entries().filter { $0.name == registration.name || $0.handles(architecture) }
        var replaced: [BinfmtRegistration] = []
        var replacedOwner: BinfmtOwner?
        for entry in rivals {
            let owner = try owner(of: entry)
            if owner == .kiln, registration.describes(entry) {
                return RegistrationOutcome(architecture: architecture, action: .unchanged, entryName: entry.name, existingOwner: nil)
            }
            if owner != .kiln && !replace {
                return RegistrationOutcome(architecture: architecture, action: .keptExisting, entryName: entry.name, existingOwner: owner)
            }
            if owner != .kiln {
                replaced.append(BinfmtRegistration(entry: entry))
                replacedOwner = owner
            } else if let previous = try record(named: entry.name) {
                replaced += previous.replaced  // still owed back by a later unregister
            }
        }
        for entry in rivals { try remove(entry.name) }
        // The record goes first: should registering fail, unregister still knows what to put back.
        try save(KilnRecord(registration: registration, replaced: replaced))
        try register(registration)
        return RegistrationOutcome(architecture: architecture, action: replaced.isEmpty ? .registered : .replaced,
                                   entryName: registration.name, existingOwner: replacedOwner)
    }

    /// Removes the entries Kiln registered (only those its records still describe) and registers
    /// again what `--replace` removed.
    /// - Returns: the names of the entries removed.
    /// - Throws: `EmulationError.system` from the kernel or the record directory.
    @discardableResult
    public func unregisterKiln() throws(EmulationError) -> [String] {
        var removed: [String] = []
        let records = try records()
        if records.isEmpty { return removed }
        // Entries outlive an unmount of binfmt_misc: mount it again to see and remove them.
        if !isMounted { try mount() }
        let current = try entries()
        for record in records {
            let name = record.registration.name
            if let entry = current.first(where: { $0.name == name }), record.registration.describes(entry) {
                try remove(name)
                removed.append(name)
            }
            for previous in record.replaced where !(try entries()).contains(where: { $0.name == previous.name }) {
                try register(previous)
            }
            try deleteRecord(named: name)
        }
        return removed
    }
}
