import Fluent
import Foundation
import ShieldwallCore

/// Every member hears of new risks: a new report tells the people who may read it, as each chose (all reports,
/// advisories only, none). Who may read it is `ReportScope`'s rule: TLP:RED its named recipients; otherwise the
/// community's members who accepted its charter; a TLP:CLEAR or GREEN advisory also every member of every
/// other community (those reports are for all of them, and an advisory is what they all need to hear). Other
/// CLEAR and GREEN reports are not pushed beyond their community: at an operator's scale that would be
/// thousands of notifications per report, and they stay findable in every member's threat list.
/// An anonymous report names no author; the wording never names a firm.
enum NewReportNotices {
    static func published(_ report: ThreatReport, ctx: ActionContext, on db: any Database) async throws -> NoticeMail {
        let reportID = try report.requireID(), communityID = report.$community.id
        var people: Set<UUID>
        if report.tlp == .red {
            people = Set(try await ReportRecipient.query(on: db).filter(\.$report.$id == reportID).values(\.$person.$id))
        } else {
            people = try await readers(of: [communityID], on: db)
            if report.kind == .advisory && (report.tlp == .clear || report.tlp == .green) {
                let others = try await Community.query(on: db).filter(\.$status == Community.Status.active).filter(\.$id != communityID).values(\.$id)
                people.formUnion(try await readers(of: others, on: db))
            }
        }
        people.remove(report.$author.id)
        return try await ctx.services.links.peopleNotices.tellOfReport(Array(people), advisory: report.kind == .advisory, community: communityID,
                                                                       subject: reportID, actor: report.anonymous ? nil : report.$author.id,
                                                                       on: db, now: ctx.now)
    }

    /// The people taking part in each community who accepted its current charter.
    static func readers(of communities: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !communities.isEmpty else { return [] }
        var out = Set<UUID>()
        for community in try await Community.query(on: db).filter(\.$id ~~ communities).all() {
            let id = try community.requireID()
            let accepted = Set(try await CharterAcceptance.query(on: db).filter(\.$community.$id == id)
                .filter(\.$version == community.charterVersion).values(\.$person.$id))
            out.formUnion(try await CommunityStandings.participantIDs(of: id, on: db).intersection(accepted))
        }
        return out
    }

    /// How a report notification reads for `person`, or nil when they may not read the report (today).
    /// How new-report notifications read for `person`, leaving out reports they may no longer see (TLP, a community
    /// left): the reader's scope once and one read of the reports, whatever their number.
    static func describe(subjects: [UUID], for person: SignedIn, roles: [UUID: CommunityRole], localiser: Localiser,
                         on db: any Database) async throws -> [UUID: (text: String, path: String)] {
        guard !subjects.isEmpty else { return [:] }
        let scope = try await ReportScope.of(person, roles: roles, on: db)
        var out: [UUID: (text: String, path: String)] = [:]
        for report in try await scope.reports(on: db).filter(\.$id ~~ subjects).join(Community.self, on: \ThreatReport.$community.$id == \Community.$id)
            .all() {
            guard let id = report.id else { continue }
            let community = try report.joined(Community.self)
            out[id] = (localiser.text("notification.kind.new_report", ["community": community.name, "title": report.title,
                                                                     "kind": localiser.text("report.kind.\(report.kind.rawValue)")]),
                       SiteURL.report(id).path)
        }
        return out
    }
}
