#if canImport(Glibc)
import Glibc
#endif
import UBoot

/// Why an OTA operation failed: each case names the file, key, slot or bundle offset involved.
public enum OTAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file could not be opened, read or written.
    case io(path: String, operation: String, errno: Int32)
    /// A key file or keyring is unusable.
    case key(path: String, reason: String)
    /// The bundle is not well formed (bad magic, short, malformed manifest, trailing bytes).
    case malformedBundle(source: String, offset: UInt64, reason: String)
    /// No trusted key has the bundle's key ID.
    case unknownKey(keyID: String, keyring: String)
    /// The manifest's signature does not verify.
    case badSignature(keyID: String)
    /// A payload chunk does not match its hash in the signed manifest.
    case chunkMismatch(payload: String, chunk: Int, offset: UInt64)
    /// The bundle is for another board.
    case incompatible(bundle: String, system: String)
    /// The version checks refused the bundle.
    case versionRefused(String)
    /// A semantic version string does not parse.
    case badVersion(text: String, reason: String)
    /// `system.toml` (or another config) is invalid at a line.
    case configuration(file: String, line: Int, key: String, reason: String)
    /// The booted slot could not be determined.
    case bootedSlot(String)
    /// A slot device is unusable for this operation.
    case slot(name: String, device: String, reason: String)
    /// The bootloader environment could not be read or written.
    case environment(String)
    /// Another install holds the lock.
    case busy(lock: String)
    /// After writing, the slot read back differs from the payload.
    case readBack(slot: String, device: String, chunk: Int)
    /// Fetching the bundle failed.
    case download(String)
    /// Arguments that do not fit together.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .io(let path, let operation, let errno): "\(path): \(operation) failed: \(errnoText(errno))"
        case .key(let path, let reason): "\(path): \(reason)"
        case .malformedBundle(let source, let offset, let reason): "\(source): not a valid bundle at byte \(offset): \(reason)"
        case .unknownKey(let keyID, let keyring): "bundle is signed by key \(keyID), which keyring \(keyring) does not trust"
        case .badSignature(let keyID): "the manifest's signature does not verify with key \(keyID): the bundle was altered or signed by another key"
        case .chunkMismatch(let payload, let chunk, let offset):
            "payload '\(payload)': chunk \(chunk) (at payload byte \(offset)) does not match its signed hash: the bundle is corrupt or altered"
        case .incompatible(let bundle, let system): "bundle is for '\(bundle)', this system is '\(system)'"
        case .versionRefused(let reason): reason
        case .badVersion(let text, let reason): "'\(text)' is not a semantic version: \(reason)"
        case .configuration(let file, let line, let key, let reason): "\(file):\(line): \(key): \(reason)"
        case .bootedSlot(let reason): reason
        case .slot(let name, let device, let reason): "slot \(name) (\(device)): \(reason)"
        case .environment(let reason): "bootloader environment: \(reason)"
        case .busy(let lock): "another install is running (lock \(lock) is held)"
        case .readBack(let slot, let device, let chunk):
            "slot \(slot) (\(device)): chunk \(chunk) read back differs from what was written: the storage is failing"
        case .download(let reason): reason
        case .invalidArgument(let reason): reason
        }
    }
}

/// `strerror` text for an errno, plus its number.
func errnoText(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
}

extension OTAError {
    /// Wraps an environment failure with what the updater was doing.
    static func environment(_ doing: String, _ error: any Error) -> OTAError {
        .environment("\(doing): \(error)")
    }
}
