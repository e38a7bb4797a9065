import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Proposing a pooled purchase, a firm's number for it, the organiser's outcome (`PooledPurchase` has the rules,
/// `PurchaseAccess` who). Problems come back field by field; nothing is written then.
enum PurchaseActions {
    struct Words: Sendable {
        var title: String?
        var details: String?
        var unit: String?
        /// `yyyy-MM-dd`: interest is taken to the end of that day (UTC).
        var deadline: String?
    }

    static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    static func propose(_ words: Words, in community: Community, standing: CommunityStanding, by person: SignedIn,
                        ctx: ActionContext) async throws -> Purchase {
        guard PurchaseAccess.canPropose(standing) else { throw Refusal(.forbidden, "purchases.error.who-proposes") }
        var problems = ProblemList()
        let title = (words.title ?? "").trimmingWhitespace(), details = (words.details ?? "").trimmingWhitespace()
        let unit = (words.unit ?? "").trimmingWhitespace()
        let day = (words.deadline ?? "").trimmingWhitespace()
        let deadline = dayFormatter.date(from: day).flatMap { dayFormatter.string(from: $0) == day ? $0 : nil }
        if deadline == nil { problems.add("deadline", day.isEmpty ? "error.required" : "purchases.error.deadline-format") }
        let end = deadline?.addingTimeInterval(24 * 3600) ?? ctx.now.addingTimeInterval(24 * 3600)
        for problem in PooledPurchase.problems(title: title, details: details, unit: unit, deadline: end, now: ctx.now) {
            switch problem {
            case .titleRequired: problems.add("title", "error.required")
            case .tooLong(let field, let max): problems.add(field, "error.too-long", ["max": String(max)])
            case .deadlinePassed: problems.add("deadline", "purchases.error.deadline-passed")
            case .deadlineTooFar: problems.add("deadline", "purchases.error.deadline-too-far")
            default: break
            }
        }
        try problems.throwIfAny()
        let purchase = Purchase()
        purchase.$community.id = try community.requireID()
        purchase.$organiser.id = person.personID
        purchase.title = title
        purchase.details = details
        purchase.unit = unit
        purchase.deadline = end
        purchase.createdAt = ctx.now
        try await purchase.create(on: ctx.db)
        return purchase
    }

    /// The firm's number (zero withdraws it), replacing the one it gave before.
    static func registerInterest(_ purchase: Purchase, quantity raw: String?, standing: CommunityStanding, firmTakesPart: Bool,
                                 by person: SignedIn, ctx: ActionContext) async throws {
        guard let firm = person.organisationID,
              PurchaseAccess.canRegisterInterest(standing, firm: firm.uuidString, firmTakesPart: firmTakesPart, viewer: person.viewer)
        else { throw Refusal(.forbidden, "purchases.error.who-registers") }
        guard let quantity = Int((raw ?? "").trimmingWhitespace()) else {
            throw ValidationFailure(field: "quantity", key: "purchases.error.quantity", values: ["max": String(PooledPurchase.maxQuantity)])
        }
        switch PooledPurchase.interestProblem(quantity: quantity, status: purchase.status(at: ctx.now)) {
        case .notOpen?: throw Refusal(.conflict, "purchases.error.closed")
        case .quantityOutOfRange(let max)?: throw ValidationFailure(field: "quantity", key: "purchases.error.quantity", values: ["max": String(max)])
        default: break
        }
        let purchaseID = try purchase.requireID()
        do { try await ctx.db.transaction { tx in
            let existing = try await PurchaseInterest.query(on: tx).filter(\.$purchase.$id == purchaseID).filter(\.$organisation.$id == firm).first()
            if quantity == 0 {
                try await existing?.delete(on: tx)
                return
            }
            let row = existing ?? PurchaseInterest()
            row.$purchase.id = purchaseID
            row.$organisation.id = firm
            row.quantity = quantity
            row.$updatedBy.id = person.personID
            row.updatedAt = ctx.now
            try await row.save(on: tx)
        } } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Refusal(.conflict, "purchases.error.at-once")  // another admin of the firm, at the same moment
        }
    }

    /// The organiser (or the facilitator) says what came of it, once.
    static func decide(_ purchase: Purchase, outcome raw: String?, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        let organiser = purchase.$organiser.id == person.personID
        guard PurchaseAccess.canDecide(standing, isOrganiser: organiser) else { throw Refusal(.forbidden, "purchases.error.who-decides") }
        if PooledPurchase.outcomeProblem(isOrganiser: organiser, isFacilitator: CommunityAccess.canFacilitate(standing),
                                         status: purchase.status(at: ctx.now)) == .notOpen {
            throw Refusal(.conflict, "purchases.error.decided")
        }
        var problems = ProblemList()
        let outcome = problems.text("outcome", raw, maxLength: PooledPurchase.maxText)
        try problems.throwIfAny()
        purchase.outcome = outcome
        purchase.$decidedBy.id = person.personID
        purchase.decidedAt = ctx.now
        try await purchase.update(on: ctx.db)
    }
}
