import Foundation
import ImageBuilder
import KilnTestSupport
import Testing

@Suite("Kiln's initramfs as GNU cpio lists it")
struct InitramfsTests {
    /// `cpio -itvn` columns: mode, links, uid, gid, then size (or `major, minor`), date and name.
    struct Line {
        var mode: String, uid: String, gid: String, size: String, name: String
        init(_ text: String) {
            let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            mode = fields[0]; uid = fields[2]; gid = fields[3]
            // Devices print "5,   1" where files print a size; the name follows the three date fields.
            let isDevice = fields[4].hasSuffix(",")
            size = isDevice ? fields[4] + fields[5] : fields[4]
            name = fields[(isDevice ? 9 : 8)...].joined(separator: " ")
        }
    }

    @Test func membersOwnersModesAndDevices() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try InitramfsFixture.build(in: directory)
        let lines = try InitramfsFixture.listing(image, in: directory).map(Line.init)
        let byName = Dictionary(lines.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(lines.allSatisfy { $0.uid == "0" && $0.gid == "0" })
        #expect(byName["dev/console"]?.mode == "crw-------")
        #expect(byName["dev/console"]?.size == "5,1")
        #expect(byName["dev/null"]?.size == "1,3")
        #expect(byName["init"]?.mode == "-rwxr-xr-x")
        #expect(byName["bin/busybox"]?.mode == "-rwxr-xr-x")
        #expect(byName["bin/switch_root -> busybox"]?.mode == "lrwxrwxrwx")
        for directoryName in ["bin", "dev", "proc", "sys", "newroot"] {
            #expect(byName[directoryName]?.mode == "drwxr-xr-x")
        }
        let version = try InitramfsFixture.kernelVersion()
        for module in try InitramfsFixture.plan().modules {
            let size = try FileManager.default.attributesOfItem(
                atPath: try InitramfsFixture.moduleTree().path + "/" + module)[.size] as? Int
            #expect(byName["lib/modules/\(version)/\(module)"]?.size == size.map(String.init))
        }
        // Each directory comes before what it holds, as the kernel's unpacker needs.
        let names = lines.map(\.name)
        for (index, name) in names.enumerated() where name.contains("/") {
            let parent = String(name[..<name.lastIndex(of: "/")!])
            #expect(names[..<index].contains(parent), "\(parent) must precede \(name)")
        }
    }

    @Test func initLoadsTheResolvedModulesInOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try InitramfsFixture.build(in: directory)
        let archive = directory.appending("initrd.cpio")
        _ = try Command.output(["zstd", "-q", "-d", "-f", "-o", archive, image])
        let script = try Command.output(["cpio", "-i", "--quiet", "--to-stdout", "init"], stdin: archive)
        let plan = try InitramfsFixture.plan()
        #expect(script == plan.initScript.text)
        #expect(script.hasPrefix("#!/bin/busybox sh\n"))
        let listed = script.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("/lib/modules/") }
        #expect(listed == plan.modules.map { "/lib/modules/\(plan.kernelVersion)/\($0)" })
        // The POSIX shell parses it (busybox's ash is a superset of what it uses).
        let syntax = try Command.run(["sh", "-n", "-c", script])
        #expect(syntax.status == 0, "\(syntax.stderr)")
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try InitramfsFixture.build(in: directory, name: "first.img")
        let second = try InitramfsFixture.build(in: directory, name: "second.img")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
        // zstd magic: the kernel (CONFIG_RD_ZSTD=y) recognises the compression from it.
        #expect(Array(bytes.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD])
    }

    @Test func busyboxMustBeStaticArm64() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = InitramfsWriter(plan: try InitramfsFixture.plan())
        let output = directory.appending("initrd.img")
        let x86 = #expect(throws: InitramfsError.self) {
            try writer.write(busybox: "/bin/ls", modules: try InitramfsFixture.moduleTree(), to: output)
        }
        #expect(x86?.description.contains("/bin/ls") == true)
        #expect(x86?.description.contains("x86-64") == true)
        // An arm64 busybox with a dynamic loader (PT_INTERP) is refused too: Debian's `busybox` package.
        var dynamic = try Artifacts.bytes("busybox/busybox")
        try Self.addInterpreterSegment(to: &dynamic)
        let dynamicPath = directory.appending("busybox-dynamic")
        try Data(dynamic).write(to: URL(fileURLWithPath: dynamicPath))
        let error = #expect(throws: InitramfsError.self) {
            try writer.write(busybox: dynamicPath, modules: try InitramfsFixture.moduleTree(), to: output)
        }
        #expect(error?.description.contains("PT_INTERP") == true)
        #expect(!FileManager.default.fileExists(atPath: output), "nothing is written when an input is refused")
    }

    /// Turns the first program header into PT_INTERP, as a dynamically linked executable has.
    static func addInterpreterSegment(to elf: inout [UInt8]) throws {
        let table = (0..<8).reduce(0) { $0 | Int(elf[32 + $1]) << ($1 * 8) }
        try #require(table > 0 && table + 4 <= elf.count)
        elf[table..<(table + 4)] = [3, 0, 0, 0]
    }
}
