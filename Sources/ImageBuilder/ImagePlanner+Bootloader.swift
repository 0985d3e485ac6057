import Boards
import UBoot

extension ImagePlanner {
    /// Each raw blob from `--bootloader`, checked against its reserved region before a byte is written.
    func planBlobs() throws(ImageBuildError) -> [ImagePlan.Blob] {
        guard !board.bootloader.blobs.isEmpty else { return [] }
        let names = board.bootloader.blobs.map(\.file).joined(separator: ", ")
        let directory = try directory(.bootloader, neededFor: "its raw bootloader files (\(names))")
        var blobs: [ImagePlan.Blob] = []
        for blob in board.bootloader.blobs {
            let source = InputFile.join(directory, blob.file)
            let size = try InputFile.size(option: "--bootloader", path: source)
            guard size <= blob.maxSize.bytes else {
                throw .blobTooLarge(file: source, size: size, offset: blob.offset.bytes, maxSize: blob.maxSize.bytes)
            }
            guard blob.offset.bytes + size <= imageSize else {
                throw .blobTooLarge(file: source, size: size, offset: blob.offset.bytes, maxSize: imageSize - min(imageSize, blob.offset.bytes))
            }
            blobs.append(.init(file: blob.file, source: source, offset: blob.offset.bytes, size: size, maxSize: blob.maxSize.bytes))
        }
        return blobs
    }

    /// The environment: U-Boot's defaults carried over (when U-Boot loads it itself), then the A/B state,
    /// the selection command and a `bootcmd` that runs it.
    func planEnvironment(command: SlotBootCommand) throws(ImageBuildError) -> ImagePlan.Environment {
        let location = board.bootloader.environment
        var environment = BootloaderEnvironment()
        var carried = 0
        do {
            if location.loader == .uBoot, let binary = location.defaultsFrom {
                let directory = try directory(.bootloader, neededFor: "\(binary) for U-Boot's default environment")
                let path = InputFile.join(directory, binary)
                let bytes = try InputFile.read(option: "--bootloader", path: path)
                do {
                    environment = try BootloaderEnvironment(extractingDefaultFrom: bytes)
                } catch {
                    throw ImageBuildError.invalidInput(option: "--bootloader", path: path, reason: "\(error)")
                }
                carried = environment.variables.count
            }
            let state = BootCountState(slots: board.slots.compactMap(\.slot), attempts: board.bootloader.bootAttempts)
            for variable in state.variables { try environment.set(variable.name, variable.value) }
            if location.loader == .uBoot {
                try environment.set("kiln_boot", command.oneLine)
                try environment.set("bootcmd", "run kiln_boot")
            }
        } catch let error as ImageBuildError {
            throw error
        } catch {
            throw .environment(reason: "\(error)")
        }
        let placement: ImagePlan.Environment.Placement
        switch location.storage {
        case .raw:
            placement = .raw(offsets: location.rawRanges.map(\.start))
        case .fatFile(let partition, let file, let redundant):
            placement = .fatFile(partition: partition, files: [file] + (redundant.map { [$0] } ?? []))
        }
        let planned = ImagePlan.Environment(variables: environment, size: location.size.bytes, placement: placement, carriedDefaults: carried)
        _ = try planned.copies()  // fails here, not halfway through the build, when the variables do not fit
        return planned
    }
}

extension ImagePlan.Environment {
    /// The serialized copies, one per location, as a fresh environment (redundant copies get flags 1 and 0).
    /// - Throws: `ImageBuildError.environment` when the variables do not fit `size`.
    public func copies() throws(ImageBuildError) -> [[UInt8]] {
        let count: Int
        switch placement {
        case .raw(let offsets): count = offsets.count
        case .fatFile(_, let files): count = files.count
        }
        do {
            return try (0..<count).map { index in
                let flags: UInt8? = count == 2 ? (index == 0 ? 1 : 0) : nil
                return try EnvironmentCopy(environment: variables, flags: flags).serialized(size: Int(size))
            }
        } catch {
            throw .environment(reason: "\(error)")
        }
    }
}
