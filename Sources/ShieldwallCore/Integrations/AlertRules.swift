import Foundation

/// From a firm's alerts and devices to what it should do, with the reason, in plain words (issue #28). Each rule is
/// data: which kinds of alert, how many within how long, from how few addresses, and what to offer.
public enum AlertRules {
    /// What a recommendation offers at one click.
    public enum Action: String, Sendable, Equatable, CaseIterable {
        /// Add the addresses to the firm's own blocklist, which its bouncer pulls.
        case blockAddresses = "block-addresses"
        /// Open a threat report draft with the addresses (TLP:AMBER, nothing sent without review).
        case warnCommunity = "warn-community"
        /// Start the community's malware playbook for the device.
        case runMalwarePlaybook = "run-malware-playbook"
        /// Put a task in the firm's action list.
        case addAction = "add-action"
    }

    /// A rule over alerts: at least `minimum` alerts (folded ones count fully) of `kinds` within `within`, coming
    /// from at most `maxAddresses` addresses (a few attackers, not the whole internet).
    public struct AlertRule: Sendable, Equatable {
        public let id: String
        public let kinds: Set<IngestAlert.Kind>
        public let minimum: Int
        public let within: TimeInterval
        public let maxAddresses: Int
        public let actions: [Action]
    }

    public static let alertRules: [AlertRule] = [
        AlertRule(id: "sign-in-attack", kinds: [.bruteForce], minimum: 20, within: 86_400, maxAddresses: 10, actions: [.blockAddresses, .warnCommunity]),
        AlertRule(id: "web-attack", kinds: [.webAttack, .scan], minimum: 50, within: 86_400, maxAddresses: 10, actions: [.blockAddresses, .warnCommunity]),
    ]

    /// Days without updates after which a device gets a task in the action list.
    public static let staleUpdateDays = 30
    /// How long a malware alert asks for the playbook.
    public static let malwareWithin: TimeInterval = 7 * 86_400

    public struct Recommendation: Sendable, Equatable {
        /// The rule's id: `sign-in-attack`, `web-attack`, `malware`, `stale-updates`.
        public let rule: String
        public let actions: [Action]
        /// Attackers' addresses, most alerts first.
        public let addresses: [String]
        /// The device or host concerned.
        public let device: String?
        /// How many alerts, or days without updates.
        public let figure: Int
    }

    /// Every recommendation `alerts` and `devices` call for at `now`, the most pressing first.
    public static func recommendations(alerts: [AlertFolding.Folded], devices: [DeviceReport], policy: DevicePolicy = DevicePolicy(),
                                       now: Date) -> [Recommendation] {
        var out: [Recommendation] = []
        for rule in alertRules {
            let recent = alerts.filter { rule.kinds.contains($0.alert.kind) && now.timeIntervalSince($0.last) <= rule.within }
            var byAddress: [String: Int] = [:]
            for folded in recent { for address in folded.alert.addresses { byAddress[address, default: 0] += folded.count } }
            let total = recent.reduce(0) { $0 + $1.count }
            guard total >= rule.minimum, !byAddress.isEmpty, byAddress.count <= rule.maxAddresses else { continue }
            let addresses = byAddress.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            out.append(Recommendation(rule: rule.id, actions: rule.actions, addresses: addresses, device: nil, figure: total))
        }
        var hosts: [String: Int] = [:]
        for folded in alerts where folded.alert.kind == .malware && now.timeIntervalSince(folded.last) <= malwareWithin {
            hosts[folded.alert.host, default: 0] += folded.count
        }
        for (host, count) in hosts.sorted(by: { $0.key < $1.key }) {
            out.append(Recommendation(rule: "malware", actions: [.runMalwarePlaybook], addresses: [], device: host.isEmpty ? nil : host, figure: count))
        }
        for device in devices.sorted(by: { $0.name < $1.name }) {
            for case .updatesOverdue(let days) in policy.problems(device, now: now) where days >= staleUpdateDays {
                out.append(Recommendation(rule: "stale-updates", actions: [.addAction], addresses: [], device: device.name, figure: days))
            }
        }
        return out
    }
}
