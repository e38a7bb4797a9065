import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Addresses a firm blocks itself: from a recommendation at one click or typed by its admin. Never an address on the
/// shipped warning list (resolvers, private ranges) or on the firm's own allowlist; one more block of the same address
/// keeps the later expiry.
enum FirmBlockActions {
    static let maxAtOnce = 100
    static let defaultDays = 30
    /// Blocks a list answers at most (a firm blocks what its tools saw, not the internet; bulk lists are communities').
    static let listedAtMost = 5_000

    static func block(_ raw: String?, reason rawReason: String?, days rawDays: String?, firm: UUID, by person: SignedIn,
                      feed: any FirmThreatFeed, ctx: ActionContext) async throws -> Int {
        guard IntegrationAccess.canBlock(firm: firm.uuidString, viewer: person.viewer) else { throw Refusal(.forbidden, "integrations.error.block-admin") }
        var problems = ProblemList()
        let reason = (rawReason ?? "").trimmingWhitespace()
        if reason.count > 200 { problems.add("reason", "error.too-long", ["max": "200"]) }
        let days = Int((rawDays ?? "").trimmingWhitespace()).flatMap { (1...365).contains($0) ? $0 : nil }
        if days == nil && !(rawDays ?? "").trimmingWhitespace().isEmpty { problems.add("days", "integrations.error.block-days") }
        let lines = (raw ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == " " || $0 == "\r" }).map(String.init)
        if lines.isEmpty { problems.add("addresses", "error.required") }
        if lines.count > maxAtOnce { problems.add("addresses", "integrations.error.block-many", ["max": String(maxAtOnce)]) }
        let allowlist = try await feed.allowlist(firm: firm, on: ctx.db)
        var values: [IndicatorValue] = []
        for line in lines.prefix(maxAtOnce) where !problems.problems.contains(where: { $0.field == "addresses" }) {
            switch IndicatorValue.normalise(line) {
            case .success(let v) where [.ipv4, .ipv6, .cidr].contains(v.type):
                if let why = WarningList.shipped.reason(for: v) {
                    problems.add("addresses", "integrations.error.block-warning", ["value": v.value, "why": why])
                } else if allowlist.reason(for: v) != nil {
                    problems.add("addresses", "integrations.error.block-allowlisted", ["value": v.value])
                } else if !values.contains(v) {
                    values.append(v)
                }
            default:
                problems.add("addresses", "integrations.error.block-type", ["value": String(line.prefix(80))])
            }
        }
        try problems.throwIfAny()
        let expires = ctx.now.addingTimeInterval(Double(days ?? defaultDays) * 86_400), chosen = values
        try await ctx.db.transaction { tx in
            let existing = try await FirmBlock.query(on: tx).filter(\.$organisation.$id == firm).filter(\.$value ~~ chosen.map(\.value)).all()
            for value in chosen {
                if let row = existing.first(where: { $0.value == value.value }) {
                    row.expiresAt = max(row.expiresAt, expires)
                    if !reason.isEmpty { row.reason = reason }
                    try await row.update(on: tx)
                    continue
                }
                let row = FirmBlock()
                row.$organisation.id = firm
                row.value = value.value
                row.type = value.type.rawValue
                row.reason = reason
                row.$createdBy.id = person.personID
                row.createdAt = ctx.now
                row.expiresAt = expires
                try await row.create(on: tx)
            }
        }
        return values.count
    }

    static func lift(_ id: UUID, firm: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        guard IntegrationAccess.canBlock(firm: firm.uuidString, viewer: person.viewer) else { throw Refusal(.forbidden, "integrations.error.block-admin") }
        guard try await FirmBlock.query(on: ctx.db).filter(\.$id == id).filter(\.$organisation.$id == firm).first() != nil else {
            throw Refusal(.notFound, "integrations.error.no-block")
        }
        try await FirmBlock.query(on: ctx.db).filter(\.$id == id).delete()
    }
}
