import Foundation
import Testing

/// Tests that need root (loop devices, network namespaces, binfmt_misc) run as root, and always in CI:
/// there CI is root, and a run that is not must fail loudly rather than skip.
public enum Privileges {
    public static var isRoot: Bool { getuid() == 0 }
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test as root or in CI; skips it only on a developer's unprivileged machine.
    public static var requiresRoot: Self {
        .enabled(if: Privileges.isRoot || Privileges.inCI, "needs root (runs in CI)")
    }
}
