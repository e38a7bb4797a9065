import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The instances this one pulls from: added, paused and removed by an operator; TLP:AMBER taken only once the
/// receiving community's facilitator agreed.
enum PeerActions {
    static let intervals = 5...1_440

    static func add(_ form: PeerForm, by person: SignedIn, ctx: ActionContext) async throws -> FederationPeer {
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Refusal(.forbidden, "error.operators-only") }
        var problems = ProblemList()
        let name = problems.text("name", form.name, maxLength: 80)
        if !name.isEmpty, try await FederationPeer.query(on: ctx.db).filter(\.$name == name).first() != nil {
            problems.add("name", "federation.error.peer-name-taken")
        }
        let root = apiRoot(form.api_root)
        if root == nil { problems.add("api_root", "federation.error.api-root") }
        let collections = (form.collections ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        if collections.count > 20 || !collections.allSatisfy(PeerPull.isCollectionID) {
            problems.add("collections", "federation.error.collections")
        }
        let community = try await Community.query(on: ctx.db).filter(\.$slug == (form.community ?? "")).first()
        if community == nil { problems.add("community", "federation.error.community") }
        let highest = TLP(rawValue: form.highest_tlp ?? "green").flatMap { FederationAccess.askable.contains($0) ? $0 : nil }
        if highest == nil { problems.add("highest_tlp", "error.choose-one") }
        let interval = Int(form.interval_minutes ?? "60")
        if interval.map({ !intervals.contains($0) }) ?? true {
            problems.add("interval_minutes", "error.range", ["min": "\(intervals.lowerBound)", "max": "\(intervals.upperBound)"])
        }
        let username = (form.username ?? "").trimmingWhitespace(), secret = (form.secret ?? "").trimmingWhitespace()
        if username.count > 200 { problems.add("username", "error.too-long", ["max": "200"]) }
        if secret.count > 1_000 { problems.add("secret", "error.too-long", ["max": "1000"]) }
        if !secret.isEmpty, ctx.services.configuration.federationKey == nil { problems.add("secret", "federation.error.no-key") }
        try problems.throwIfAny()
        guard let community, let highest, let interval, let root else { throw Refusal(.unprocessableEntity, "error.choose-one") }
        let peer = FederationPeer()
        peer.name = name
        peer.apiRoot = root
        peer.username = username.isEmpty ? nil : username
        peer.secretSealed = try secret.isEmpty ? nil : ctx.services.configuration.federationKey?.seal(secret)
        peer.collectionsText = collections.joined(separator: ",")
        peer.$community.id = try community.requireID()
        peer.highestTLP = highest
        peer.reshare = form.reshare ?? false
        peer.intervalMinutes = interval
        peer.paused = false
        peer.$createdBy.id = person.personID
        peer.createdAt = ctx.now
        peer.nextPullAt = ctx.now
        peer.failures = 0
        peer.objectsPulled = 0
        peer.lastObjects = 0
        peer.lastWithheld = 0
        try await ctx.db.transaction { tx in
            try await peer.create(on: tx)
            try await AuditLog.record(.peerAdded, personID: person.personID, email: person.email, organisationID: nil,
                                      detail: "\(name) (\(root)) into \(community.name), up to \(highest.label)", address: ctx.address, at: ctx.now, on: tx)
        }
        return peer
    }

    /// A TAXII API root as typed, made to end in a slash (TAXII 2.1 section 1.6.4); nil unless http(s) with a host.
    static func apiRoot(_ text: String?) -> String? {
        let trimmed = (text ?? "").trimmingWhitespace()
        guard trimmed.count <= 500, let url = URL(string: trimmed), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty, url.user == nil else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    static func find(_ id: UUID?, on db: any Database) async throws -> FederationPeer {
        guard let id, let peer = try await FederationPeer.query(on: db).filter(\.$id == id).with(\.$community).first() else {
            throw Refusal(.notFound, "federation.error.no-peer")
        }
        return peer
    }

    static func remove(_ peer: FederationPeer, by person: SignedIn, ctx: ActionContext) async throws {
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Refusal(.forbidden, "error.operators-only") }
        try await ctx.db.transaction { tx in
            try await peer.delete(on: tx)
            try await AuditLog.record(.peerRemoved, personID: person.personID, email: person.email, organisationID: nil,
                                      detail: "\(peer.name) (\(peer.apiRoot))", address: ctx.address, at: ctx.now, on: tx)
        }
    }

    static func setPaused(_ peer: FederationPeer, _ paused: Bool, by person: SignedIn, ctx: ActionContext) async throws {
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Refusal(.forbidden, "error.operators-only") }
        peer.paused = paused
        if !paused { peer.nextPullAt = ctx.now; peer.failures = 0 }
        try await peer.update(on: ctx.db)
    }

    /// The receiving community's facilitator agrees to take TLP:AMBER from `peer` (or withdraws the agreement).
    static func agreeToAmber(_ peer: FederationPeer, community: Community, standing: CommunityStanding, agree: Bool, by person: SignedIn,
                             ctx: ActionContext) async throws {
        guard FederationAccess.canAgree(standing), peer.$community.id == community.id else { throw Refusal(.forbidden, "error.facilitators-only") }
        guard peer.highestTLP == .amber else { throw Refusal(.conflict, "federation.error.amber-not-asked") }
        guard agree != peer.amberAgreed else { return }
        peer.$amberAgreedBy.id = agree ? person.personID : nil
        peer.amberAgreedAt = agree ? ctx.now : nil
        // The agreement covers what the peer already marked AMBER: its collections are read again from the start
        // (what is here already is folded, not doubled), soon.
        if agree { peer.nextPullAt = min(peer.nextPullAt, ctx.now) }
        try await ctx.db.transaction { tx in
            if agree { try await FederationCursor.query(on: tx).filter(\.$peer.$id == peer.requireID()).delete() }
            try await peer.update(on: tx)
            try await AuditLog.record(.peerAgreement, personID: person.personID, email: person.email, organisationID: person.organisationID,
                                      detail: "\(community.name): \(agree ? "takes" : "no longer takes") TLP:AMBER from \(peer.name)",
                                      address: ctx.address, at: ctx.now, on: tx)
        }
    }
}

/// A peer as the operator types it.
struct PeerForm: Content {
    var name: String?
    var api_root: String?
    var username: String?
    var secret: String?
    var collections: String?
    var community: String?
    var highest_tlp: String?
    var interval_minutes: String?
    var reshare: Bool?
}
