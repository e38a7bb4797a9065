import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's pooled purchases: the list and proposing one, one purchase, a firm's number, the outcome.
struct PurchaseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityPurchases, use: list)
        routes.post(SiteURL.communityPurchases, use: propose)
        routes.get(SiteURL.communityPurchase, use: show)
        routes.post(SiteURL.communityPurchaseInterest, use: interest)
        routes.post(SiteURL.communityPurchaseOutcome, use: decide)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, _, _) = try await PurchaseScope.load(req)
        return PurchasesView.list(try await req.pageContext(), try await PurchasesPage.build(community, standing: standing, on: req.db, now: req.shieldwall.time.now))
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let (community, standing, person, _) = try await PurchaseScope.load(req)
        let form = try req.content.decode(PurchaseForm.self)
        do {
            let purchase = try await PurchaseActions.propose(form.words, in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityPurchase(community.slug, try purchase.requireID()).path, flash: "flash.purchase-proposed")
        } catch let failure as ValidationFailure {
            var page = try await PurchasesPage.build(community, standing: standing, on: req.db, now: req.shieldwall.time.now)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return PurchasesView.list(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, standing, person, takesPart) = try await PurchaseScope.load(req)
        let purchase = try await PurchaseScope.purchase(req, in: community)
        let page = try await PurchasePage.build(purchase, community: community, standing: standing, person: person, firmTakesPart: takesPart,
                                                on: req.db, now: req.shieldwall.time.now)
        return PurchasesView.show(try await req.pageContext(), page)
    }

    @Sendable func interest(req: Request) async throws -> Response {
        let (community, standing, person, takesPart) = try await PurchaseScope.load(req)
        let purchase = try await PurchaseScope.purchase(req, in: community)
        let form = try req.content.decode(PurchaseInterestForm.self)
        do {
            try await PurchaseActions.registerInterest(purchase, quantity: form.quantity, standing: standing, firmTakesPart: takesPart, by: person,
                                                       ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityPurchase(community.slug, try purchase.requireID()).path, flash: "flash.purchase-interest-saved")
        } catch let failure as ValidationFailure {
            var page = try await PurchasePage.build(purchase, community: community, standing: standing, person: person, firmTakesPart: takesPart,
                                                    on: req.db, now: req.shieldwall.time.now)
            page.errors = failure.messages(req.localiser)
            page.quantityInput = form.quantity
            return PurchasesView.show(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let (community, standing, person, takesPart) = try await PurchaseScope.load(req)
        let purchase = try await PurchaseScope.purchase(req, in: community)
        let form = try req.content.decode(PurchaseOutcomeForm.self)
        do {
            try await PurchaseActions.decide(purchase, outcome: form.outcome, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityPurchase(community.slug, try purchase.requireID()).path, flash: "flash.purchase-decided")
        } catch let failure as ValidationFailure {
            var page = try await PurchasePage.build(purchase, community: community, standing: standing, person: person, firmTakesPart: takesPart,
                                                    on: req.db, now: req.shieldwall.time.now)
            page.errors = failure.messages(req.localiser)
            page.outcomeInput = form.outcome
            return PurchasesView.show(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }
}
