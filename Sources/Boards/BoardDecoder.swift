import TOML

/// Turns a board file's TOML into a `Board`, reporting missing, mistyped and unknown keys.
///
/// Partition offsets the file leaves out are computed here (each partition starts at the next
/// alignment boundary after the previous one); whether the result fits is `BoardValidator`'s job.
struct BoardDecoder {
    let context: DecodingContext

    /// The decoded board, or nil when a key it cannot do without is missing or malformed.
    func decode(_ root: TOMLTable) -> Board? {
        let reader = TableReader(root, path: "", context: context)
        let name = reader.string("name")
        let description = reader.string("description")
        let architecture = reader.choice("arch", Architecture.self)
        let soc = reader.string("soc")
        let deviceTree = reader.table("device-tree").flatMap(deviceTreeSpec)
        let kernel = reader.table("kernel").flatMap(kernelSpec)
        let storage = reader.table("storage").flatMap(storageSpec)
        let bootloader = reader.table("bootloader").flatMap(bootloaderSpec)
        let bootFiles = (reader.tables("boot-files", required: false) ?? []).map(bootFile)
        let partitionReaders = reader.tables("partitions") ?? []
        let network = reader.table("network").flatMap(networkRoles)
        let emulatorReader = reader.table("emulator", required: false)
        let emulator = emulatorReader.flatMap(emulatorSpec)
        let rootfs = reader.table("rootfs", required: false).map(rootfsSpec) ?? RootfsSpec()
        reader.finish()

        guard let name, let description, let architecture, let soc, let deviceTree, let kernel,
              let storage, let bootloader, let network
        else { return nil }
        let partitions = layOut(partitionReaders, storage: storage)
        guard partitions.count == partitionReaders.count, !bootFiles.contains(nil),
              (emulatorReader == nil) == (emulator == nil)
        else { return nil }
        return Board(
            name: name, description: description, architecture: architecture, soc: soc,
            deviceTree: deviceTree, kernel: kernel, storage: storage, bootloader: bootloader,
            bootFiles: bootFiles.compactMap { $0 }, partitions: partitions, network: network, emulator: emulator,
            rootfs: rootfs)
    }

    private func deviceTreeSpec(_ reader: TableReader) -> DeviceTreeSpec? {
        defer { reader.finish() }
        guard let compatible = reader.strings("compatible") else { return nil }
        if compatible.isEmpty { reader.report("compatible", "must list at least one compatible string") }
        return DeviceTreeSpec(compatible: compatible, dtb: reader.string("dtb", required: false))
    }

    private func kernelSpec(_ reader: TableReader) -> KernelSpec? {
        defer { reader.finish() }
        let image = reader.string("image"), console = reader.string("console")
        let modules = reader.strings("modules", required: false) ?? []
        let arguments = reader.strings("arguments", required: false) ?? []
        let commandLineFile = reader.string("cmdline-file", required: false)
        guard let image, let console else { return nil }
        return KernelSpec(image: image, console: console, modules: modules, arguments: arguments,
                          commandLineFile: commandLineFile)
    }

    private func storageSpec(_ reader: TableReader) -> Storage? {
        defer { reader.finish() }
        let device = reader.string("device")
        let table = reader.choice("partition-table", PartitionTableKind.self)
        let sectorSize = reader.integer("sector-size")
        let first = reader.size("first-partition")
        let alignment = reader.size("alignment", required: false) ?? ByteSize(1 << 20)
        let imageSize = reader.size("image-size")
        guard let device, let table, let sectorSize, let first, let imageSize else { return nil }
        return Storage(device: device, partitionTable: table, sectorSize: UInt64(clamping: sectorSize),
                       firstPartition: first, alignment: alignment, imageSize: imageSize)
    }

    private func bootloaderSpec(_ reader: TableReader) -> Bootloader? {
        defer { reader.finish() }
        let blobs = (reader.tables("blobs", required: false) ?? []).map { blob -> BootloaderBlob? in
            defer { blob.finish() }
            let file = blob.string("file"), offset = blob.size("offset"), maxSize = blob.size("max-size")
            guard let file, let offset, let maxSize else { return nil }
            return BootloaderBlob(file: file, offset: offset, maxSize: maxSize)
        }
        let environment = reader.table("environment").flatMap(environmentLocation)
        let device = reader.string("device", required: false) ?? "mmc 0"
        let attempts = reader.integer("boot-attempts", required: false) ?? 3
        guard let environment, !blobs.contains(nil) else { return nil }
        return Bootloader(blobs: blobs.compactMap { $0 }, environment: environment, device: device,
                          bootAttempts: Int(clamping: attempts))
    }

    private func environmentLocation(_ reader: TableReader) -> EnvironmentLocation? {
        defer { reader.finish() }
        let kind = reader.string("storage")
        let size = reader.size("size")
        let loader = reader.choice("loaded-by", EnvironmentLocation.Loader.self, required: false) ?? .uBoot
        let defaultsFrom = reader.string("defaults-from", required: false)
        switch kind {
        case "raw":
            let offset = reader.size("offset"), redundant = reader.size("redundant-offset", required: false)
            rejectKeys(["partition", "file", "redundant-file"], in: reader, storage: "raw")
            guard let offset, let size else { return nil }
            return EnvironmentLocation(storage: .raw(offset: offset, redundantOffset: redundant), size: size,
                                       loader: loader, defaultsFrom: defaultsFrom)
        case "fat-file":
            let partition = reader.string("partition"), file = reader.string("file")
            let redundant = reader.string("redundant-file", required: false)
            rejectKeys(["offset", "redundant-offset"], in: reader, storage: "fat-file")
            guard let partition, let file, let size else { return nil }
            return EnvironmentLocation(storage: .fatFile(partition: partition, file: file, redundantFile: redundant),
                                       size: size, loader: loader, defaultsFrom: defaultsFrom)
        case let other?:
            reader.report("storage", "unknown value '\(other)' (expected one of 'raw', 'fat-file')")
            return nil
        case nil:
            return nil
        }
    }

    /// Keys that belong to the other kind of environment storage: named as such, not as unknown.
    private func rejectKeys(_ keys: [String], in reader: TableReader, storage: String) {
        for key in keys where reader.table[key] != nil {
            reader.report(key, "'\(key)' does not apply to storage '\(storage)'")
            reader.markKnown(key)
        }
    }

    private func bootFile(_ reader: TableReader) -> BootFile? {
        defer { reader.finish() }
        let path = reader.string("path")
        let source = reader.string("source", required: false)
        let content = reader.string("content", required: false)
        guard let path else { return nil }
        switch (source, content) {
        case (let source?, nil):
            let parts = source.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let input = BuildInput(rawValue: parts[0]) else {
                let inputs = BuildInput.allCases.map(\.rawValue).joined(separator: "/, ")
                reader.report("source", "'\(source)' must start with an input directory: \(inputs)/")
                return nil
            }
            return BootFile(path: path, origin: .input(input, path: parts[1]))
        case (nil, let content?):
            return BootFile(path: path, origin: .content(content))
        case (nil, nil):
            reader.report("source", "a boot file needs 'source' (an input file) or 'content' (text)")
        case (_?, _?):
            reader.report("content", "give either 'source' or 'content', not both")
        }
        return nil
    }

    private func networkRoles(_ reader: TableReader) -> NetworkRoles? {
        defer { reader.finish() }
        return NetworkRoles(wan: reader.strings("wan", required: false) ?? [],
                            lan: reader.strings("lan", required: false) ?? [])
    }

    private func emulatorSpec(_ reader: TableReader) -> Emulator? {
        defer { reader.finish() }
        let machine = reader.string("machine"), cpu = reader.string("cpu"), memory = reader.size("memory")
        let bios = reader.string("bios", required: false)
        guard let machine, let cpu, let memory else { return nil }
        return Emulator(machine: machine, cpu: cpu, memory: memory, bios: bios)
    }

    private func rootfsSpec(_ reader: TableReader) -> RootfsSpec {
        defer { reader.finish() }
        return RootfsSpec(packages: reader.strings("packages", required: false) ?? [])
    }

    /// Decodes the partitions, placing each one the file does not pin at the next aligned offset.
    private func layOut(_ readers: [TableReader], storage: Storage) -> [Partition] {
        var next = storage.firstPartition.bytes
        var partitions: [Partition] = []
        for reader in readers {
            defer { reader.finish() }
            let name = reader.string("name"), role = reader.choice("role", PartitionRole.self)
            let slot = reader.string("slot", required: false)
            let filesystem = reader.choice("filesystem", Filesystem.self), size = reader.size("size")
            let pinned = reader.size("offset", required: false)
            guard let name, let role, let filesystem, let size else { continue }
            let offset = pinned?.bytes ?? next.aligned(to: storage.alignment.bytes)
            partitions.append(Partition(name: name, role: role, slot: slot, filesystem: filesystem,
                                        offset: ByteSize(offset), size: size))
            next = offset &+ size.bytes
        }
        return partitions
    }
}

extension UInt64 {
    /// Rounded up to a multiple of `alignment` (unchanged when `alignment` is 0).
    func aligned(to alignment: UInt64) -> UInt64 {
        guard alignment > 0 else { return self }
        let remainder = self % alignment
        return remainder == 0 ? self : self &+ (alignment - remainder)
    }
}
