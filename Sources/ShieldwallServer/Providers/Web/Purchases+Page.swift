import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's pooled purchases: each with its status, the firms interested and their total; the form to propose one.
struct PurchasesPage: Sendable {
    struct Row: Sendable {
        let id: UUID
        let title: String
        let organiser: String
        let unit: String
        let deadline: Date
        let status: PooledPurchase.Status
        let firms: Int
        let quantity: Int
    }

    let card: CommunityCard
    let rows: [Row]
    let canPropose: Bool
    var form = PurchaseForm()
    var errors: [String: String] = [:]

    static func build(_ community: Community, standing: CommunityStanding, on db: any Database, now: Date) async throws -> PurchasesPage {
        let purchases = try await PurchaseScope.purchases(of: try community.requireID(), on: db)
        let totals = try await PurchaseScope.totals(of: purchases.compactMap(\.id), on: db)
        let rows = try purchases.map { p in
            let id = try p.requireID(), total = totals[id] ?? (0, 0)
            return Row(id: id, title: p.title, organiser: p.organiser?.displayName ?? "—", unit: p.unit, deadline: p.deadline,
                       status: p.status(at: now), firms: total.firms, quantity: total.quantity)
        }
        return PurchasesPage(card: try CommunityCard(community), rows: rows, canPropose: PurchaseAccess.canPropose(standing))
    }
}

/// One pooled purchase: what it is, the interested firms and their numbers, the firm's own number, the outcome.
struct PurchasePage: Sendable {
    struct Interest: Sendable {
        let firm: String
        let quantity: Int
        let updatedAt: Date
        let own: Bool
    }

    let card: CommunityCard
    let id: UUID
    let title: String
    let details: String
    let unit: String
    let organiser: String
    let deadline: Date
    let status: PooledPurchase.Status
    let firms: Int
    let quantity: Int
    let interests: [Interest]
    let ownQuantity: Int?
    let canRegister: Bool
    let canDecide: Bool
    let outcome: String?
    let decidedAt: Date?
    var errors: [String: String] = [:]
    var quantityInput: String?
    var outcomeInput: String?

    static func build(_ purchase: Purchase, community: Community, standing: CommunityStanding, person: SignedIn, firmTakesPart: Bool,
                      on db: any Database, now: Date) async throws -> PurchasePage {
        let id = try purchase.requireID()
        let rows = try await PurchaseScope.interests(in: id, on: db)
        let total = PooledPurchase.total(rows.map { ($0.$organisation.id.uuidString, $0.quantity) })
        let status = purchase.status(at: now)
        let organiser = try await purchase.$organiser.get(on: db)
        let firm = person.organisationID?.uuidString
        return PurchasePage(
            card: try CommunityCard(community), id: id, title: purchase.title, details: purchase.details, unit: purchase.unit,
            organiser: organiser?.displayName ?? "—", deadline: purchase.deadline, status: status, firms: total.firms, quantity: total.quantity,
            interests: rows.map { Interest(firm: $0.organisation.name, quantity: $0.quantity, updatedAt: $0.updatedAt, own: $0.$organisation.id == person.organisationID) },
            ownQuantity: rows.first { $0.$organisation.id == person.organisationID }?.quantity,
            canRegister: status == .open && PurchaseAccess.canRegisterInterest(standing, firm: firm, firmTakesPart: firmTakesPart, viewer: person.viewer),
            canDecide: status != .decided && PurchaseAccess.canDecide(standing, isOrganiser: purchase.$organiser.id == person.personID),
            outcome: purchase.outcome, decidedAt: purchase.decidedAt)
    }
}

struct PurchaseForm: Content {
    var title: String?
    var details: String?
    var unit: String?
    var deadline: String?

    var words: PurchaseActions.Words { .init(title: title, details: details, unit: unit, deadline: deadline) }
}

struct PurchaseInterestForm: Content {
    var quantity: String?
}

struct PurchaseOutcomeForm: Content {
    var outcome: String?
}
