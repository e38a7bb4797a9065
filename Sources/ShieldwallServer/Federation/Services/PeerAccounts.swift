import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The reading accounts other instances pull this one's TAXII server with: made by an operator (token shown once,
/// kept as a digest), revoked by one; each community's facilitator decides whether it may read their TLP:AMBER.
struct PeerAccounts: TaxiiPeerAccounts {
    let tokenPrefix = "swf_"

    func peer(token: String, on db: any Database, now: Date) async throws -> TaxiiPeer? {
        guard token.count < 200, let account = try await PeerAccount.query(on: db).filter(\.$tokenDigest == SecretToken.digest(of: token))
            .filter(\.$revokedAt == nil).first() else { return nil }
        let id = try account.requireID()
        // Once a minute at most: a peer paging through a collection would otherwise write on every page.
        if account.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await PeerAccount.query(on: db).filter(\.$id == id).set(\.$lastUsedAt, to: now).update()
        }
        var amber: [UUID: Date] = [:]
        for share in try await PeerAccountShare.query(on: db).filter(\.$account.$id == id).all() { amber[share.$community.id] = share.agreedAt }
        let push = account.$pushCommunity.id.flatMap { c in account.pushHighest.map { TaxiiPeer.Push(community: c, highest: $0) } }
        return TaxiiPeer(accountID: id, name: account.name, amberSince: amber, hiddenReports: try await Self.notReshared(on: db), push: push)
    }

    /// Reports pulled from this instance's own peers that may not be served on (`FederationAccess.mayReshare`), and
    /// every report another instance pushed (no operator chose to serve those on).
    static func notReshared(on db: any Database) async throws -> [UUID] {
        let pushed = try await ReportPush.query(on: db).all(\.$report.$id)
        let origins = try await ReportOrigin.query(on: db).join(FederationPeer.self, on: \ReportOrigin.$peer.$id == \FederationPeer.$id)
            .join(ThreatReport.self, on: \ReportOrigin.$report.$id == \ThreatReport.$id).all()
        return try pushed + origins.compactMap { origin in
            let peer = try origin.joined(FederationPeer.self), report = try origin.joined(ThreatReport.self)
            return FederationAccess.mayReshare(report.tlp, operatorAllows: peer.reshare) ? nil : origin.$report.id
        }
    }

    struct Created: Sendable {
        let account: PeerAccount
        /// Shown once.
        let token: String
    }

    static func create(name raw: String?, by person: SignedIn, ctx: ActionContext) async throws -> Created {
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Refusal(.forbidden, "error.operators-only") }
        var problems = ProblemList()
        let name = problems.text("name", raw, maxLength: 80)
        if !name.isEmpty, try await PeerAccount.query(on: ctx.db).filter(\.$name == name).filter(\.$revokedAt == nil).first() != nil {
            problems.add("name", "federation.error.account-name-taken")
        }
        try problems.throwIfAny()
        let token = SecretToken.generate(prefix: PeerAccounts().tokenPrefix)
        let account = PeerAccount()
        account.name = name
        account.tokenDigest = token.digest
        account.visiblePrefix = String(token.value.prefix(10))
        account.$createdBy.id = person.personID
        account.createdAt = ctx.now
        account.objectsPushed = 0
        try await ctx.db.transaction { tx in
            try await account.create(on: tx)
            try await AuditLog.record(.tokenCreated, personID: person.personID, email: person.email, organisationID: nil,
                                      detail: "reading account for another instance: \(name)", address: ctx.address, at: ctx.now, on: tx)
        }
        return Created(account: account, token: token.value)
    }

    static func revoke(_ id: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Refusal(.forbidden, "error.operators-only") }
        guard let account = try await PeerAccount.find(id, on: ctx.db) else { throw Refusal(.notFound, "federation.error.no-account") }
        guard account.revokedAt == nil else { return }
        try await ctx.db.transaction { tx in
            account.revokedAt = ctx.now
            try await account.update(on: tx)
            try await AuditLog.record(.tokenRevoked, personID: person.personID, email: person.email, organisationID: nil,
                                      detail: "reading account for another instance: \(account.name)", address: ctx.address, at: ctx.now, on: tx)
        }
    }

    /// The facilitator lets `account` read the community's TLP:AMBER (`agree: true`) or stops it.
    static func share(_ id: UUID, community: Community, standing: CommunityStanding, agree: Bool, by person: SignedIn, ctx: ActionContext) async throws {
        guard FederationAccess.canAgree(standing) else { throw Refusal(.forbidden, "error.facilitators-only") }
        let communityID = try community.requireID()
        guard let account = try await PeerAccount.find(id, on: ctx.db), account.revokedAt == nil else {
            throw Refusal(.notFound, "federation.error.no-account")
        }
        let existing = try await PeerAccountShare.query(on: ctx.db).filter(\.$account.$id == id).filter(\.$community.$id == communityID).first()
        guard agree != (existing != nil) else { return }
        try await ctx.db.transaction { tx in
            if agree {
                let share = PeerAccountShare()
                share.$account.id = id
                share.$community.id = communityID
                share.$agreedBy.id = person.personID
                share.agreedAt = ctx.now
                try await share.create(on: tx)
            } else {
                try await existing?.delete(on: tx)
            }
            try await AuditLog.record(.peerAgreement, personID: person.personID, email: person.email, organisationID: person.organisationID,
                                      detail: "\(community.name): \(agree ? "lets" : "no longer lets") \(account.name) read its TLP:AMBER",
                                      address: ctx.address, at: ctx.now, on: tx)
        }
    }
}
