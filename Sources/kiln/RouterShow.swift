import Arguments
import Netfilter
import Router

/// `kiln router show [--json]`: what `inet kiln` holds, with rule counters.
struct RouterShow: Command {
    static let description = CommandDescription(
        name: "show", abstract: "Show Kiln's table: chains, rules with counters, sets.",
        arguments: [.flag("json", help: "Print JSON.")])

    var json: Bool

    init(_ arguments: ParsedArguments) {
        json = arguments.flag("json")
    }

    struct RuleReport: Encodable {
        var name: String
        var handle: UInt64?
        var packets: UInt64?
        var bytes: UInt64?
    }

    struct ChainReport: Encodable {
        var name: String
        var hook: String?
        var policy: String?
        var rules: [RuleReport]
    }

    struct SetReport: Encodable {
        var name: String
        var type: String
        var ranges: Int
    }

    struct Report: Encodable {
        var present: Bool
        var generation: UInt32
        var chains: [ChainReport]
        var sets: [SetReport]
        var flowtables: [FlowtableReport]
    }

    struct FlowtableReport: Encodable {
        var name: String
        var devices: [String]
        var hardwareOffload: Bool

        enum CodingKeys: String, CodingKey {
            case name, devices
            case hardwareOffload = "hardware_offload"
        }
    }

    func run() throws {
        try reportingFailures {
            let socket = try openNetlink()
            let kernel: KernelRuleset
            do throws(RouterError) { kernel = try KernelRuleset.read(from: socket) } catch { throw Failure(error.description) }
            let report = Self.report(kernel)
            if json { try printJSON(report) } else { render(report) }
        }
    }

    static func report(_ kernel: KernelRuleset) -> Report {
        let chains = kernel.chains.map { chain in
            ChainReport(name: chain.name, hook: chain.base?.hook.rawValue, policy: chain.base?.policy.rawValue,
                        rules: kernel.rules.filter { $0.chain == chain.name }.map { rule in
                            RuleReport(name: rule.comment.map(KernelRuleset.ruleName) ?? "(no comment)", handle: rule.handle,
                                       packets: rule.counters?.packets, bytes: rule.counters?.bytes)
                        })
        }
        let sets = kernel.sets.map { SetReport(name: $0.set.name, type: $0.set.keyType.rawValue, ranges: $0.ranges.count) }
        let flowtables = kernel.flowtables.map {
            FlowtableReport(name: $0.name, devices: $0.devices, hardwareOffload: $0.hardwareOffload)
        }
        return Report(present: kernel.table != nil, generation: kernel.generation, chains: chains, sets: sets,
                      flowtables: flowtables)
    }

    private func render(_ report: Report) {
        guard report.present else { print("table inet kiln is not present"); return }
        print("table inet kiln (ruleset generation \(report.generation))")
        for set in report.sets { print("  set \(set.name): \(set.type), \(set.ranges) range(s)") }
        for flowtable in report.flowtables {
            let hardware = flowtable.hardwareOffload ? ", hardware offload" : ""
            print("  flowtable \(flowtable.name): \(flowtable.devices.joined(separator: ", "))\(hardware)")
        }
        for chain in report.chains {
            let base = chain.hook.map { " (hook \($0), policy \(chain.policy ?? "accept"))" } ?? ""
            print("  chain \(chain.name)\(base)")
            for rule in chain.rules {
                let counters = rule.packets.map { "  \($0) packets, \(rule.bytes ?? 0) bytes" } ?? ""
                print("    \(rule.name)\(counters)")
            }
        }
    }
}
