import Foundation

/// A group purchase or shared hire ("a password manager for our 12 firms", "a shared part-time security
/// expert"): a member proposes it in a community, firms register interest with their numbers until the
/// deadline, the organiser posts the outcome.
public enum PooledPurchase {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Taking interest until the deadline.
        case open
        /// Past the deadline, waiting for the organiser's outcome.
        case closed
        /// The organiser posted the outcome.
        case decided
    }

    public static let maxTitle = 160
    public static let maxText = 4_000
    public static let maxQuantity = 100_000
    /// A deadline is at most this far ahead: interest older than that says little.
    public static let maxHorizon: TimeInterval = 366 * 24 * 3600

    public enum Problem: Error, Equatable, Sendable {
        case titleRequired
        case tooLong(field: String, max: Int)
        case deadlinePassed
        case deadlineTooFar
        case quantityOutOfRange(max: Int)
        /// Interest after the deadline or the outcome.
        case notOpen
        /// Only the organiser (or the community's facilitator) posts the outcome.
        case notOrganiser
    }

    public static func status(deadline: Date, decided: Bool, now: Date) -> Status {
        if decided { return .decided }
        return now < deadline ? .open : .closed
    }

    /// Problems of a proposal: a title, words within bounds, a deadline in the future and within a year.
    public static func problems(title: String, details: String, unit: String, deadline: Date, now: Date) -> [Problem] {
        var out: [Problem] = []
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { out.append(.titleRequired) } else if title.count > maxTitle { out.append(.tooLong(field: "title", max: maxTitle)) }
        if details.count > maxText { out.append(.tooLong(field: "details", max: maxText)) }
        if unit.count > 40 { out.append(.tooLong(field: "unit", max: 40)) }
        if deadline <= now { out.append(.deadlinePassed) } else if deadline.timeIntervalSince(now) > maxHorizon { out.append(.deadlineTooFar) }
        return out
    }

    /// Why a firm may not register (or change) its interest of `quantity` now; zero withdraws it.
    public static func interestProblem(quantity: Int, status: Status) -> Problem? {
        if status != .open { return .notOpen }
        if quantity < 0 || quantity > maxQuantity { return .quantityOutOfRange(max: maxQuantity) }
        return nil
    }

    /// The outcome is posted by the organiser or the community's facilitator, once.
    public static func outcomeProblem(isOrganiser: Bool, isFacilitator: Bool, status: Status) -> Problem? {
        guard isOrganiser || isFacilitator else { return .notOrganiser }
        return status == .decided ? .notOpen : nil
    }

    /// Firms interested and the total of their numbers (one figure per firm; zero is no interest).
    public static func total(_ interests: [(firm: String, quantity: Int)]) -> (firms: Int, quantity: Int) {
        var byFirm: [String: Int] = [:]
        for i in interests { byFirm[i.firm] = i.quantity }
        let kept = byFirm.values.filter { $0 > 0 }
        return (kept.count, kept.reduce(0, +))
    }
}
