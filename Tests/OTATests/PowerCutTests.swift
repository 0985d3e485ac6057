import Foundation
import KilnTestSupport
import Testing

/// Power cuts: the installer is SIGKILLed at chosen system calls — strace's fault injection delivers the signal as
/// the Nth `pwrite64`, `fsync` or `ioctl` (BLKZEROOUT) begins, so the kills land exactly while streaming the slot
/// and while writing the environment. After each, the environment must be valid and select a slot whose contents are complete.
@Suite(.requiresRoot, .serialized) struct PowerCutTests {
    struct Run {
        let device: OTADevice
        let config: String
        let environmentConfig: String
        /// Two bundles with different contents, installed in turn, so a half-written slot cannot pass for a whole one.
        let bundles: [(path: String, version: String, sha256: String, size: UInt64)]
        let slotA: String

        /// Runs the install under strace, killed when the `when`th call of `call` begins; returns the log.
        func install(_ bundle: String, killingAt call: String?, when: Int) throws -> String {
            let log = device.directory.appending("strace.log")
            let commandLine = try device.directory.write("cmdline", "kiln.slot=A\n")
            var strace = ["strace", "-f", "-qq", "-o", log, "-e", "trace=pwrite64,fsync,ioctl"]
            if let call { strace += ["-e", "inject=\(call):signal=SIGKILL:when=\(when)"] }
            _ = try Command.run(strace + [KilnExecutable.path, "ota", "install", bundle],
                                environment: ["KILN_CONFIG": config, "KILN_CMDLINE": commandLine])
            return try String(contentsOfFile: log, encoding: .utf8)
        }

        /// The checks after a cut: a valid environment selecting a complete slot. (The booted slot is compared once
        /// at the end: a write to it would persist, so one comparison covers every cut.)
        func check(_ label: String) throws -> String {
            let printed = try Command.run(["fw_printenv", "-c", environmentConfig])
            #expect(printed.status == 0, "\(label): fw_printenv cannot read the environment: \(printed.stderr)")
            var variables: [String: String] = [:]
            for line in printed.stdout.split(separator: "\n") {
                if let equals = line.firstIndex(of: "=") { variables[String(line[..<equals])] = String(line[line.index(after: equals)...]) }
            }
            let order = (variables["BOOT_ORDER"] ?? "").split(separator: " ").map(String.init)
            let primary = order.first { Int(variables["BOOT_\($0)_LEFT"] ?? "0", radix: 16) ?? 0 > 0 }
            #expect(primary != nil, "\(label): no bootable slot in \(variables)")
            if primary == "B" {
                let installed = bundles.first { $0.version == variables["KILN_B_VERSION"] }
                #expect(installed != nil, "\(label): slot B is primary without a recorded version")
                if let installed {
                    #expect(try device.digest(slot: "B", length: installed.size) == installed.sha256,
                            "\(label): slot B is primary but does not hold all of \(installed.version)")
                }
            }
            return primary ?? "none"
        }
    }

    func prepare(redundant: Bool) throws -> Run {
        let directory = try TemporaryDirectory(prefix: "kiln-ota-powercut")
        let device = try OTADevice(image: try OTAImages.copy(try OTAImages.image(version: 1), into: directory), directory: directory)
        var environmentConfig = directory.appending("fw_env.config")
        var config = try device.configure(keys: [try OTAImages.key("release").public])
        if redundant {
            // Two copies with a flags counter in one file, as fw_env.config's two-line form describes them.
            let file = directory.appending("redundant.env")
            let copy = directory.appending("copy.env")
            let text = try directory.write("initial.txt", "BOOT_ORDER=A B\nBOOT_A_LEFT=3\nBOOT_B_LEFT=3\n")
            _ = try Command.output(["mkenvimage", "-r", "-s", "0x4000", "-o", copy, text])
            _ = try Command.output(["sh", "-c", "cat \(copy) \(copy) > \(file)"])
            environmentConfig = try directory.write("redundant.config", "\(file) 0x0 0x4000\n\(file) 0x4000 0x4000\n")
            config = try device.configure(keys: [try OTAImages.key("release").public], environmentConfig: environmentConfig)
        }
        var bundles: [(String, String, String, UInt64)] = []
        for (name, version) in [("v2", "2.0.0"), ("v2-1", "2.0.1")] {
            let bundle = try InstallTests.bundle(name, version: version)
            let json = try Command.output([KilnExecutable.path, "bundle", "info", "--json", bundle])
            let payload = ((try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["payloads"] as! [[String: Any]])[0]
            bundles.append((bundle, version, payload["sha256"] as! String, UInt64(payload["size"] as! Int)))
        }
        return Run(device: device, config: config, environmentConfig: environmentConfig, bundles: bundles,
                   slotA: try device.digest(slot: "A"))
    }

    /// Kill points: every environment write, slot write and sync, and random zeroing calls (BLKZEROOUT ioctls)
    /// until there are `count` points.
    func points(_ log: String, seed: UInt64, count: Int) -> [(String, Int)] {
        func calls(_ name: String) -> Int { log.split(separator: "\n").filter { $0.contains(" \(name)(") }.count }
        let writes = calls("pwrite64"), syncs = calls("fsync"), ioctls = calls("ioctl")
        var chosen = (1...max(writes, 1)).map { ("pwrite64", $0) } + (1...max(syncs, 1)).map { ("fsync", $0) }
        var generator = SeededGenerator(seed: seed)
        var zeroing = Set<Int>()
        while chosen.count + zeroing.count < count, zeroing.count < ioctls { zeroing.insert(1 + Int(generator.next() % UInt64(ioctls))) }
        chosen += zeroing.sorted().map { ("ioctl", $0) }
        return chosen
    }

    @Test(arguments: [false, true])
    func aKilledInstallNeverLeavesAHalfWrittenSlotPrimary(redundant: Bool) throws {
        let run = try prepare(redundant: redundant)
        defer { run.device.detach() }
        // A full install, traced, to count the calls; it must end with B primary.
        let log = try run.install(run.bundles[0].path, killingAt: nil, when: 0)
        #expect(try run.check("uncut") == "B")
        let points = points(log, seed: redundant ? 2 : 1, count: redundant ? 16 : 34)
        #expect(points.count >= (redundant ? 16 : 34))
        #expect(Set(run.bundles.map(\.sha256)).count == 2, "the two payloads differ")
        var outcomes: [String: Int] = [:]
        for (index, (call, when)) in points.enumerated() {
            _ = try run.install(run.bundles[(index + 1) % 2].path, killingAt: call, when: when)
            outcomes[try run.check("killed at \(call) #\(when)"), default: 0] += 1
        }
        #expect(try run.device.digest(slot: "A") == run.slotA, "the booted slot was written")
        // Both outcomes occur: cuts before the switch leave A primary, cuts after it B.
        #expect(outcomes["A", default: 0] > 0 && outcomes["B", default: 0] > 0, "\(outcomes)")
    }
}
