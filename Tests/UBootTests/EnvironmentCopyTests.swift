import Foundation
import KilnTestSupport
import Testing
import UBoot

/// The format's edges: what a copy must refuse, and what does not fit.
@Suite struct EnvironmentCopyTests {
    /// A copy whose data area is `data`, padded with 0xFF, with a correct CRC (single layout).
    static func copy(_ data: [UInt8], size: Int = 64) -> [UInt8] {
        let area = data + repeatElement(0xFF, count: size - 4 - data.count)
        let crc = CRC32.checksum(area)
        return (0..<4).map { UInt8(truncatingIfNeeded: crc >> ($0 * 8)) } + area
    }

    @Test func crcMatchesZlib() throws {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let scratch = try TemporaryDirectory(prefix: "kiln-uboot")
        defer { scratch.remove() }
        let file = scratch.appending("random.bin")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let zlib = try Command.output(["python3", "-c", "import sys,zlib;print(zlib.crc32(open(sys.argv[1],'rb').read()))", file])
        #expect(UInt32(zlib.trimmingCharacters(in: .whitespacesAndNewlines)) == CRC32.checksum(bytes))
    }

    @Test func settingAnExistingNameKeepsItsPlace() throws {
        var environment = try BootloaderEnvironment(["b": "1", "a": "2", "c": "3"])
        try environment.set("a", "changed")
        try environment.set("d", "4")
        #expect(environment.names == ["b", "a", "c", "d"])
        #expect(environment["a"] == "changed")
        #expect(environment.remove("b") == "1")
        #expect(environment.sortedByName().names == ["a", "c", "d"])
        #expect(throws: EnvironmentError.invalidVariable(name: "a=b", reason: "the name contains '='")) {
            try environment.set("a=b", "x")
        }
    }

    @Test func roundTripsBothLayouts() throws {
        let environment = try BootloaderEnvironment(["bootcmd": "run a; run b", "multi": "line\none", "empty": ""])
        for flags in [nil, 7] as [UInt8?] {
            let bytes = try EnvironmentCopy(environment: environment, flags: flags).serialized(size: 256)
            #expect(bytes.count == 256)
            let parsed = try EnvironmentCopy(parsing: bytes, layout: flags == nil ? .single : .redundant)
            #expect(parsed == EnvironmentCopy(environment: environment, flags: flags))
        }
    }

    @Test func refusesMalformedCopies() throws {
        let error = { (bytes: [UInt8]) -> EnvironmentError? in
            do {
                _ = try EnvironmentCopy(parsing: bytes, layout: .single, storage: "/dev/mmcblk0", offset: 0x3F8000)
                return nil
            } catch let error as EnvironmentError { return error } catch { return nil }
        }
        func defect(_ reason: EnvironmentError.CopyDefect) -> EnvironmentError {
            .invalidCopy(storage: "/dev/mmcblk0", offset: 0x3F8000, reason: reason)
        }
        #expect(error(Self.copy(Array("a=1\0noequals\0\0".utf8))) == defect(.malformedEntry(entryOffset: 8, text: "noequals")))
        #expect(error(Self.copy(Array("=1\0\0".utf8))) == defect(.malformedEntry(entryOffset: 4, text: "=1")))
        #expect(error(Self.copy(Array("a=1\0".utf8), size: 8)) == defect(.unterminated))
        #expect(error(Self.copy(Array("a=\u{FF}".utf8) + [0xC3, 0x28, 0, 0])) == defect(.notUTF8(entryOffset: 4)))
        #expect(error([1, 2, 3]) == defect(.truncated(size: 3)))
        var damaged = Self.copy(Array("a=1\0\0".utf8))
        damaged[5] = UInt8(ascii: "b")
        guard case .invalidCopy(_, _, .checksumMismatch)? = error(damaged) else {
            Issue.record("a changed byte must fail the CRC")
            return
        }
        #expect(error(damaged)!.description.hasPrefix("/dev/mmcblk0 at 0x3f8000: CRC32 mismatch"))
    }

    @Test func saysHowManyBytesAreOver() throws {
        // "a=1234\0" is 7 bytes, plus the terminating NUL: 8 against 16 - 5 = 11 capacity fits; 3 such do not.
        let fits = try BootloaderEnvironment(["a": "1234"])
        #expect(try EnvironmentCopy(environment: fits, flags: 1).serialized(size: 16).count == 16)
        let over = try BootloaderEnvironment(["a": "1234", "b": "5678"])
        #expect(throws: EnvironmentError.tooLarge(needed: 15, capacity: 11)) {
            try EnvironmentCopy(environment: over, flags: 1).serialized(size: 16)
        }
        #expect(EnvironmentError.tooLarge(needed: 15, capacity: 11).description
            == "the environment needs 15 bytes, 4 over the 11 a copy holds")
    }

    @Test func planAlternatesCopiesInMemory() throws {
        let location = { (offset: UInt64) in EnvironmentCopyLocation(device: "mem", offset: offset, size: 128) }
        let store = EnvironmentStore(configuration: try EnvironmentConfiguration(location(0), redundant: location(128)))
        let device = MemoryEnvironmentDevice(bytes: [UInt8](repeating: 0, count: 256))
        #expect(throws: EnvironmentError.self) { try store.read(from: [device, device]) }
        let first = try store.plan(writing: BootloaderEnvironment(["n": "1"]), after: nil)
        try first.perform(on: device)
        #expect(first.copyIndex == 0 && first.flags == 1 && device.syncCount == 1)
        let state = try store.read(from: [device, device])
        #expect(state.rejected.count == 1)
        let second = try store.plan(writing: BootloaderEnvironment(["n": "2"]), after: state)
        #expect(second.copyIndex == 1 && second.flags == 2 && second.location.offset == 128)
    }
}
