import Fluent
import Foundation
import ShieldwallCore

/// The community's plan: started from the template, changed in a draft by the facilitator (directly or by
/// accepting members' proposals), published as a frozen version, reviewed on a rhythm. Each action checks
/// everything first and writes in one transaction; nothing is half-written.
enum JointPlanActions {
    static let maxReason = 2_000
    static let maxComment = 4_000

    /// The facilitator starts the plan: a draft of version 1 from the shipped template.
    static func start(_ community: Community, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "plan.error.facilitator-only") }
        let communityID = try community.requireID()
        guard try await PlanScope.plan(of: communityID, on: ctx.db) == nil else { throw ValidationFailure(field: "plan", key: "plan.error.exists") }
        // In the facilitator's language: the plan is the community's own text from then on.
        let template = try PlansContent.template(person.language)
        try await ctx.db.transaction { tx in
            let plan = CommunityPlan(communityID: communityID, templateVersion: template.version, createdBy: person.personID, at: ctx.now)
            try await plan.create(on: tx)
            try await PlanVersion(planID: plan.requireID(), number: 1, content: template.content, at: ctx.now).create(on: tx)
        }
    }

    /// The facilitator changes the draft (made from the current version when there is none).
    static func change(_ state: PlanState, _ change: PlanChange, standing: CommunityStanding, ctx: ActionContext) async throws {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "plan.error.facilitator-only") }
        try await ctx.db.transaction { tx in
            let draft = try await draft(of: state, on: tx, now: ctx.now)
            draft.contentJSON = try apply(change, to: draft.content(), field: "measure").json()
            try await draft.update(on: tx)
        }
    }

    /// A member proposes a change to the version they read, which must be the current one.
    static func propose(_ state: PlanState, _ change: PlanChange, reason rawReason: String?, baseVersion: Int?,
                        standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws -> PlanProposal {
        guard PlanAccess.canContribute(standing) else { throw Refusal(.forbidden, "plan.error.members-only") }
        guard let current = state.current else { throw ValidationFailure(field: "base_version", key: "plan.error.not-published") }
        guard let baseVersion, baseVersion == current.number else {
            throw ValidationFailure(field: "base_version", key: "plan.error.superseded", values: ["current": String(current.number)])
        }
        let reason = (rawReason ?? "").trimmingWhitespace()
        guard reason.count <= maxReason else { throw ValidationFailure(field: "reason", key: "error.too-long", values: ["max": String(maxReason)]) }
        _ = try apply(change, to: current.content(), field: "measure")
        let proposal = PlanProposal(planID: try state.plan.requireID(), baseVersion: baseVersion, change: trimmed(change),
                                    reason: reason, authorID: person.personID, at: ctx.now)
        try await proposal.create(on: ctx.db)
        return proposal
    }

    /// The facilitator accepts a proposal into the draft, or declines it saying why.
    static func decide(_ proposal: PlanProposal, accept: Bool, reason rawReason: String?, state: PlanState,
                       standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "plan.error.facilitator-only") }
        guard proposal.status == .open else { throw ValidationFailure(field: "proposal", key: "plan.error.decided") }
        let reason = (rawReason ?? "").trimmingWhitespace()
        if !accept && reason.isEmpty { throw ValidationFailure(field: "reason", key: "plan.error.decline-reason") }
        guard reason.count <= maxReason else { throw ValidationFailure(field: "reason", key: "error.too-long", values: ["max": String(maxReason)]) }
        try await ctx.db.transaction { tx in
            if accept {
                let draft = try await draft(of: state, on: tx, now: ctx.now)
                guard case .success(let changed) = try draft.content().applying(proposal.change) else {
                    throw ValidationFailure(field: "proposal", key: "plan.error.no-longer-applies")
                }
                draft.contentJSON = changed.json()
                try await draft.update(on: tx)
            }
            proposal.status = accept ? .accepted : .declined
            proposal.decisionReason = reason.isEmpty ? nil : reason
            proposal.$decidedBy.id = person.personID
            proposal.decidedAt = ctx.now
            try await proposal.update(on: tx)
        }
    }

    /// A member's comment on one section of one version.
    static func comment(_ state: PlanState, version: Int?, section: String?, body rawBody: String?,
                        standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard PlanAccess.canContribute(standing) else { throw Refusal(.forbidden, "plan.error.members-only") }
        var problems = ProblemList()
        let body = problems.text("body", rawBody, maxLength: maxComment)
        let kind = section.flatMap(PlanSectionKind.init(rawValue:))
        if kind == nil { problems.add("section", "plan.error.section") }
        let number = version.flatMap { state.version($0)?.number }
        if number == nil { problems.add("version", "plan.error.version") }
        try problems.throwIfAny()
        guard let kind, let number else { return }
        try await PlanComment(planID: try state.plan.requireID(), version: number, section: kind, body: body, authorID: person.personID, at: ctx.now)
            .create(on: ctx.db)
    }

    /// The draft becomes the current version, frozen; firms are asked to sign it. Publishing at a review
    /// records the review too.
    static func publish(_ state: PlanState, summary rawSummary: String?, isReview: Bool, standing: CommunityStanding,
                        by person: SignedIn, ctx: ActionContext) async throws -> PlanVersion {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "plan.error.facilitator-only") }
        guard let draft = state.draft else { throw ValidationFailure(field: "plan", key: "plan.error.no-draft") }
        var problems = ProblemList()
        let summary = problems.text("summary", rawSummary, maxLength: maxReason)
        try problems.throwIfAny()
        if let current = state.current, try current.content() == draft.content() {
            throw ValidationFailure(field: "plan", key: "plan.error.nothing-changed", values: ["version": String(current.number)])
        }
        let today = CalendarDay.string(ctx.now)
        try await ctx.db.transaction { tx in
            draft.status = .published
            draft.summary = summary
            draft.publishedAt = ctx.now
            draft.$publishedBy.id = person.personID
            try await draft.update(on: tx)
            try await scheduleNextReview(state.plan, from: today, on: tx)
            if isReview {
                try await PlanReview(planID: state.plan.requireID(), heldOn: today, version: draft.number, summary: summary,
                                     recordedBy: person.personID, at: ctx.now).create(on: tx)
            }
        }
        return draft
    }

    /// A review held that left the plan as it is: recorded with what was looked at and why nothing changed.
    static func recordReview(_ state: PlanState, summary rawSummary: String?, standing: CommunityStanding,
                             by person: SignedIn, ctx: ActionContext) async throws {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "plan.error.facilitator-only") }
        guard let current = state.current else { throw ValidationFailure(field: "plan", key: "plan.error.not-published") }
        var problems = ProblemList()
        let summary = problems.text("summary", rawSummary, maxLength: maxReason)
        try problems.throwIfAny()
        let today = CalendarDay.string(ctx.now)
        try await ctx.db.transaction { tx in
            try await PlanReview(planID: state.plan.requireID(), heldOn: today, version: current.number, summary: summary,
                                 recordedBy: person.personID, at: ctx.now).create(on: tx)
            try await scheduleNextReview(state.plan, from: today, on: tx)
        }
    }

    /// How often the plan is reviewed, and optionally the next review's day.
    static func schedule(_ state: PlanState, everyMonths: Int?, nextReviewOn: String?, standing: CommunityStanding, ctx: ActionContext) async throws {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "plan.error.facilitator-only") }
        var problems = ProblemList()
        let months = everyMonths ?? state.plan.reviewEveryMonths
        if !PlanReviewSchedule.months.contains(months) { problems.add("review_every_months", "plan.error.months") }
        let next = (nextReviewOn ?? "").trimmingWhitespace()
        if !next.isEmpty {
            if CalendarDay.date(next) == nil { problems.add("next_review_on", "action.error.due-format") }
            else if next < CalendarDay.string(ctx.now) { problems.add("next_review_on", "action.error.due-in-past") }
        }
        try problems.throwIfAny()
        state.plan.reviewEveryMonths = months
        if !next.isEmpty, next != state.plan.nextReviewOn {
            state.plan.nextReviewOn = next
            state.plan.reviewReminderSent = nil
        }
        try await state.plan.update(on: ctx.db)
    }

    /// The firm's admin signs the current version for the firm.
    static func sign(_ state: PlanState, version: Int?, communityID: UUID, standing: CommunityStanding,
                     by person: SignedIn, ctx: ActionContext) async throws {
        let takesPart = try await CommunityStandings.firmTakesPart(person, in: communityID, on: ctx.db)
        guard let org = person.organisationID, PlanAccess.canSign(standing, firm: org.uuidString, firmTakesPart: takesPart, viewer: person.viewer)
        else { throw Refusal(.forbidden, "plan.error.sign-who") }
        let signed = try await PlanSignature.query(on: ctx.db).filter(\.$plan.$id == state.plan.requireID())
            .filter(\.$organisation.$id == org).max(\.$version)
        let wanted = version ?? -1
        switch PlanSignOff.problem(signing: wanted, published: state.version(wanted)?.isPublished ?? false, current: state.current?.number,
                                   signedByFirm: signed) {
        case .notPublished?: throw ValidationFailure(field: "version", key: "plan.error.sign-draft")
        case .notCurrent(let current)?: throw ValidationFailure(field: "version", key: "plan.error.sign-old", values: ["current": String(current)])
        case .alreadySigned?: throw ValidationFailure(field: "version", key: "plan.error.signed")
        case nil: break
        }
        try await PlanSignature(planID: state.plan.requireID(), organisationID: org, version: wanted, personID: person.personID, at: ctx.now)
            .create(on: ctx.db)
    }

    /// The firm's admin says how one measure of the current version applies to the firm.
    static func setMeasure(_ state: PlanState, measure measureID: String, status: String?, note: String?, communityID: UUID,
                           by person: SignedIn, ctx: ActionContext) async throws {
        let (org, row) = try await firmMeasure(state, measureID, communityID: communityID, by: person, ctx: ctx)
        let adoption: MeasureAdoption
        switch MeasureAdoption.read(status: status, note: note) {
        case .success(let a): adoption = a
        case .failure(.unknownStatus): throw ValidationFailure(field: "status", key: "plan.error.adoption-status")
        case .failure(.noteRequired): throw ValidationFailure(field: "note", key: "plan.error.adapted-note")
        case .failure(.reasonRequired): throw ValidationFailure(field: "note", key: "plan.error.not-applicable-reason")
        case .failure(.tooLong(let max)): throw ValidationFailure(field: "note", key: "error.too-long", values: ["max": String(max)])
        }
        let measure = try row ?? FirmMeasure(planID: state.plan.requireID(), organisationID: org, measureID: measureID,
                                         updatedBy: person.personID, at: ctx.now)
        measure.status = FirmMeasure.Status(rawValue: adoption.status) ?? .adopted
        measure.note = adoption.note
        measure.$updatedBy.id = person.personID
        measure.updatedAt = ctx.now
        try await measure.save(on: ctx.db)
    }

    /// The firm's admin turns a measure into an action in the firm's action plan (once: an open one is reused).
    static func measureToAction(_ state: PlanState, measure measureID: String, communityID: UUID,
                                by person: SignedIn, ctx: ActionContext) async throws -> UUID {
        let (org, row) = try await firmMeasure(state, measureID, communityID: communityID, by: person, ctx: ctx)
        guard let measure = try state.current?.content().measure(measureID) else {
            throw ValidationFailure(field: "measure", key: "plan.error.measure")
        }
        return try await ctx.db.transaction { tx in
            let actionID = try await ctx.services.links.firmActions.action(firm: org, key: "plan:" + measureID, title: measure.title,
                                                                         by: person, on: tx, now: ctx.now)
            let firmMeasure = try row ?? FirmMeasure(planID: state.plan.requireID(), organisationID: org, measureID: measureID,
                                                 updatedBy: person.personID, at: ctx.now)
            firmMeasure.actionID = actionID
            firmMeasure.$updatedBy.id = person.personID
            firmMeasure.updatedAt = ctx.now
            try await firmMeasure.save(on: tx)
            return actionID
        }
    }

    // MARK: - Helpers

    /// The change a form or an API body asks for: `edit` or `remove` a measure, or `add` one to a section.
    static func change(kind: String?, measure: String?, section: String?, title: String?, text: String?) throws -> PlanChange {
        switch kind {
        case "edit": return .edit(measure: measure ?? "", title: title ?? "", text: text ?? "")
        case "remove": return .remove(measure: measure ?? "")
        case "add":
            guard let section = section.flatMap(PlanSectionKind.init(rawValue:)) else { throw ValidationFailure(field: "section", key: "plan.error.section") }
            return .add(section: section, title: title ?? "", text: text ?? "")
        default: throw ValidationFailure(field: "kind", key: "plan.error.kind")
        }
    }

    /// The firm's row for a measure of the current version, for its admin, when the firm takes part.
    private static func firmMeasure(_ state: PlanState, _ measureID: String, communityID: UUID, by person: SignedIn,
                                    ctx: ActionContext) async throws -> (UUID, FirmMeasure?) {
        guard let org = person.organisationID, PlanAccess.canManageFirmPart(firm: org.uuidString, viewer: person.viewer),
              try await CommunityStandings.firmTakesPart(person, in: communityID, on: ctx.db)
        else { throw Refusal(.forbidden, "plan.error.firm-admin-only") }
        guard try state.current?.content().measure(measureID) != nil else { throw ValidationFailure(field: "measure", key: "plan.error.measure") }
        let row = try await FirmMeasure.query(on: ctx.db).filter(\.$plan.$id == state.plan.requireID())
            .filter(\.$organisation.$id == org).filter(\.$measureID == measureID).first()
        return (org, row)
    }

    /// The draft, made from the current version when there is none.
    private static func draft(of state: PlanState, on db: any Database, now: Date) async throws -> PlanVersion {
        if let draft = state.draft { return draft }
        guard let current = state.current else { throw ValidationFailure(field: "plan", key: "plan.error.no-draft") }
        let draft = PlanVersion(planID: try state.plan.requireID(), number: current.number + 1, content: try current.content(), at: now)
        try await draft.create(on: db)
        return draft
    }

    private static func scheduleNextReview(_ plan: CommunityPlan, from today: String, on db: any Database) async throws {
        plan.nextReviewOn = PlanReviewSchedule.nextReview(after: today, months: plan.reviewEveryMonths)
        plan.reviewReminderSent = nil
        try await plan.update(on: db)
    }

    private static func trimmed(_ change: PlanChange) -> PlanChange {
        switch change {
        case .edit(let m, let t, let x): .edit(measure: m, title: t.trimmingWhitespace(), text: x.trimmingWhitespace())
        case .add(let s, let t, let x): .add(section: s, title: t.trimmingWhitespace(), text: x.trimmingWhitespace())
        case .remove: change
        }
    }

    /// `change` made to `content`, or a validation failure that says why in the person's words.
    static func apply(_ change: PlanChange, to content: PlanContent, field: String) throws -> PlanContent {
        switch content.applying(change) {
        case .success(let changed): return changed
        case .failure(.unknownMeasure): throw ValidationFailure(field: field, key: "plan.error.measure")
        case .failure(.emptyTitle): throw ValidationFailure(field: "title", key: "error.required")
        case .failure(.titleTooLong(let max)): throw ValidationFailure(field: "title", key: "error.too-long", values: ["max": String(max)])
        case .failure(.textTooLong(let max)): throw ValidationFailure(field: "text", key: "error.too-long", values: ["max": String(max)])
        case .failure(.tooManyMeasures(let max)): throw ValidationFailure(field: field, key: "plan.error.too-many", values: ["max": String(max)])
        case .failure(.noChange): throw ValidationFailure(field: "text", key: "plan.error.no-change")
        }
    }
}
