/// The A/B boot-counting state in the U-Boot environment, in RAUC's convention: `BOOT_ORDER` lists the
/// slots to try in order (`A B`), `BOOT_<slot>_LEFT` how many attempts each has left.
///
/// The boot command takes the first slot in the order with attempts left and counts one down before
/// booting it; the updater reorders the slots and resets a slot's count once it came up healthy.
public struct BootCountState: Sendable, Equatable {
    public static let orderVariable = "BOOT_ORDER"

    /// The slots in the order the boot command tries them.
    public var order: [String]
    /// Attempts left per slot, for every slot the environment counts.
    public var attemptsLeft: [String: Int]

    public init(order: [String], attemptsLeft: [String: Int]) {
        self.order = order
        self.attemptsLeft = attemptsLeft
    }

    /// A fresh state: `slots` in order, each with `attempts` left.
    public init(slots: [String], attempts: Int) {
        self.init(order: slots, attemptsLeft: Dictionary(uniqueKeysWithValues: slots.map { ($0, attempts) }))
    }

    /// The variable holding `slot`'s attempts, e.g. `BOOT_A_LEFT`.
    public static func attemptsVariable(for slot: String) -> String { "BOOT_\(slot)_LEFT" }

    /// Kiln's record of the bundle version installed in `slot` (`KILN_A_VERSION`). It travels with the boot state,
    /// so a boot script that writes back only the state variables keeps it.
    public static func versionVariable(for slot: String) -> String { "KILN_\(slot)_VERSION" }

    /// The anti-rollback floor of the bundle installed in `slot` (`KILN_A_MIN_VERSION`).
    public static func minimumVersionVariable(for slot: String) -> String { "KILN_\(slot)_MIN_VERSION" }

    /// Every variable of the A/B state for `slots`: order, attempts, and what each slot holds.
    public static func stateVariables(slots: [String]) -> [String] {
        [orderVariable] + slots.map(attemptsVariable) + slots.flatMap { [versionVariable(for: $0), minimumVersionVariable(for: $0)] }
    }

    /// The state `environment` holds for `slots`; nil when it has no `BOOT_ORDER`. A missing or
    /// non-numeric count reads as nil in `attemptsLeft` (the boot command treats it as no attempts).
    public init?(environment: BootloaderEnvironment, slots: [String]) {
        guard let order = environment[Self.orderVariable] else { return nil }
        var attempts: [String: Int] = [:]
        for slot in slots {
            // setexpr writes hex; below 10, which the boot command keeps to, hex and decimal agree.
            if let value = environment[Self.attemptsVariable(for: slot)], let count = Int(value, radix: 16) {
                attempts[slot] = count
            }
        }
        self.init(order: order.split(separator: " ").map(String.init), attemptsLeft: attempts)
    }

    /// The variables to store, `BOOT_ORDER` first, then each counted slot in `order`, then any other.
    public var variables: [BootloaderEnvironment.Variable] {
        let counted = order.filter { attemptsLeft[$0] != nil } + attemptsLeft.keys.sorted().filter { !order.contains($0) }
        return [BootloaderEnvironment.Variable(name: Self.orderVariable, value: order.joined(separator: " "))]
            + counted.map { BootloaderEnvironment.Variable(name: Self.attemptsVariable(for: $0), value: String(attemptsLeft[$0]!)) }
    }
}
