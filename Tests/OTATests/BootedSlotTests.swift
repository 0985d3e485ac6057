import Boards
import Foundation
import KilnTestSupport
import OTA
import Testing

@Suite struct BootedSlotTests {
    let board: Board

    init() throws { board = try BoardFile.load(contentsOf: "\(Repository.boards)/qemu-aarch64.toml") }

    @Test func readsTheSlotUBootChose() throws {
        let slot = try BootedSlot.parse(commandLine: "console=ttyAMA0 root=PARTUUID=1234 rootwait kiln.slot=B\n", board: board)
        #expect(slot.slot == "B")
        #expect(slot.name == "rootfs-b")
        // The last argument wins, as the kernel's own parsing of repeated parameters does.
        #expect(try BootedSlot.parse(commandLine: "kiln.slot=A kiln.slot=B", board: board).slot == "B")
    }

    @Test func refusesACommandLineWithoutOrWithAnUnknownSlot() {
        #expect(throws: SlotError.notOnCommandLine) { try BootedSlot.parse(commandLine: "console=ttyAMA0 kiln.slotx", board: board) }
        #expect(throws: SlotError.unknownSlot(name: "C", board: "qemu-aarch64", known: ["A", "B"])) {
            try BootedSlot.parse(commandLine: "kiln.slot=C", board: board)
        }
    }
}
