import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's pooled purchases, for people who may read its content (`PurchaseAccess`, through
/// `CommunityStandings`): every read of purchases goes through here.
enum PurchaseScope {
    /// The community named by `:slug`, the person's standing in it and whether their firm takes part, for someone
    /// who may read its purchases (404 otherwise, as for any community content).
    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, firmTakesPart: Bool) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(PurchaseAccess.canRead(standing))
        return (community, standing, person, try await CommunityStandings.firmTakesPart(person, in: community.requireID(), on: req.db))
    }

    /// The same for an API call (bearer token).
    static func loadAPI(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, firmTakesPart: Bool) {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(PurchaseAccess.canRead(standing))
        return (community, standing, person, try await CommunityStandings.firmTakesPart(person, in: community.requireID(), on: req.db))
    }


    /// The purchase named by `:purchaseID`, if it belongs to `community`.
    static func purchase(_ req: Request, in community: Community) async throws -> Purchase {
        guard let id = req.parameters.get(.purchaseID, as: UUID.self), let purchase = try await Purchase.find(id, on: req.db),
              purchase.$community.id == community.id
        else { throw Abort(.notFound, reason: req.t("purchases.error.not-found")) }
        return purchase
    }

    /// The newest first, at most 100 (open ones are few; the oldest decided ones drop off the list).
    static func purchases(of communityID: UUID, on db: any Database) async throws -> [Purchase] {
        try await Purchase.query(on: db).filter(\.$community.$id == communityID).with(\.$organiser).sort(\.$createdAt, .descending).limit(100).all()
    }

    /// Each purchase's interested firms and total, in one query.
    static func totals(of purchases: [UUID], on db: any Database) async throws -> [UUID: (firms: Int, quantity: Int)] {
        guard !purchases.isEmpty else { return [:] }
        let rows = try await PurchaseInterest.query(on: db).filter(\.$purchase.$id ~~ purchases).all()
        return Dictionary(grouping: rows, by: { $0.$purchase.id }).mapValues { group in
            PooledPurchase.total(group.map { ($0.$organisation.id.uuidString, $0.quantity) })
        }
    }

    /// The firms interested in one purchase, by name, with their numbers.
    static func interests(in purchase: UUID, on db: any Database) async throws -> [PurchaseInterest] {
        try await PurchaseInterest.query(on: db).filter(\.$purchase.$id == purchase).with(\.$organisation).all()
            .sorted { $0.organisation.name.localizedStandardCompare($1.organisation.name) == .orderedAscending }
    }
}
