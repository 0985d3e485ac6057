import Foundation
import KilnTestSupport
import Testing

/// `kiln boards ...` as a user runs it.
@Suite struct BoardsCommandTests {
    /// A HOME without boards, so the developer's own ~/.config does not leak into the results.
    let home: TemporaryDirectory
    var environment: [String: String] { ["HOME": home.path, "XDG_CONFIG_HOME": "", "KILN_BOARDS_DIR": ""] }

    init() throws { home = try TemporaryDirectory() }

    func json(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Any {
        let result = try KilnExecutable.run(arguments, environment: environment.merging(extra) { $1 })
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func listShowsTheFourShippedBoards() throws {
        let rows = try #require(try json(["boards", "list", "--json"]) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["nanopi-r2s", "qemu-aarch64", "rpi3", "rpi4"])
        #expect(rows.allSatisfy { $0["origin"] as? String == "shipped" && $0["valid"] as? Bool == true })
        let text = try KilnExecutable.run(["boards", "list"], environment: environment)
        #expect(text.status == 0)
        for name in ["nanopi-r2s", "qemu-aarch64", "rpi3", "rpi4"] { #expect(text.stdout.contains(name)) }
    }

    @Test func showNanopiR2SAsJSON() throws {
        let board = try #require(try json(["boards", "show", "nanopi-r2s", "--json"]) as? [String: Any])
        #expect(board["name"] as? String == "nanopi-r2s")
        #expect((board["compatible"] as? [String])?.first == "friendlyarm,nanopi-r2s")
        let bootloader = try #require(board["bootloader"] as? [String: Any])
        let blobs = try #require(bootloader["blobs"] as? [[String: Any]])
        #expect(blobs.map { $0["file"] as? String } == ["idbloader.img", "u-boot.itb"])
        #expect(blobs.map { $0["offset"] as? Int } == [32768, 8_388_608])
        let environment = try #require(bootloader["environment"] as? [String: Any])
        #expect(environment["storage"] as? String == "raw")
        #expect(environment["offset"] as? Int == 4_161_536)
        #expect(environment["size"] as? Int == 32768)
        let partitions = try #require(board["partitions"] as? [[String: Any]])
        #expect(partitions.map { $0["name"] as? String } == ["boot", "rootfs-a", "rootfs-b", "data"])
        #expect(partitions.map { $0["role"] as? String } == ["boot", "slot", "slot", "data"])
        #expect(partitions.allSatisfy { ($0["size"] as? Int ?? 0) > 0 })
    }

    @Test func showQemuHasAFATFileEnvironment() throws {
        let board = try #require(try json(["boards", "show", "qemu-aarch64", "--json"]) as? [String: Any])
        let environment = try #require((board["bootloader"] as? [String: Any])?["environment"] as? [String: Any])
        #expect(environment["storage"] as? String == "fat-file")
        #expect(environment["file"] as? String == "uboot.env")
        #expect(environment["partition"] as? String == "boot")
        #expect(environment["size"] as? Int == 0x4000)
    }

    @Test func showPrintsTheDiskLayout() throws {
        let result = try KilnExecutable.run(["boards", "show", "nanopi-r2s"], environment: environment)
        #expect(result.status == 0)
        for fragment in ["0x8000", "idbloader.img", "0x800000", "u-boot.itb", "0x3F8000", "partition 2 rootfs-a: ext4, slot A"] {
            #expect(result.stdout.contains(fragment), "\(fragment)")
        }
    }

    @Test func boardsDirectoryOptionAndEnvironmentOverrideShippedBoards() throws {
        let mine = try TemporaryDirectory()
        let text = try ShippedBoards.text("qemu-aarch64").replacingFirst("memory = \"512MiB\"", with: "memory = \"2GiB\"")
        try mine.write("qemu-aarch64.toml", text)
        for (arguments, extra, origin) in [
            (["--boards-dir", mine.path], [String: String](), "--boards-dir"),
            ([], ["KILN_BOARDS_DIR": mine.path], "KILN_BOARDS_DIR"),
        ] {
            let rows = try #require(try json(["boards", "list", "--json"] + arguments, environment: extra) as? [[String: Any]])
            let row = try #require(rows.first { $0["name"] as? String == "qemu-aarch64" })
            #expect(row["origin"] as? String == origin)
            #expect((row["overrides"] as? [String])?.count == 1)
            let board = try #require(try json(["boards", "show", "qemu-aarch64", "--json"] + arguments, environment: extra) as? [String: Any])
            #expect((board["emulator"] as? [String: Any])?["memory"] as? Int == 2 << 30)
        }
        // ~/.config/kiln/boards: the user's own directory.
        try home.write(".config/kiln/boards/qemu-aarch64.toml", text)
        let rows = try #require(try json(["boards", "list", "--json"]) as? [[String: Any]])
        #expect(rows.first { $0["name"] as? String == "qemu-aarch64" }?["origin"] as? String == "user")
    }

    @Test func showAnUnknownBoardFails() throws {
        let result = try KilnExecutable.run(["boards", "show", "rpi5"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no board named 'rpi5'"))
        #expect(result.stderr.contains("known boards: nanopi-r2s, qemu-aarch64, rpi3, rpi4"))
    }

    @Test func checkAcceptsTheShippedBoards() throws {
        let files = ["nanopi-r2s", "rpi3", "rpi4", "qemu-aarch64"].map { "\(ShippedBoards.directory)/\($0).toml" }
        let result = try KilnExecutable.run(["boards", "check"] + files, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 4)
        let missing = try KilnExecutable.run(["boards", "check", "/nonexistent/board.toml"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/board.toml: cannot read board file: No such file or directory"))
    }

    @Test func anInvalidBoardInASearchDirectoryIsReported() throws {
        let mine = try TemporaryDirectory()
        try mine.write("broken.toml", "name = \"broken\"\n")
        let result = try KilnExecutable.run(["boards", "list", "--boards-dir", mine.path], environment: environment)
        #expect(result.status == 1)
        #expect(result.stdout.contains("nanopi-r2s"))
        #expect(result.stderr.contains("\(mine.path)/broken.toml:1:1: description: missing required key 'description'"))
    }

    @Test func version() throws {
        let result = try KilnExecutable.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
