import Foundation
import KilnTestSupport
import Testing

/// `kiln ota health`: the checks in the health directory decide between mark-good and mark-bad.
@Suite(.requiresRoot, .serialized) struct HealthTests {
    @Test func passingChecksMarkGoodAndAFailingOrSlowOneMarksBad() throws {
        let directory = try TemporaryDirectory(prefix: "kiln-ota-health")
        let device = try OTADevice(image: try OTAImages.copy(try OTAImages.image(version: 1), into: directory), directory: directory)
        defer { device.detach() }
        let checks = directory.appending("health.d")
        var config = try device.configure(keys: [try OTAImages.key("release").public])
        config = try directory.write("system.toml", try String(contentsOfFile: config, encoding: .utf8)
                                     + "[health]\ndirectory = \"\(checks)\"\ntimeout = 5\n")
        func check(_ name: String, _ body: String) throws {
            let path = try directory.write("health.d/\(name)", "#!/bin/sh\n\(body)\n")
            chmod(path, 0o755)
        }
        try check("10-network", "exit 0")
        try check("20-services", "test -d /")
        _ = try Command.output(["fw_setenv", "-c", directory.appending("fw_env.config"), "BOOT_A_LEFT", "2"])
        let good = try device.kiln(["ota", "health", "--json"], booted: "A", config: config)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("\"passed\" : true"))
        #expect(try device.environment()["BOOT_A_LEFT"] == "3", "marked good")

        try check("30-slow", "sleep 10")
        let slow = try device.kiln(["ota", "health"], booted: "A", config: config)
        #expect(slow.status == 1 && slow.stdout.contains("FAIL 30-slow: did not finish within the 5 s deadline"), "\(slow.stdout)")
        let environment = try device.environment()
        #expect(environment["BOOT_A_LEFT"] == "0" && environment["BOOT_ORDER"] == "B", "marked bad: \(environment)")

        _ = try Command.output(["fw_setenv", "-c", directory.appending("fw_env.config"), "BOOT_ORDER", "A B"])
        _ = try Command.output(["fw_setenv", "-c", directory.appending("fw_env.config"), "BOOT_A_LEFT", "3"])
        try FileManager.default.removeItem(atPath: "\(checks)/30-slow")
        try check("15-fails", "exit 3")
        let failing = try device.kiln(["ota", "health"], booted: "A", config: config)
        #expect(failing.status == 1 && failing.stdout.contains("FAIL 15-fails: exit status 3"), "\(failing.stdout)")
        #expect(!failing.stdout.contains("20-services"), "checks stop at the first failure")
    }
}
