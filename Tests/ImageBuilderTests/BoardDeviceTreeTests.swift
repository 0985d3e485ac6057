import Boards
import DeviceTree
import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

/// Each shipped board's DTB from Debian's kernel is accepted for its board and refused for the others.
@Suite struct BoardDeviceTreeTests {
    static func board(_ name: String) throws -> Board { try BoardFile.load(contentsOf: "\(Repository.boards)/\(name).toml") }

    @Test(arguments: ["nanopi-r2s", "rpi3", "rpi4"])
    func acceptsItsOwnDeviceTree(name: String) throws {
        let board = try Self.board(name)
        let dtb = try #require(board.deviceTree.dtb)
        let checked = try BoardDeviceTree(board: board, blob: Artifacts.bytes("kernel/dtbs/\(dtb)"), file: dtb)
        #expect(checked.tree.compatible.first == board.deviceTree.compatible.first)
    }

    @Test func refusesAnotherBoardsDeviceTree() throws {
        let rpi4 = try Self.board("rpi4")
        let r2s = try Artifacts.bytes("kernel/dtbs/rockchip/rk3328-nanopi-r2s.dtb")
        #expect(throws: ImageBuildError.incompatibleDeviceTree(
            file: "rk3328-nanopi-r2s.dtb", board: "rpi4", expected: "raspberrypi,4-model-b",
            found: ["friendlyarm,nanopi-r2s", "rockchip,rk3328"])) {
            try BoardDeviceTree(board: rpi4, blob: r2s, file: "rk3328-nanopi-r2s.dtb")
        }
        #expect(throws: ImageBuildError.self) {
            try BoardDeviceTree(board: rpi4, blob: Array("garbage".utf8), file: "garbage.dtb")
        }
    }

    @Test func setsBootargsForTheBoard() throws {
        let board = try Self.board("nanopi-r2s")
        var checked = try BoardDeviceTree(board: board, blob: Artifacts.bytes("kernel/dtbs/rockchip/rk3328-nanopi-r2s.dtb"), file: "r2s.dtb")
        try checked.setBootargs("console=\(board.kernel.console) kiln.slot=A")
        let directory = try TemporaryDirectory()
        let file = directory.appending("r2s.dtb")
        try Data(checked.tree.blob).write(to: URL(fileURLWithPath: file))
        let source = try Command.output(["dtc", "-q", "-I", "dtb", "-O", "dts", file])
        #expect(source.contains("bootargs = \"console=ttyS2,1500000 kiln.slot=A\";"))
    }
}
