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
        routes.post(SiteURL.reportAction, use: addAction)
        routes.post(SiteURL.reportComments, use: comment)
        routes.post(SiteURL.reportStatus, use: changeStatus)
        routes.post(SiteURL.reportWithdraw, use: withdraw)
        routes.get(SiteURL.reportStix, use: reportStix)
        routes.get(SiteURL.communityStix, use: communityStix)
        routes.get(SiteURL.communityStixImport, use: importForm)
        routes.post(SiteURL.communityStixImport, bodyLimit: StixImporter.maxBytes, use: importBundle)
        routes.get(SiteURL.communityStixImportStatus, use: importStatus)
    }

    @Sendable func feed(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let filter = ThreatFeedPage.Filter(kind: req.query[String.self, at: "kind"].flatMap(ThreatReport.Kind.init(rawValue:)),
                                           tlp: req.query[String.self, at: "tlp"].flatMap(TLP.init(label:)),
                                           words: (req.query[String.self, at: "q"] ?? "").trimmingWhitespace())
        let page = try await ThreatFeedPage.build(community, standing: standing, scope: try await ReportScope.of(person, req), filter: filter,
                                                  on: req.db)
        return ReportView.feed(try await req.pageContext(), page)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        // A draft another page prepared (the security dashboard's "warn your community"): filled in, nothing sent.
        var form = ReportForm(kind: "phishing", tlp: TLP.amber.rawValue)
        if let kind = req.query[String.self, at: "kind"], ThreatReport.Kind(rawValue: kind) != nil { form.kind = kind }
        if let tlp = req.query[String.self, at: "tlp"], TLP(rawValue: tlp) != nil { form.tlp = tlp }
        form.title = req.query[String.self, at: "title"].map { String($0.prefix(200)) }
        form.summary = req.query[String.self, at: "summary"].map { String($0.prefix(2_000)) }
        form.paste = req.query[String.self, at: "paste"].map { String($0.prefix(10_000)) }
        return try await Self.form(req, community, person, form, found: nil, errors: [:])
    }

    static func form(_ req: Request, _ community: Community, _ person: SignedIn, _ form: ReportForm, found: [IndicatorExtractor.Found]?,
                     errors: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let page = try await ReportFormPage.build(community, author: person, form: form, found: found, errors: errors, on: req.db)
        return ReportView.form(try await req.pageContext(), page, status: status)
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
        let page = try await ReportPage.build(report, scope: scope, viewer: person, app: req.application, on: req.db, now: req.now)
        return ReportView.show(try await req.pageContext(), page)
    }

    /// An advisory goes into the firm's action list (its admin), once.
    @Sendable func addAction(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        let standing = try await CommunityStandings.standing(of: person, in: try await report.$community.get(on: req.db), on: req.db)
        try await AdvisoryActions.add(report, standing: standing, by: person, links: req.shieldwall.links.advisoryFollowUps, localiser: req.localiser,
                                      ctx: ActionContext(req))
        return req.seeOther(SiteURL.report(try report.requireID()).path, flash: "flash.advisory-action-added")
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
        return ReportView.importPage(try await req.pageContext(), StixImportPage(card: try CommunityCard(community), summary: nil, error: nil))
    }

    struct ImportUpload: Content { var bundle: File? }

    /// A STIX bundle uploaded from the page: imported object by object, with a summary of what was skipped and why.
    @Sendable func importBundle(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let ctx = try await req.pageContext()
        guard let file = try? req.content.decode(ImportUpload.self).bundle, file.data.readableBytes > 0 else {
            return ReportView.importPage(ctx, StixImportPage(card: try CommunityCard(community), summary: nil, error: ctx.t("stix.import.choose-file")),
                                         status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        do {
            guard data.count <= req.shieldwall.configuration.importInlineBytes else {
                // As the API does: a large bundle goes to the background job, and its page shows how it went.
                let job = try await StixImportJobs.handOver(data, into: community,
                                                            by: .init(personID: person.personID, organisationID: person.organisationID),
                                                            now: req.now, app: req.application, on: req.db)
                return req.redirect(to: SiteURL.communityStixImportStatus(community.slug, job.id).path, redirectType: .normal)
            }
            let summary = try await StixImporter.run(data, into: community, authorID: person.personID,
                                                     organisationID: person.organisationID, now: req.now, localiser: ctx.localiser, on: req.db)
            return ReportView.importPage(ctx, StixImportPage(card: try CommunityCard(community), summary: summary, error: nil))
        } catch let abort as AbortError where abort.status.code < 500 {
            return ReportView.importPage(ctx, StixImportPage(card: try CommunityCard(community), summary: nil, error: abort.message(ctx.localiser)), status: abort.status)
        }
    }

    /// How a bundle handed to the background job went, for the person who uploaded it (404 for anyone else).
    @Sendable func importStatus(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        guard let id = req.parameters.get(.statusID, as: UUID.self),
              let status = try await TaxiiStatus.query(on: req.db).filter(\.$id == id).filter(\.$person.$id == person.personID).first()
        else { throw Abort(.notFound) }
        return ReportView.importStatusPage(try await req.pageContext(), try StixImportStatusPage(card: CommunityCard(community), status: status))
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
        report.addedAt = req.now
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
            var page = try await ReportPage.build(report, scope: scope, viewer: person, app: req.application, on: req.db, now: req.now)
            page.errors = failure.messages(ctx.localiser)
            return ReportView.show(ctx, page, status: .unprocessableEntity)
        }
    }
}
