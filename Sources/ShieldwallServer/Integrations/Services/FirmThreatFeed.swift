import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What a firm's bouncer is sent besides the firm's own blocks, asked of ThreatSharing through `App/Wiring/`: the
/// blocklists of the communities the firm takes part in, as the firm may use them in its own firewall (never TLP:RED,
/// members' allowlists already taken out), and the firm's own allowlist.
protocol FirmThreatFeed: Sendable {
    /// Network addresses (IPv4, IPv6, ranges) listed for the firm, each with when it expires and the community's slug.
    func communityBlocks(firm: UUID, now: Date, app: Application, on db: any Database) async throws -> [CommunityBlock]

    /// The firm's own addresses and domains, which nothing sent to its bouncer may carry.
    func allowlist(firm: UUID, on db: any Database) async throws -> WarningList
}

/// One address or range a community lists for the firm: the entry and the community's slug.
struct CommunityBlock: Sendable {
    let entry: BlocklistEntry
    let community: String
}
