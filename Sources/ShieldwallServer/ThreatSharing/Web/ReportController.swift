import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's threat feed, sharing a report (paste → review → publish), the report page and its comments.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityThreats, use: feed)
        routes.get(SiteURL.communityReportNew, use: newForm)
        routes.post(SiteURL.communityReportNew, use: submit)
        routes.get(SiteURL.report, use: show)
        routes.post(SiteURL.reportComments, use: comment)
        routes.post(SiteURL.reportStatus, use: changeStatus)
        routes.post(SiteURL.reportWithdraw, use: withdraw)
        routes.get(SiteURL.reportStix, use: reportStix)
        routes.get(SiteURL.communityStix, use: communityStix)
        routes.get(SiteURL.communityStixImport, use: importForm)
        routes.post(SiteURL.communityStixImport, bodyLimit: StixImporter.maxBytes, use: importBundle)
    }

    struct ReportForm: Content {
        var kind: String?
        var title: String?
        var summary: String?
        var narrative: String?
        var what_happened: String?
        var impact: String?
        var what_helped: String?
        var tlp: String?
        var anonymous: String?
        var recipients: [String]?
        var paste: String?
        var indicators: [String]?
        var reviewed: String?
        var step: String?

        var input: ReportActions.Input {
            ReportActions.Input(kind: kind, title: title, summary: summary, narrative: narrative, whatHappened: what_happened,
                                impact: impact, whatHelped: what_helped, tlp: tlp, anonymous: anonymous == "true", status: nil,
                                recipients: (recipients ?? []).compactMap(UUID.init(uuidString:)), indicators: indicators ?? [])
        }
    }

    @Sendable func feed(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let scope = try await ReportScope.of(person, req)
        var query = scope.reports(on: req.db).filter(\.$community.$id == (try community.requireID()))
        let kind = req.query[String.self, at: "kind"].flatMap(ThreatReport.Kind.init(rawValue:))
        let tlp = req.query[String.self, at: "tlp"].flatMap(TLP.init(label:))
        let words = (req.query[String.self, at: "q"] ?? "").trimmingWhitespace()
        if let kind { query = query.filter(\.$kind == kind) }
        if let tlp { query = query.filter(\.$tlp == tlp) }
        if !words.isEmpty { query = query.filter(\.$title ~~ words) }
        let reports = try await query.sort(\.$createdAt, .descending).limit(200).with(\.$author).with(\.$organisation).all()
        let counts = try await Self.indicatorCounts(reports.compactMap(\.id), on: req.db)
        let rows = reports.map { ReportRow($0, scope: scope, indicators: counts[$0.id ?? UUID()] ?? 0) }
        return ReportView.feed(try await req.pageContext(), try CommunityCard(community), rows: rows,
                               filter: (kind?.rawValue ?? "", tlp?.rawValue ?? "", words),
                               canShare: CommunityAccess.canParticipate(standing))
    }

    static func indicatorCounts(_ reportIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !reportIDs.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for id in try await ReportIndicator.query(on: db).filter(\.$report.$id ~~ reportIDs).all(\.$report.$id) { counts[id, default: 0] += 1 }
        return counts
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        return try await Self.form(req, community, person, ReportForm(kind: "phishing", tlp: TLP.amber.rawValue), found: nil, errors: [:])
    }

    static func form(_ req: Request, _ community: Community, _ person: SignedIn, _ form: ReportForm, found: [IndicatorExtractor.Found]?,
                     errors: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let ids = try await CommunityStandings.participantIDs(of: community.requireID(), on: req.db).subtracting([person.personID])
        let people = ids.isEmpty ? [] : try await Person.query(on: req.db).filter(\.$id ~~ Array(ids)).sort(\.$displayName).all()
            .map { ($0.id ?? UUID(), $0.displayName) }
        return ReportView.form(try await req.pageContext(), try CommunityCard(community), form: form, people: people, found: found,
                               errors: errors, status: status)
    }

    /// "Review" extracts indicators from the pasted text for the author to tick; "Publish" shares.
    @Sendable func submit(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        var form = try req.content.decode(ReportForm.self)
        let paste = (form.paste ?? "").trimmingWhitespace()
        if form.step != "publish" || (!paste.isEmpty && form.reviewed != "true") {
            let warnings = try await IndicatorFacts.warningList(req.application, community: try community.requireID(), on: req.db)
            switch IndicatorExtractor.extract(paste, warnings: warnings) {
            case .success(let found):
                let chosen = Set(form.indicators ?? [])
                let extra = chosen.compactMap { try? IndicatorValue.normalise($0).get() }.filter { v in !found.contains { $0.indicator == v } }
                let all = found + extra.map { IndicatorExtractor.Found(indicator: $0, notes: []) }
                form.reviewed = "true"
                return try await Self.form(req, community, person, form, found: all, errors: [:])
            case .failure(.textTooLong(let limit)):
                let ctx = try await req.pageContext()
                return try await Self.form(req, community, person, form, found: nil,
                                           errors: ["paste": ctx.t("error.too-long", ["max": String(limit)])], status: .unprocessableEntity)
            case .failure(.tooManyIndicators(let limit)):
                let ctx = try await req.pageContext()
                return try await Self.form(req, community, person, form, found: nil,
                                           errors: ["paste": ctx.t("error.too-many-indicators", ["max": String(limit)])], status: .unprocessableEntity)
            }
        }
        do {
            let report = try await ReportActions.publish(form.input, in: community, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.report(try report.requireID()).path, flash: "flash.report-published")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let found = (form.indicators ?? []).compactMap { try? IndicatorValue.normalise($0).get() }
                .map { IndicatorExtractor.Found(indicator: $0, notes: []) }
            return try await Self.form(req, community, person, form, found: found, errors: failure.messages(ctx.localiser),
                                       status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        return ReportView.show(try await req.pageContext(), try await ReportPage.build(report, scope: scope, req: req), errors: [:])
    }

    @Sendable func reportStix(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return try await StixExport.download(report: req.parameters.get(.reportID, as: UUID.self),
                                             scope: try await ReportScope.of(person, req), req: req)
    }

    @Sendable func communityStix(req: Request) async throws -> Response {
        let (community, _, person) = try await CommunityStandings.content(req)
        return try await StixExport.download(community: community, scope: try await ReportScope.of(person, req), req: req)
    }

    @Sendable func importForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        return ReportView.importPage(try await req.pageContext(), try CommunityCard(community), summary: nil, error: nil)
    }

    struct ImportUpload: Content { var bundle: File? }

    /// A STIX bundle uploaded from the page: imported object by object, with a summary of what was skipped and why.
    @Sendable func importBundle(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let ctx = try await req.pageContext()
        guard let file = try? req.content.decode(ImportUpload.self).bundle, file.data.readableBytes > 0 else {
            return ReportView.importPage(ctx, try CommunityCard(community), summary: nil, error: ctx.t("stix.import.choose-file"), status: .unprocessableEntity)
        }
        do {
            let summary = try await StixImporter.run(Data(buffer: file.data), into: community, authorID: person.personID,
                                                     organisationID: person.organisationID, now: req.now, on: req.db)
            return ReportView.importPage(ctx, try CommunityCard(community), summary: summary, error: nil)
        } catch let abort as AbortError where abort.status.code < 500 {
            return ReportView.importPage(ctx, try CommunityCard(community), summary: nil, error: abort.reason, status: abort.status)
        }
    }

    struct StatusForm: Content { var status: String? }

    /// The report named by `:reportID`, for its author or the community's facilitator (403 for others who see it).
    static func ownReport(_ req: Request) async throws -> ThreatReport {
        try await ownReport(req, person: try req.requirePerson())
    }

    static func ownReport(_ req: Request, person: SignedIn) async throws -> ThreatReport {
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        let standing = try await CommunityStandings.standing(of: person, in: report.community, on: req.db)
        guard ReportEdits.canEdit(report, person: person, standing: standing) else {
            throw Abort(.forbidden, reason: req.t("error.report-status-who"))
        }
        return report
    }

    /// The author or the community's facilitator says where things stand: open, being watched, resolved.
    @Sendable func changeStatus(req: Request) async throws -> Response {
        let report = try await Self.ownReport(req)
        guard let status = ThreatReport.Status(rawValue: try req.content.decode(StatusForm.self).status ?? "") else {
            throw ValidationFailure(field: "status", key: "error.choose-one")
        }
        report.status = status
        report.modifiedAt = req.now
        try await report.update(on: req.db)
        return req.seeOther(SiteURL.report(try report.requireID()).path, flash: "flash.report-status-changed")
    }

    /// Shared by mistake (our own address, the wrong community): the author or the facilitator takes the
    /// report back. Its comments and links go with it; indicators other reports name stay.
    @Sendable func withdraw(req: Request) async throws -> Response {
        let report = try await Self.ownReport(req)
        let slug = report.community.slug
        let reportID = try report.requireID()
        try await req.db.transaction { tx in
            try await report.delete(on: tx)
            try await SearchIndex.remove(ref: reportID, on: tx)
            try await ThreatDataVersion.bump(on: tx)
        }
        return req.seeOther(SiteURL.communityThreats(slug).path, flash: "flash.report-withdrawn")
    }

    struct CommentForm: Content { var body: String? }

    @Sendable func comment(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        let reportID = try report.requireID()
        // Commenting is taking part: only people who may see the community's content, while it is open.
        let standing = try await CommunityStandings.standing(of: person, in: report.community, on: req.db)
        guard CommunityAccess.canParticipate(standing) else { throw Abort(.forbidden, reason: req.t("error.report-comment-members")) }
        var problems = ProblemList()
        let body = problems.text("body", try req.content.decode(CommentForm.self).body, maxLength: 10_000)
        do {
            try problems.throwIfAny()
            try await ReportComment(reportID: reportID, authorID: person.personID, body: body, createdAt: req.now).create(on: req.db)
            return req.seeOther(SiteURL.report(reportID).path + "#comments", flash: "flash.comment-added")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return ReportView.show(ctx, try await ReportPage.build(report, scope: scope, req: req), errors: failure.messages(ctx.localiser),
                                   status: .unprocessableEntity)
        }
    }
}

/// One line of the threat feed.
struct ReportRow: Sendable {
    let id: UUID
    let title: String
    let kind: ThreatReport.Kind
    let tlp: TLP
    let author: String?
    let organisation: String?
    let anonymous: Bool
    let createdAt: Date
    let indicators: Int

    init(_ r: ThreatReport, scope: ReportScope, indicators: Int) {
        id = r.id ?? UUID(); title = r.title; kind = r.kind; tlp = r.tlp; createdAt = r.createdAt
        anonymous = r.anonymous
        self.indicators = indicators
        let named = scope.canSeeAuthor(r)
        author = named ? r.author.displayName : nil
        organisation = named ? r.organisation?.name : nil
    }
}

/// What a report's page shows, all counted through the viewer's scope.
struct ReportPage: Sendable {
    let row: ReportRow
    let report: ThreatReport
    let card: CommunityCard
    let canChangeStatus: Bool
    let recipients: [String]
    let indicators: [IndicatorSummary]
    let warnings: [UUID: String]
    struct Comment: Sendable { let id: UUID; let author: String; let at: Date; let body: String; let edited: Bool; let canEdit: Bool }
    let comments: [Comment]
    let edited: Bool
    let canComment: Bool
    let canSight: Bool

    static func build(_ report: ThreatReport, scope: ReportScope, req: Request) async throws -> ReportPage {
        let reportID = try report.requireID()
        try await report.$author.load(on: req.db)
        try await report.$organisation.load(on: req.db)
        let ids = try await ReportIndicator.query(on: req.db).filter(\.$report.$id == reportID).all(\.$indicator.$id)
        let summaries = try await IndicatorFacts.summaries(indicatorIDs: ids, scope: scope, now: req.now, on: req.db)
        let warningList = try await IndicatorFacts.warningList(req.application, community: report.$community.id, on: req.db)
        var warnings: [UUID: String] = [:]
        for (id, s) in summaries { warnings[id] = warningList.reason(for: s.value) }
        var recipients: [String] = []
        if report.tlp == .red {
            let people = try await ReportRecipient.query(on: req.db).filter(\.$report.$id == reportID).all(\.$person.$id)
            recipients = try await Person.query(on: req.db).filter(\.$id ~~ people).sort(\.$displayName).all(\.$displayName)
        }
        let standing = try await CommunityStandings.standing(of: req.signedIn, in: report.community, on: req.db)
        let viewer = req.signedIn?.personID
        let comments = try await ReportComment.query(on: req.db).filter(\.$report.$id == reportID).sort(\.$createdAt).with(\.$author).all()
            .map { Comment(id: $0.id ?? UUID(), author: $0.author.displayName, at: $0.createdAt, body: $0.body, edited: $0.editedAt != nil,
                           canEdit: ReportEdits.canEditComment(authorID: $0.$author.id, viewerID: viewer, standing: standing)) }
        let edited = try await ReportRevision.query(on: req.db).filter(\.$report.$id == reportID).count() > 0
        let canChangeStatus = report.$author.id == req.signedIn?.personID || CommunityAccess.canFacilitate(standing)
        return ReportPage(row: ReportRow(report, scope: scope, indicators: ids.count), report: report, card: try CommunityCard(report.community),
                          canChangeStatus: canChangeStatus,
                          recipients: recipients,
                          indicators: summaries.values.sorted { ($0.value.type.rawValue, $0.value.value) < ($1.value.type.rawValue, $1.value.value) },
                          warnings: warnings, comments: comments, edited: edited, canComment: CommunityAccess.canParticipate(standing),
                          canSight: CommunityAccess.canParticipate(standing))
    }
}
