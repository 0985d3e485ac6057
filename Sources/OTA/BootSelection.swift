/// Where the bootloader keeps the A/B state: the one interface slot logic uses, whatever the bootloader.
public protocol BootSelection: AnyObject {
    /// Names the storage in messages.
    var name: String { get }
    /// The state in force.
    /// - Throws: `OTAError.environment` when no valid state can be read.
    func read() throws(OTAError) -> BootState
    /// Makes `state` the one in force in ONE atomic write: after a crash the old or the new state is in force.
    /// - Throws: `OTAError.environment`.
    func write(_ state: BootState) throws(OTAError)
}
