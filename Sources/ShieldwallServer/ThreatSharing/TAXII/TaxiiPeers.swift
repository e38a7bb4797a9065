import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Another instance reading this one's TAXII server with a reading account (Federation answers who it is).
struct TaxiiPeer: Sendable {
    let accountID: UUID
    let name: String
    /// Communities whose facilitators let it read their TLP:AMBER reports, with when they agreed: to this reader,
    /// their AMBER objects were added then (so a peer reading on from its cursor gets the history too).
    let amberSince: [UUID: Date]
    /// Reports pulled from this instance's own peers that may not be served on (`FederationAccess.mayReshare`).
    let hiddenReports: [UUID]
    /// Where an operator let it push, up to which marking; nil: it only reads.
    let push: Push?

    struct Push: Sendable {
        let community: UUID
        let highest: TLP
    }

    var amberCommunities: Set<UUID> { Set(amberSince.keys) }
}

/// Finds the peer behind a reading account's token (`swf_…`): nil for an unknown or revoked one.
protocol TaxiiPeerAccounts: Sendable {
    var tokenPrefix: String { get }
    func peer(token: String, on db: any Database, now: Date) async throws -> TaxiiPeer?
    /// Imports a TAXII envelope `peer` pushed into its push community's collection; throws a `TaxiiError` for one it
    /// may not push or that is not an envelope. Objects above what it may push are answered as skipped.
    func push(_ envelope: Data, from peer: TaxiiPeer, collection: String, now: Date, localiser: Localiser,
              on db: any Database) async throws -> StixImporter.Summary
}

extension Request {
    /// The instance reading through TAXII, when a reading account signed in (`TaxiiAuthMiddleware`).
    var taxiiPeer: TaxiiPeer? {
        get { storage[TaxiiPeerKey.self] }
        set { storage[TaxiiPeerKey.self] = newValue }
    }
}

private struct TaxiiPeerKey: StorageKey { typealias Value = TaxiiPeer }

extension ReportScope {
    /// What another instance's reading account may read (`ReportAccess`, peer viewer).
    static func peer(_ peer: TaxiiPeer) -> ReportScope {
        ReportScope(viewer: ReportViewer(personID: peer.accountID, organisationID: nil, contentCommunities: peer.amberCommunities,
                                         peerInstance: true),
                    redReports: [], roles: [:], hidden: peer.hiddenReports)
    }
}
