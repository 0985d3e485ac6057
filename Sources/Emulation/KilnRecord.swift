/// What Kiln remembers about an entry it registered: the entry itself and any entries it replaced,
/// so `unregister` removes only its own and puts back what `--replace` took away.
///
/// Records live in `/run/kiln/binfmt` (a tmpfs, cleared at boot like binfmt_misc itself).
public struct KilnRecord: Sendable, Equatable, Codable {
    public var registration: BinfmtRegistration
    public var replaced: [BinfmtRegistration]

    public init(registration: BinfmtRegistration, replaced: [BinfmtRegistration]) {
        self.registration = registration
        self.replaced = replaced
    }
}
