import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The one query scope for threat reports (DESIGN.md §3): every page, API route, feed, export, count and
/// correlation asks the database through `restrict`, so nothing is fetched first and filtered later.
/// It is `ReportAccess.canSee` written as SQL; the access-matrix test checks that the two agree.
struct ReportScope: Sendable {
    let viewer: ReportViewer
    /// TLP:RED reports that name this person.
    let redReports: [UUID]
    /// The person's role in each community whose content they may see.
    let roles: [UUID: CommunityRole]
    /// Reports left out whatever their marking: for another instance, those pulled from a peer that may not be
    /// served on (`ReportScope.peer`).
    var hidden: [UUID] = []

    static let nobody = ReportScope(viewer: .signedOut, redReports: [], roles: [:])

    /// The instance itself, for `shieldwall stix export`: what any member of that community may see,
    /// without anyone's TLP:RED reports. Callers still apply the redistribution rule of their channel.
    static func instance(member community: UUID) -> ReportScope {
        ReportScope(viewer: ReportViewer(personID: UUID(), organisationID: nil, contentCommunities: [community]), redReports: [], roles: [:])
    }

    static func of(_ person: SignedIn?, on db: any Database) async throws -> ReportScope {
        guard let person else { return .nobody }
        return try await of(person, roles: try await CommunityStandings.contentRoles(of: person, on: db), on: db)
    }

    /// The same, with the person's content roles already read (`CommunityStandings.contentRoles`).
    static func of(_ person: SignedIn, roles: [UUID: CommunityRole], on db: any Database) async throws -> ReportScope {
        let red = try await ReportRecipient.query(on: db).filter(\.$person.$id == person.personID).values(\.$report.$id)
        return ReportScope(viewer: ReportViewer(personID: person.personID, organisationID: person.organisationID,
                                                contentCommunities: Set(roles.keys)),
                           redReports: red, roles: roles)
    }

    /// The same, from the access cache while nothing that decides access has changed.
    static func of(_ person: SignedIn?, _ req: Request) async throws -> ReportScope {
        guard let person else { return .nobody }
        return try await req.application.accessCache.scopes.value(person.personID, stamp: try await req.dataVersions().access, now: req.now) {
            try await of(person, on: req.db)
        }
    }

    /// Everything that decides what this scope shows, as text (a key for caches of what it shows).
    var cacheKey: String {
        viewer.contentCommunities.map(\.uuidString).sorted().joined(separator: ",") + "|"
            + redReports.map(\.uuidString).sorted().joined(separator: ",") + "|" + (viewer.personID?.uuidString ?? "")
            + (viewer.peerInstance ? "|peer|" + hidden.map(\.uuidString).sorted().joined(separator: ",") : "")
    }

    /// Limits a query on reports — or on anything joined to `ThreatReport` — to what the viewer may see.
    func restrict<M: Model>(_ query: QueryBuilder<M>) -> QueryBuilder<M> {
        guard let person = viewer.personID else { return query.filter(ThreatReport.self, \.$id ~~ [])  /* nothing */ }
        let content = Array(viewer.contentCommunities)
        if viewer.peerInstance {
            let visible = query.group(.or) { any in
                any.filter(ThreatReport.self, \.$tlp ~~ [TLP.clear, TLP.green])
                if !content.isEmpty {
                    any.group(.and) { $0.filter(ThreatReport.self, \.$tlp == TLP.amber).filter(ThreatReport.self, \.$community.$id ~~ content) }
                }
            }
            return hidden.isEmpty ? visible : visible.filter(ThreatReport.self, \.$id !~ hidden)
        }
        return query.group(.or) { any in
            any.filter(ThreatReport.self, \.$author.$id == person)
            any.filter(ThreatReport.self, \.$tlp == TLP.clear)
            if !content.isEmpty {
                any.filter(ThreatReport.self, \.$tlp == TLP.green)
                any.group(.and) {
                    $0.filter(ThreatReport.self, \.$tlp ~~ [TLP.amber, TLP.amberStrict])
                        .filter(ThreatReport.self, \.$community.$id ~~ content)
                }
                if !redReports.isEmpty {
                    any.group(.and) {
                        $0.filter(ThreatReport.self, \.$tlp == TLP.red).filter(ThreatReport.self, \.$id ~~ redReports)
                            .filter(ThreatReport.self, \.$community.$id ~~ content)
                    }
                }
            }
        }
    }

    /// Reports the viewer may see, as a query to refine.
    func reports(on db: any Database) -> QueryBuilder<ThreatReport> {
        restrict(ThreatReport.query(on: db))
    }

    /// One report by id, or 404 — the same answer whether it does not exist or is hidden.
    func report(_ id: UUID?, on db: any Database, _ req: Request) async throws -> ThreatReport {
        guard let id, let report = try await reports(on: db).filter(\.$id == id).with(\.$community).first()
        else { throw Abort(.notFound, reason: req.t("error.report-not-found")) }
        return report
    }

    func canSeeAuthor(_ report: ThreatReport) -> Bool {
        ReportAccess.canSeeAuthor(report.facts(recipients: viewer.personID.map { [$0] } ?? []), viewer)
    }

    /// Experts and facilitators vouch for indicators and retract false positives.
    func isExpertOrFacilitator(in community: UUID) -> Bool {
        roles[community] == .expert || roles[community] == .facilitator
    }
}
