import UBoot

/// The A/B slot selection U-Boot runs, as hush script: from the `bootcmd` of a stored environment
/// (`kiln_boot`) and from `boot.scr` for U-Boots that run distro boot instead.
///
/// It takes the first slot in `BOOT_ORDER` with attempts left, counts one down and persists that before
/// loading anything (so a kernel that hangs still used up its attempt), boots the slot's kernel with
/// `root=PARTUUID=…` and `kiln.slot=`, and falls through to the next slot when loading or `booti` fails.
/// When no slot had attempts left it resets every count and starts over: a board stuck at a prompt in
/// the field is worse than one more try.
public struct SlotBootCommand: Sendable, Equatable {
    /// A slot the command can boot.
    public struct Slot: Sendable, Equatable {
        public var name: String
        /// The partition number U-Boot loads the slot's `/boot` from.
        public var partition: Int
        /// The slot's `PARTUUID`, for the kernel's `root=`.
        public var partUUID: String

        public init(name: String, partition: Int, partUUID: String) {
            self.name = name
            self.partition = partition
            self.partUUID = partUUID
        }
    }

    /// How the counted-down state survives the reboot.
    public enum Persistence: Sendable, Equatable {
        /// `saveenv`: the state lives in U-Boot's own stored environment.
        case saveEnvironment
        /// `env export -c` + `fatwrite` of just the state variables to a file on a FAT partition.
        case fatFile(partition: Int, file: String, size: UInt64)
    }

    public var slots: [Slot]
    /// U-Boot's interface and device number of the boot disk (`virtio`, `0`), used when distro boot did
    /// not set `devtype`/`devnum`.
    public var deviceType: String
    public var deviceNumber: String
    /// Paths inside a slot.
    public var kernelPath: String
    public var deviceTreePath: String?
    public var initrdPath: String
    /// The kernel command line before `root=` and `kiln.slot=`.
    public var arguments: [String]
    public var attempts: Int
    public var persistence: Persistence

    public init(slots: [Slot], deviceType: String, deviceNumber: String, kernelPath: String, deviceTreePath: String?,
                initrdPath: String, arguments: [String], attempts: Int, persistence: Persistence) {
        self.slots = slots
        self.deviceType = deviceType
        self.deviceNumber = deviceNumber
        self.kernelPath = kernelPath
        self.deviceTreePath = deviceTreePath
        self.initrdPath = initrdPath
        self.arguments = arguments
        self.attempts = attempts
        self.persistence = persistence
    }

    /// The selection as one line, for an environment variable (`run kiln_boot`).
    public var oneLine: String {
        var text = ""
        for line in deviceDefault + logic() where !line.hasPrefix("#") {
            if !text.isEmpty { text += text.hasSuffix(" then") || text.hasSuffix(" do") || text.hasSuffix(" else") ? " " : "; " }
            text += line.drop { $0 == " " }
        }
        return text
    }

    /// The `boot.scr` text: the selection, preceded by importing the state file when U-Boot does not load it.
    public var script: String {
        var lines = ["# Kiln A/B slot selection (BOOT_ORDER, BOOT_<slot>_LEFT), written by kiln image build."]
        lines += deviceDefault
        if case .fatFile(let partition, let file, let size) = persistence {
            lines += [
                "# This U-Boot keeps its own environment elsewhere: the A/B state is the file \(file).",
                "if load ${devtype} ${devnum}:\(partition) ${kernel_addr_r} \(file); then env import -c ${kernel_addr_r} \(hex(size)); fi",
            ]
        }
        return (lines + logic()).joined(separator: "\n") + "\n"
    }

    /// The variables the state file holds when `persistence` is a FAT file.
    public var stateVariables: [String] {
        BootCountState.stateVariables(slots: slots.map(\.name))
    }

    private var deviceDefault: [String] {
        ["if test -z \"${devtype}\"; then setenv devtype \(deviceType); setenv devnum \(deviceNumber); fi"]
    }

    private func logic() -> [String] {
        let order = slots.map(\.name).joined(separator: " ")
        var lines: [String] = []
        lines.append("test -n \"${\(BootCountState.orderVariable)}\" || setenv \(BootCountState.orderVariable) \"\(order)\"")
        for slot in slots {
            let variable = BootCountState.attemptsVariable(for: slot.name)
            lines.append("test -n \"${\(variable)}\" || setenv \(variable) \(attempts)")
        }
        lines += ["setenv kiln_tried", "for kiln_slot in ${\(BootCountState.orderVariable)}; do", "  setenv kiln_left"]
        for slot in slots {
            lines.append("  if test \"${kiln_slot}\" = \"\(slot.name)\"; then setenv kiln_left ${\(BootCountState.attemptsVariable(for: slot.name))}; fi")
        }
        lines += ["  if test -n \"${kiln_left}\" && test ${kiln_left} -gt 0; then",
                  "    setenv kiln_tried 1",
                  "    setexpr kiln_left ${kiln_left} - 1"]
        for slot in slots {
            lines.append("    if test \"${kiln_slot}\" = \"\(slot.name)\"; then setenv \(BootCountState.attemptsVariable(for: slot.name)) ${kiln_left}; "
                         + "setenv kiln_part \(slot.partition); setenv kiln_root PARTUUID=\(slot.partUUID); fi")
        }
        lines.append("    echo \"kiln: booting slot ${kiln_slot}, ${kiln_left} attempts left\"")
        lines += persist().map { "    " + $0 }
        lines += loadAndBoot().map { "    " + $0 }
        lines += ["    echo \"kiln: slot ${kiln_slot} did not boot\"", "  fi", "done",
                  "if test -z \"${kiln_tried}\"; then",
                  "  echo \"kiln: no slot has attempts left; every slot gets \(attempts) again\""]
        lines += slots.map { "  setenv \(BootCountState.attemptsVariable(for: $0.name)) \(attempts)" }
        lines += persist().map { "  " + $0 }
        lines += ["fi", "reset"]
        return lines
    }

    /// Kernel, device tree, then the initrd last, because `load` sets `${filesize}`, which `booti` needs for it.
    private func loadAndBoot() -> [String] {
        let source = "${devtype} ${devnum}:${kiln_part}"
        let fdt = deviceTreePath == nil ? "${fdtcontroladdr}" : "${fdt_addr_r}"
        let bootargs = (arguments + ["root=${kiln_root}", "kiln.slot=${kiln_slot}"]).joined(separator: " ")
        var loads = ["load \(source) ${kernel_addr_r} \(kernelPath)"]
        if let deviceTreePath { loads.append("load \(source) ${fdt_addr_r} \(deviceTreePath)") }
        loads.append("load \(source) ${ramdisk_addr_r} \(initrdPath)")
        var lines: [String] = []
        for (depth, load) in loads.enumerated() {
            lines.append(String(repeating: "  ", count: depth) + "if \(load); then")
        }
        let inner = String(repeating: "  ", count: loads.count)
        lines += [inner + "setenv bootargs \"\(bootargs)\"", inner + "booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} \(fdt)"]
        for depth in (0..<loads.count).reversed() { lines.append(String(repeating: "  ", count: depth) + "fi") }
        return lines
    }

    private func persist() -> [String] {
        switch persistence {
        case .saveEnvironment:
            return ["saveenv"]
        case .fatFile(let partition, let file, let size):
            // Exported to the kernel's load address: nothing is loaded there yet, and the script itself
            // runs from scriptaddr, which must not be overwritten.
            return ["env export -c -s \(hex(size)) ${kernel_addr_r} \(stateVariables.joined(separator: " "))",
                    "fatwrite ${devtype} ${devnum}:\(partition) ${kernel_addr_r} \(file) \(hex(size))"]
        }
    }

    private func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
