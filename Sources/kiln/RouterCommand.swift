import Arguments
import Netfilter
import Router

/// `kiln router ...`: Kiln's firewall and NAT, programmed into nftables table `inet kiln`.
struct RouterCommand: Command {
    static let description = CommandDescription(
        name: "router", abstract: "Program the router's firewall and NAT (nftables table inet kiln).",
        subcommands: [RouterCheck.self, RouterApply.self, RouterConfirm.self, RouterShow.self, RouterFlush.self,
                      RouterDaemon.self, RouterRollback.self])

    init(_ arguments: ParsedArguments) {}
}

/// The config, or a `Failure` carrying the located error.
func loadRouterConfig(_ path: String) throws -> RouterConfig {
    do throws(RouterError) {
        return try RouterConfig.load(path: path)
    } catch {
        throw Failure(error.description)
    }
}

/// A netlink socket in the current network namespace, or a `Failure`.
func openNetlink() throws -> NetlinkSocket {
    do {
        return try NetlinkSocket()
    } catch {
        throw Failure("cannot talk to nf_tables: \(error)")
    }
}

/// `kiln router apply`'s and the daemon's summary of a change.
func describe(_ change: RulesetChange) -> String {
    if change.batch.isEmpty { return "no change" }
    return "\(change.batch.count) change message(s)\(change.rebuildsTable ? ", table rebuilt" : "")"
}
