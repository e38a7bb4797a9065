import Fluent
import Foundation
import SQLKit
import ShieldwallCore
import Vapor

/// Another instance pushing into this one with its reading account (issue #31): only where an operator let it, into
/// that one community, up to that marking — TLP:AMBER only once the community's facilitator agreed to share AMBER
/// with it — through the same import as a pull, so what it pushes keeps where it came from and its revocations
/// retract only what it sent.
extension PeerAccounts {
    func push(_ envelope: Data, from peer: TaxiiPeer, collection: String, now: Date, localiser: Localiser,
              on db: any Database) async throws -> StixImporter.Summary {
        let notAllowed = TaxiiError(.forbidden, "This reading account may not push; ask the operator to allow it.")
        guard let grant = peer.push, let account = try await PeerAccount.find(peer.accountID, on: db),
              let operatorID = account.$pushAllowedBy.id else { throw notAllowed }
        let amberAgreed = peer.amberSince[grant.community] != nil
        let objects: PulledObjects
        do { objects = try PulledObjects.read(envelope, highest: grant.highest, amberAgreed: amberAgreed) } catch {
            throw TaxiiError(.badRequest, "The body is not a TAXII envelope: \(error).")
        }
        let bundleID = "bundle--" + StableUUID.make("federation-push|\(peer.accountID)", version: 4).uuidString.lowercased()
        var summary = try await db.transaction { tx in
            let change = try await FederatedImport.store(objects, from: .pushed(account, pushCommunity: grant.community, allowedBy: operatorID),
                                                         collection: collection, bundleID: bundleID,
                                                         looseTitle: "Indicators pushed by \(account.name)", localiser: localiser, now: now, on: tx)
            // One increment in the database: two pushes at once both count.
            guard let sql = tx as? any SQLDatabase else { throw Abort(.internalServerError, reason: "An SQL database is needed.") }
            try await sql.update(PeerAccount.schema).set("last_push_at", to: SQLBind(now))
                .set("objects_pushed", to: SQLBinaryExpression(SQLColumn("objects_pushed"), .add, SQLBind(change.objects)))
                .where("id", .equal, SQLBind(peer.accountID)).run()
            return change.summary
        }
        summary.skipped += objects.withheldIDs.map {
            .init(id: $0, type: nil, reason: grant.highest >= .amber && !amberAgreed
                ? "Its marking is above TLP:GREEN, and this community has not agreed to share TLP:AMBER with your instance."
                : "Its marking is above \(grant.highest.label), the highest this instance accepts from you.")
        }
        return summary
    }

    /// Lets `id` push into the community `slug` up to `highest`, or stops it (`slug` empty).
    static func setPush(_ id: UUID, community slug: String?, highest raw: String?, by person: SignedIn, ctx: ActionContext) async throws {
        guard FederationAccess.canManagePeers(viewer: person.viewer) else { throw Refusal(.forbidden, "error.operators-only") }
        guard let account = try await PeerAccount.find(id, on: ctx.db), account.revokedAt == nil else {
            throw Refusal(.notFound, "federation.error.no-account")
        }
        var problems = ProblemList()
        var community: Community?, highest: TLP?
        if let slug = slug?.trimmingWhitespace(), !slug.isEmpty {
            community = try await Community.query(on: ctx.db).filter(\.$slug == slug).filter(\.$status == .active).first()
            if community == nil { problems.add("push_community", "federation.error.community") }
            highest = raw.flatMap(TLP.init(rawValue:))
            if highest.map({ !FederationAccess.askable.contains($0) }) ?? true { problems.add("push_highest_tlp", "error.choose-one") }
        }
        try problems.throwIfAny()
        account.$pushCommunity.id = try community?.requireID()
        account.pushHighest = community == nil ? nil : highest
        account.$pushAllowedBy.id = community == nil ? nil : person.personID
        let detail = community.map { "\(account.name) may push into \($0.name) up to \(highest?.label ?? "")" } ?? "\(account.name) may no longer push"
        try await ctx.db.transaction { tx in
            try await account.update(on: tx)
            try await AuditLog.record(.peerPushing, personID: person.personID, email: person.email, organisationID: nil, detail: detail,
                                      address: ctx.address, at: ctx.now, on: tx)
        }
    }
}
