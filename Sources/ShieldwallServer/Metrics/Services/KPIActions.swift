import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's admin enters the month's values; a community's facilitator proposes a KPI set, its people vote or comment,
/// the facilitator declares it agreed or drops it. Each checks who may, and writes all or nothing.
enum KPIActions {
    /// The firm in the address, for its people (`need: .enter`: its admin); anyone else finds nothing.
    enum Need { case see, enter }

    static func firm(_ req: Request, person: SignedIn, need: Need) async throws -> Organisation {
        guard let id = req.parameters.get(.orgID, as: UUID.self), MetricsAccess.canSeeFirm(firm: id.uuidString, viewer: person.viewer),
              let org = try await Organisation.find(id, on: req.db) else { throw Refusal(.notFound, "error.organisation-not-found") }
        if need == .enter && !MetricsAccess.canEnter(firm: id.uuidString, viewer: person.viewer) { throw Refusal(.forbidden, "kpi.error.admin") }
        return org
    }

    /// Saves the values typed for `month` (KPI id → text; empty ones are skipped). Every value is checked before any is
    /// written; computed KPIs cannot be entered.
    static func enter(month raw: String, values: [String: String], firm: UUID, by person: SignedIn, ctx: ActionContext) async throws -> Int {
        guard MetricsAccess.canEnter(firm: firm.uuidString, viewer: person.viewer) else { throw Refusal(.forbidden, "kpi.error.admin") }
        let library = try MetricsContent.library()
        var problems = ProblemList()
        let month = raw.trimmingWhitespace()
        if let problem = KPIMonth.check(month, today: ctx.now) { problems.add("month", "kpi.error.month-\(problem.rawValue)") }
        var read: [(String, Double)] = []
        for (id, text) in values.sorted(by: { $0.key < $1.key }) where !text.trimmingWhitespace().isEmpty {
            guard let kpi = library.kpi(id) else { problems.add(id, "kpi.error.unknown", ["kpi": id]); continue }
            guard kpi.source == .entered else { problems.add(id, "kpi.error.computed", ["kpi": kpi.title]); continue }
            switch kpi.read(text) {
            case .success(let value): read.append((id, value))
            case .failure(.notANumber): problems.add(id, kpi.unit == .yesNo ? "kpi.error.yes-no" : "kpi.error.not-a-number", ["kpi": kpi.title])
            case .failure(.outOfRange(let range)):
                problems.add(id, "kpi.error.range", ["kpi": kpi.title, "min": Format.number(range.lowerBound), "max": Format.number(range.upperBound)])
            }
        }
        if read.isEmpty && problems.problems.isEmpty { problems.add("values", "kpi.error.nothing") }
        try problems.throwIfAny()
        let entries = read
        try await ctx.db.writeTransaction { tx in
            let stored = try await KPIValue.query(on: tx).filter(\.$organisation.$id == firm).filter(\.$month == month)
                .filter(\.$kpiID ~~ entries.map(\.0)).all()
            for (id, value) in entries {
                let row = stored.first { $0.kpiID == id } ?? KPIValue()
                row.$organisation.id = firm
                row.kpiID = id
                row.month = month
                row.value = value
                row.$enteredBy.id = person.personID
                row.enteredAt = ctx.now
                try await row.save(on: tx)
            }
        }
        return entries.count
    }

    /// A facilitator's proposal: KPI ids with targets (`KPISetRules`).
    static func propose(_ items: [(kpi: String, target: String)], note: String, in community: Community, standing: CommunityStanding,
                        by person: SignedIn, ctx: ActionContext) async throws -> KPISet {
        guard MetricsAccess.canPropose(standing) else { throw Refusal(.forbidden, "kpi.error.facilitator") }
        let library = try MetricsContent.library()
        let checked: [(kpi: String, target: Double)]
        switch KPISetRules.check(items, library: library) {
        case .success(let set): checked = set
        case .failure(.empty): throw ValidationFailure(field: "kpis", key: "kpi.error.choose")
        case .failure(.unknown(let id)): throw ValidationFailure(field: "kpis", key: "kpi.error.unknown", values: ["kpi": id])
        case .failure(.twice(let id)): throw ValidationFailure(field: "kpis", key: "kpi.error.twice", values: ["kpi": id])
        case .failure(.target(let id)):
            let kpi = library.kpi(id)
            throw ValidationFailure(field: "target-\(id)", key: "kpi.error.target", values: [
                "kpi": kpi?.title ?? id, "min": Format.number(kpi?.unit.range.lowerBound ?? 0), "max": Format.number(kpi?.unit.range.upperBound ?? 0)])
        }
        let note = note.trimmingWhitespace()
        guard note.count <= 2000 else { throw ValidationFailure(field: "note", key: "error.too-long", values: ["max": "2000"]) }
        let communityID = try community.requireID()
        let set = KPISet()
        set.$community.id = communityID
        set.status = .proposed
        set.setItems(checked.map { KPISet.Item(kpi: $0.kpi, target: $0.target) })
        set.note = note
        set.$proposedBy.id = person.personID
        set.createdAt = ctx.now
        try await ctx.db.writeTransaction { tx in
            // One open proposal at a time: a new one replaces the one before.
            try await KPISet.query(on: tx).filter(\.$community.$id == communityID).filter(\.$status == .proposed)
                .set(\.$status, to: .dropped).set(\.$decidedAt, to: ctx.now).update()
            try await set.create(on: tx)
        }
        return set
    }

    /// A vote or a comment on the open proposal; answering again replaces the answer.
    static func respond(to set: KPISet, vote raw: String?, comment: String?, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard MetricsAccess.canRespond(standing) else { throw Refusal(.forbidden, "kpi.error.respond") }
        guard set.status == .proposed else { throw ValidationFailure(field: "vote", key: "kpi.error.decided") }
        guard let vote = raw.flatMap(KPISetResponse.Vote.init(rawValue:)) else { throw ValidationFailure(field: "vote", key: "kpi.error.vote") }
        let text = (comment ?? "").trimmingWhitespace()
        if vote == .comment && text.isEmpty { throw ValidationFailure(field: "comment", key: "kpi.error.comment") }
        guard text.count <= 2000 else { throw ValidationFailure(field: "comment", key: "error.too-long", values: ["max": "2000"]) }
        let setID = try set.requireID()
        let row = try await KPISetResponse.query(on: ctx.db).filter(\.$set.$id == setID).filter(\.$person.$id == person.personID).first() ?? KPISetResponse()
        row.$set.id = setID
        row.$person.id = person.personID
        row.vote = vote
        row.comment = text
        row.createdAt = ctx.now
        try await row.save(on: ctx.db)
    }

    /// The facilitator declares the open proposal agreed (the set agreed before is superseded) or drops it.
    static func decide(_ set: KPISet, agree: Bool, standing: CommunityStanding, ctx: ActionContext) async throws {
        guard MetricsAccess.canPropose(standing) else { throw Refusal(.forbidden, "kpi.error.facilitator") }
        guard set.status == .proposed else { throw ValidationFailure(field: "decision", key: "kpi.error.decided") }
        let communityID = set.$community.id
        try await ctx.db.writeTransaction { tx in
            if agree {
                try await KPISet.query(on: tx).filter(\.$community.$id == communityID).filter(\.$status == .agreed)
                    .set(\.$status, to: .superseded).update()
            }
            set.status = agree ? .agreed : .dropped
            set.decidedAt = ctx.now
            try await set.save(on: tx)
        }
    }
}
