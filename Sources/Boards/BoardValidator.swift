/// Checks a decoded board for what the TOML types cannot express: names, alignment, and a disk layout
/// in which nothing overlaps and everything fits.
struct BoardValidator {
    let board: Board
    let context: DecodingContext

    private func report(_ keyPath: String, _ message: String) {
        context.report(keyPath, at: context.sourceMap.position(of: keyPath), message)
    }

    func validate(fileStem: String?) {
        if let fileStem, fileStem != board.name {
            report("name", "board name '\(board.name)' does not match the file name '\(fileStem).toml'")
        }
        checkStorage()
        checkBlobs()
        checkEnvironment()
        checkPartitions()
        checkOverlaps()
        checkBootFiles()
        checkNetwork()
        checkRootfs()
    }

    /// Package names as Debian policy allows them (lower case, digits, `+-.`, at least two characters),
    /// so a typo fails here rather than minutes into an emulated build.
    private func checkRootfs() {
        for (index, package) in board.rootfs.packages.enumerated() {
            let valid = package.count >= 2 && package.first.map { $0.isLowercase || $0.isNumber } == true
                && package.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
            if !valid { report("rootfs.packages[\(index)]", "'\(package)' is not a Debian package name") }
        }
    }

    private func checkStorage() {
        let storage = board.storage
        if storage.sectorSize != 512 && storage.sectorSize != 4096 {
            report("storage.sector-size", "sector size \(storage.sectorSize) is not 512 or 4096")
        }
        if storage.alignment.bytes == 0 || storage.alignment.bytes % storage.sectorSize != 0 {
            report("storage.alignment", "alignment \(storage.alignment) is not a non-zero multiple of the sector size")
        }
        if storage.partitionTable == .mbr && board.partitions.count > 4 {
            report("partitions", "an MBR holds at most 4 primary partitions; this board lists \(board.partitions.count)")
        }
    }

    private func checkBlobs() {
        var seen: [String: Int] = [:]
        for (index, blob) in board.bootloader.blobs.enumerated() {
            let path = "bootloader.blobs[\(index)]"
            if let first = seen[blob.file] {
                report("\(path).file", "blob '\(blob.file)' is already placed by bootloader.blobs[\(first)]")
            }
            seen[blob.file] = seen[blob.file] ?? index
            if blob.offset.bytes % board.storage.sectorSize != 0 {
                report("\(path).offset", "offset \(blob.offset.hex) is not on a \(board.storage.sectorSize)-byte sector boundary")
            }
            if blob.maxSize.bytes == 0 { report("\(path).max-size", "must be greater than 0") }
            if blob.range.end > board.storage.imageSize.bytes {
                report("\(path).max-size", "blob '\(blob.file)' (\(blob.range)) runs past the end of the \(board.storage.imageSize) image")
            }
        }
    }

    private func checkEnvironment() {
        let environment = board.bootloader.environment
        let sector = board.storage.sectorSize
        if environment.size.bytes == 0 || environment.size.bytes % sector != 0 {
            report("bootloader.environment.size", "size \(environment.size.hex) is not a non-zero multiple of the \(sector)-byte sector")
        }
        checkEnvironmentLoader(environment)
        switch environment.storage {
        case .raw(let offset, let redundant):
            for (key, value) in [("offset", offset), ("redundant-offset", redundant)] {
                if let value, value.bytes % sector != 0 {
                    report("bootloader.environment.\(key)", "offset \(value.hex) is not on a \(sector)-byte sector boundary")
                }
            }
        case .fatFile(let partitionName, let file, let redundantFile):
            guard let partition = board.partitions.first(where: { $0.name == partitionName }) else {
                report("bootloader.environment.partition", "no partition named '\(partitionName)'")
                return
            }
            if partition.filesystem != .vfat {
                report("bootloader.environment.partition",
                       "partition '\(partitionName)' is \(partition.filesystem.rawValue), but the environment file needs vfat")
            }
            if redundantFile == file {
                report("bootloader.environment.redundant-file", "the redundant copy must be a different file than '\(file)'")
            }
        }
    }

    /// A stored environment U-Boot loads replaces its defaults, so they must be carried over from its binary;
    /// only a FAT file can be imported by a boot script.
    private func checkEnvironmentLoader(_ environment: EnvironmentLocation) {
        let attempts = board.bootloader.bootAttempts
        if !(1...9).contains(attempts) {
            // U-Boot's setexpr counts in hex and `test -gt` compares decimal: they agree only below 10.
            report("bootloader.boot-attempts", "boot-attempts \(attempts) is outside 1...9")
        }
        switch (environment.loader, environment.storage) {
        case (.bootScript, .raw):
            report("bootloader.environment.loaded-by", "a boot script can only import a 'fat-file' environment")
        case (.bootScript, _) where environment.defaultsFrom != nil:
            report("bootloader.environment.defaults-from", "U-Boot keeps its own defaults when a boot script imports the environment")
        case (.uBoot, _) where environment.defaultsFrom == nil:
            report("bootloader.environment.defaults-from",
                   "missing: a stored environment replaces U-Boot's built-in defaults, so name the U-Boot binary to carry them over from")
        default:
            break
        }
    }

    private func checkPartitions() {
        let storage = board.storage
        var names: [String: Int] = [:], slots: [String: Int] = [:]
        for (index, partition) in board.partitions.enumerated() {
            let path = "partitions[\(index)]"
            if let first = names[partition.name] {
                report("\(path).name", "partition name '\(partition.name)' is already used by partitions[\(first)]")
            }
            names[partition.name] = names[partition.name] ?? index
            checkSlot(partition, path: path, seen: &slots, index: index)
            if partition.offset.bytes % max(storage.alignment.bytes, 1) != 0 {
                report("\(path).offset", "partition '\(partition.name)' starts at \(partition.offset.hex), not on a \(storage.alignment) boundary")
            }
            if partition.offset < storage.firstPartition {
                report("\(path).offset", "partition '\(partition.name)' starts at \(partition.offset.hex), before storage.first-partition (\(storage.firstPartition.hex))")
            }
            if partition.size.bytes == 0 || partition.size.bytes % storage.sectorSize != 0 {
                report("\(path).size", "size \(partition.size) is not a non-zero multiple of the \(storage.sectorSize)-byte sector")
            }
            if partition.range.end > storage.imageSize.bytes {
                report("\(path).size", "partition '\(partition.name)' (\(partition.range)) runs past the end of the \(storage.imageSize) image (storage.image-size)")
            }
        }
        if board.slots.count < 2 {
            report("partitions", "an A/B layout needs at least two partitions with role 'slot'; found \(board.slots.count)")
        }
        if board.bootPartition == nil { report("partitions", "no partition has role 'boot'") }
    }

    private func checkSlot(_ partition: Partition, path: String, seen: inout [String: Int], index: Int) {
        switch (partition.role, partition.slot) {
        case (.slot, nil):
            report("\(path).slot", "partition '\(partition.name)' has role 'slot' but no slot name (e.g. slot = \"A\")")
        case (.slot, let slot?):
            if let first = seen[slot] {
                report("\(path).slot", "slot name '\(slot)' is already used by partitions[\(first)]")
            }
            if !slot.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                report("\(path).slot", "slot name '\(slot)' must be letters and digits (it becomes kiln.slot= and BOOT_\(slot)_LEFT)")
            }
            seen[slot] = seen[slot] ?? index
        case (_, _?):
            report("\(path).slot", "only partitions with role 'slot' take a slot name")
        case (_, nil):
            break
        }
    }

    /// Every pair of regions must be disjoint; the later region (blob, environment) is the one named.
    private func checkOverlaps() {
        let regions = board.regions()
        for (later, region) in regions.enumerated() {
            for earlier in regions[..<later] where region.range.overlaps(earlier.range) {
                report(region.keyPath, "\(region.label) overlaps \(earlier.label)")
            }
        }
    }

    private func checkBootFiles() {
        var seen: [String: Int] = [:]
        for (index, file) in board.bootFiles.enumerated() {
            if let first = seen[file.path] {
                report("boot-files[\(index)].path", "'\(file.path)' is already written by boot-files[\(first)]")
            }
            seen[file.path] = seen[file.path] ?? index
        }
    }

    private func checkNetwork() {
        for name in board.network.wan where board.network.lan.contains(name) {
            report("network.lan", "interface '\(name)' is listed as both wan and lan")
        }
    }
}
