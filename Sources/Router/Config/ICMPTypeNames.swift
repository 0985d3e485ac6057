/// The ICMP and ICMPv6 type names `nft` accepts, for `icmp-type`.
enum ICMPTypeNames {
    static let icmp: [String: UInt8] = [
        "echo-reply": 0, "destination-unreachable": 3, "redirect": 5, "echo-request": 8,
        "router-advertisement": 9, "router-solicitation": 10, "time-exceeded": 11, "parameter-problem": 12,
        "timestamp-request": 13, "timestamp-reply": 14,
    ]
    static let icmpv6: [String: UInt8] = [
        "destination-unreachable": 1, "packet-too-big": 2, "time-exceeded": 3, "parameter-problem": 4,
        "echo-request": 128, "echo-reply": 129, "mld-listener-query": 130, "nd-router-solicit": 133,
        "nd-router-advert": 134, "nd-neighbor-solicit": 135, "nd-neighbor-advert": 136,
    ]
}
