import OTA
import Testing

@Suite struct SystemConfigurationTests {
    static let valid = """
        board = "nanopi-r2s"
        keyring = "/etc/kiln/keys"
        data-dir = "/var/lib/kiln"
        [bootloader]
        backend = "uboot"
        env-config = "/etc/fw_env.config"
        [[slots]]
        name = "A"
        device = "/dev/mmcblk0p2"
        [[slots]]
        name = "B"
        device = "/dev/mmcblk0p3"

        """

    @Test func readsTheDocumentedExampleWithDefaults() throws {
        let configuration = try SystemConfiguration(parsing: Self.valid, file: "/etc/kiln/system.toml")
        #expect(configuration.board == "nanopi-r2s")
        #expect(configuration.slots.map(\.name) == ["A", "B"])
        #expect(configuration.slots[1].device == "/dev/mmcblk0p3")
        #expect(configuration.bootloader.attempts == 3)
        #expect(configuration.health.directory == "/etc/kiln/health.d")
        let relative = try SystemConfiguration(parsing: Self.valid.replacingOccurrences(of: "\"/etc/kiln/keys\"", with: "\"keys\""),
                                               file: "/opt/kiln/system.toml")
        #expect(relative.keyring == "/opt/kiln/keys")
    }

    @Test(arguments: [
        ("board = \"nanopi-r2s\"", "", 1, "board", "missing required key"),
        ("backend = \"uboot\"", "backend = \"grub\"", 5, "bootloader.backend", "unknown value 'grub'"),
        ("[bootloader]", "[bootloader]\nattempts = 12", 5, "bootloader.attempts", "outside 1–9"),
        ("name = \"B\"", "name = \"A\"", 11, "slots[1].name", "defined twice"),
        ("device = \"/dev/mmcblk0p3\"", "device = \"/dev/mmcblk0p2\"", 12, "slots[1].device", "already"),
        ("data-dir", "data-directory", 3, "data-directory", "unknown key"),
        ("name = \"A\"", "name = \"A/1\"", 8, "slots[0].name", "letters or digits"),
    ])
    func namesTheLineAndKeyOfEachMistake(_ old: String, _ new: String, _ line: Int, _ key: String, _ reason: String) {
        let text = Self.valid.replacingOccurrences(of: old, with: new)
        do {
            _ = try SystemConfiguration(parsing: text, file: "system.toml")
            Issue.record("accepted:\n\(text)")
        } catch {
            guard case .configuration(let file, let errorLine, let errorKey, let message) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(file == "system.toml" && errorKey == key && message.contains(reason), "\(error)")
            #expect(errorLine == line, "\(error)")
        }
    }

    @Test func oneSlotIsNotAnABSystem() {
        let text = Self.valid.components(separatedBy: "[[slots]]\nname = \"B\"")[0]
        #expect(throws: OTAError.self) { try SystemConfiguration(parsing: text, file: "system.toml") }
    }
}

@Suite struct BootStateTests {
    @Test func installSwitchesOnlyAfterTheSlotIsComplete() {
        let start = BootState(order: ["A", "B"], attemptsLeft: ["A": 2, "B": 3])
        let writing = start.markingUnbootable("B")
        #expect(writing.primary == "A" && !writing.isBootable("B"))
        let switched = writing.activating("B", attempts: 3, version: "2.0.0", minimumVersion: nil)
        #expect(switched.order == ["B", "A"] && switched.primary == "B" && switched.versions["B"] == "2.0.0")
        #expect(switched.markingBad("B").primary == "A")
        #expect(start.markingGood("A", attempts: 3).attemptsLeft["A"] == 3)
    }
}
