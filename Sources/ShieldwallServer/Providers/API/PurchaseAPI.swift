import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's pooled purchases through the API, with the pages' rules (`PurchaseScope`, `PurchaseActions`).
struct PurchaseAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communityPurchases, use: list)
        routes.post(APIURL.communityPurchases, use: propose)
        routes.get(APIURL.communityPurchase, use: show)
        routes.put(APIURL.communityPurchaseInterest, use: interest)
        routes.post(APIURL.communityPurchaseOutcome, use: decide)
    }

    struct Summary: Content {
        let id: UUID
        let title: String
        let organiser: String
        let unit: String
        let deadline: Date
        /// `open`, `closed` (past the deadline) or `decided`.
        let status: String
        let firms: Int
        let quantity: Int
    }

    struct Interest: Content {
        let firm: String
        let quantity: Int
        let own: Bool
    }

    struct Detail: Content {
        let id: UUID
        let title: String
        let details: String
        let organiser: String
        let unit: String
        let deadline: Date
        let status: String
        let firms: Int
        let quantity: Int
        let interests: [Interest]
        let outcome: String?
        let decidedAt: Date?

        init(_ p: PurchasePage) {
            id = p.id; title = p.title; details = p.details; organiser = p.organiser; unit = p.unit; deadline = p.deadline
            status = p.status.rawValue; firms = p.firms; quantity = p.quantity; outcome = p.outcome; decidedAt = p.decidedAt
            interests = p.interests.map { Interest(firm: $0.firm, quantity: $0.quantity, own: $0.own) }
        }
    }

    struct Listing: Content { let purchases: [Summary] }

    struct InterestBody: Content { var quantity: Int? }

    @Sendable func list(req: Request) async throws -> Listing {
        let (community, standing, _, _) = try await PurchaseScope.loadAPI(req)
        let page = try await PurchasesPage.build(community, standing: standing, on: req.db, now: req.now)
        return Listing(purchases: page.rows.map {
            Summary(id: $0.id, title: $0.title, organiser: $0.organiser, unit: $0.unit, deadline: $0.deadline, status: $0.status.rawValue,
                    firms: $0.firms, quantity: $0.quantity)
        })
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let (community, standing, person, takesPart) = try await PurchaseScope.loadAPI(req)
        let body = try req.content.decode(PurchaseForm.self)
        let purchase = try await PurchaseActions.propose(body.words, in: community, standing: standing, by: person, ctx: ActionContext(req))
        return try await detail(req, purchase, community, standing, person, takesPart).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> Detail {
        let (community, standing, person, takesPart) = try await PurchaseScope.loadAPI(req)
        return try await detail(req, try await PurchaseScope.purchase(req, in: community), community, standing, person, takesPart)
    }

    @Sendable func interest(req: Request) async throws -> Detail {
        let (community, standing, person, takesPart) = try await PurchaseScope.loadAPI(req)
        let purchase = try await PurchaseScope.purchase(req, in: community)
        let body = try req.content.decode(InterestBody.self)
        try await PurchaseActions.registerInterest(purchase, quantity: body.quantity.map(String.init), standing: standing, firmTakesPart: takesPart,
                                                   by: person, ctx: ActionContext(req))
        return try await detail(req, purchase, community, standing, person, takesPart)
    }

    @Sendable func decide(req: Request) async throws -> Detail {
        let (community, standing, person, takesPart) = try await PurchaseScope.loadAPI(req)
        let purchase = try await PurchaseScope.purchase(req, in: community)
        try await PurchaseActions.decide(purchase, outcome: try req.content.decode(PurchaseOutcomeForm.self).outcome, standing: standing, by: person,
                                         ctx: ActionContext(req))
        return try await detail(req, purchase, community, standing, person, takesPart)
    }

    private func detail(_ req: Request, _ purchase: Purchase, _ community: Community, _ standing: CommunityStanding, _ person: SignedIn,
                        _ takesPart: Bool) async throws -> Detail {
        Detail(try await PurchasePage.build(purchase, community: community, standing: standing, person: person, firmTakesPart: takesPart,
                                            on: req.db, now: req.now))
    }
}
