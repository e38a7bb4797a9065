import Fluent
import Foundation
import ShieldwallCore
import SQLKit

/// Who hears of the plan: everyone taking part when a version is published (firms are asked to sign it), and
/// before each review day; and how those notifications read for each person.
enum PlanNotices {
    /// After a version is published: everyone who takes part, but the facilitator who published it.
    static func published(_ version: PlanVersion, in community: Community, by person: SignedIn, ctx: ActionContext) async throws {
        let communityID = try community.requireID()
        let people = try await CommunityStandings.participantIDs(of: communityID, on: ctx.db).subtracting([person.personID])
        let mail = try await ctx.services.links.peopleNotices.tell(Array(people), kind: .planPublished, community: communityID,
                                                                 subject: version.requireID(), actor: person.personID, urgent: false,
                                                                 on: ctx.db, now: ctx.now)
        await mail.send(ctx)
    }

    /// Reminds everyone taking part of a coming review (two weeks before) and on the day; each reminder once,
    /// claimed with one conditional update so that several instances running the job send it once. The claim and
    /// the notifications are one transaction: a process stopped between them leaves the reminder owed.
    @discardableResult
    static func remindOfReviews(_ ctx: ActionContext) async throws -> Int {
        let today = CalendarDay.string(ctx.now)
        var sent = 0
        for plan in try await CommunityPlan.query(on: ctx.db).filter(\.$nextReviewOn != nil).all() {
            guard let reviewOn = plan.nextReviewOn,
                  let owed = PlanReviewSchedule.reminder(today: today, reviewOn: reviewOn,
                                                         sent: plan.reviewReminderSent.flatMap(PlanReviewSchedule.Reminder.init(rawValue:))) else { continue }
            let mail = try await ctx.db.transaction { tx -> NoticeMail? in
                guard try await claim(plan, owed, on: tx) else { return nil }
                let people = try await CommunityStandings.participantIDs(of: plan.$community.id, on: tx)
                return try await ctx.services.links.peopleNotices.tell(Array(people), kind: .planReview, community: plan.$community.id,
                                                                       subject: plan.requireID(), actor: nil, urgent: false, on: tx, now: ctx.now)
            }
            guard let mail else { continue }
            await mail.send(ctx)
            sent += 1
        }
        return sent
    }

    private static func claim(_ plan: CommunityPlan, _ reminder: PlanReviewSchedule.Reminder, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.raw("""
            UPDATE community_plans SET review_reminder_sent = \(bind: reminder.rawValue)
            WHERE id = \(bind: try plan.requireID()) AND (review_reminder_sent IS NULL OR review_reminder_sent < \(bind: reminder.rawValue))
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// How plan notifications read for their reader (by subject id), leaving out those whose community's plan they may
    /// no longer read. `contentRoles`: the communities whose content the reader may see, as the bell already read them
    /// (`CommunityStandings.contentRoles`, which is `CommunityAccess.canSeeContent` — and so `PlanAccess.canRead` — in
    /// one read). Two or three queries whatever the number of notifications.
    static func describe(_ subjects: [(kind: NotificationKind, subject: UUID, community: UUID)], contentRoles: [UUID: CommunityRole],
                         localiser: Localiser,
                         on db: any Database) async throws -> [UUID: (text: String, path: String)] {
        let mayRead = Set(subjects.map(\.community)).filter { contentRoles[$0] != nil }
        guard !mayRead.isEmpty else { return [:] }
        let communities = try await Community.query(on: db).filter(\.$id ~~ Array(mayRead)).all()
        let readable = Dictionary(communities.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let wanted = subjects.filter { readable[$0.community] != nil }
        let versionIDs = wanted.filter { $0.kind == .planPublished }.map(\.subject)
        let versions = versionIDs.isEmpty ? [:] : Dictionary(try await PlanVersion.query(on: db).filter(\.$id ~~ versionIDs).all()
            .compactMap { v in v.id.map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
        let planIDs = wanted.filter { $0.kind == .planReview }.map(\.subject)
        let plans = planIDs.isEmpty ? [:] : Dictionary(try await CommunityPlan.query(on: db).filter(\.$id ~~ planIDs).all()
            .compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        var out: [UUID: (text: String, path: String)] = [:]
        for s in wanted {
            guard let community = readable[s.community] else { continue }
            let path = SiteURL.communityPlan(community.slug).path
            switch s.kind {
            case .planPublished:
                guard let version = versions[s.subject] else { continue }
                out[s.subject] = (localiser.text("notification.kind.plan_published", ["community": community.name, "version": String(version.number)]), path)
            case .planReview:
                guard let plan = plans[s.subject] else { continue }
                out[s.subject] = (localiser.text("notification.kind.plan_review", ["community": community.name, "date": plan.nextReviewOn ?? ""]), path)
            default:
                continue
            }
        }
        return out
    }
}
