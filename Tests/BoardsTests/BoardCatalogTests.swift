import Boards
import Foundation
import KilnTestSupport
import Testing

/// Boards are found in the shipped directory, the user's config, KILN_BOARDS_DIR and --boards-dir; later wins.
@Suite struct BoardCatalogTests {
    @Test func searchOrderIsShippedUserEnvironmentOption() {
        let path = BoardSearchPath.standard(
            executablePath: "/usr/local/bin/kiln", environment: ["KILN_BOARDS_DIR": "/env/boards"],
            homeDirectory: "/home/me", boardsDirectory: "/opt/boards",
            exists: { $0 == "/usr/local/share/kiln/boards" })
        #expect(path.directories.map(\.path) == ["/usr/local/share/kiln/boards", "/home/me/.config/kiln/boards", "/env/boards", "/opt/boards"])
        #expect(path.directories.map(\.origin) == [.shipped, .user, .environment, .option])
        #expect(path.directories.map(\.required) == [false, false, true, true])
    }

    @Test func findsTheSourceTreeFromABuildDirectory() {
        let path = BoardSearchPath.standard(
            executablePath: "/src/kiln/.build/x86_64-unknown-linux-gnu/debug/kiln", environment: ["XDG_CONFIG_HOME": "/cfg"],
            homeDirectory: "/home/me", boardsDirectory: nil,
            exists: { ["/src/kiln/Package.swift", "/src/kiln/boards"].contains($0) })
        #expect(path.directories.map(\.path) == ["/src/kiln/boards", "/cfg/kiln/boards"])
    }

    @Test func aUserBoardOfTheSameNameWins() throws {
        let user = try TemporaryDirectory()
        let custom = try ShippedBoards.text("rpi4").replacingFirst("description = \"Raspberry Pi 4 Model B (Broadcom BCM2711), 64-bit\"", with: "description = \"My Pi\"")
        try user.write("rpi4.toml", custom)
        let catalog = try BoardCatalog.scan(BoardSearchPath(directories: [
            .init(path: ShippedBoards.directory, origin: .shipped, required: false),
            .init(path: user.path, origin: .user, required: false),
        ]))
        #expect(catalog.entries.map(\.name) == ["nanopi-r2s", "qemu-aarch64", "rpi3", "rpi4"])
        let entry = try #require(catalog.entries.first { $0.name == "rpi4" })
        #expect(entry.origin == .user)
        #expect(entry.overrides == ["\(ShippedBoards.directory)/rpi4.toml"])
        #expect(try catalog.board(named: "rpi4").description == "My Pi")
        #expect(throws: BoardError.notFound(name: "rpi5", known: ["nanopi-r2s", "qemu-aarch64", "rpi3", "rpi4"])) {
            try catalog.board(named: "rpi5")
        }
    }

    @Test func aMissingExplicitDirectoryIsAnError() {
        #expect(throws: BoardError.self) {
            try BoardCatalog.scan(BoardSearchPath(directories: [.init(path: "/nonexistent/kiln", origin: .option, required: true)]))
        }
        #expect(throws: Never.self) {
            try BoardCatalog.scan(BoardSearchPath(directories: [.init(path: "/nonexistent/kiln", origin: .user, required: false)]))
        }
    }
}
