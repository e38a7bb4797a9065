import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `/api/v1` for threat sharing: reports, indicators, sightings, lookups and STIX exports — through the
/// same `ReportScope` and actions as the pages.
struct ThreatAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communityReports, use: list)
        routes.post(APIURL.communityReports, use: create)
        routes.get(APIURL.communityStix, use: communityStix)
        routes.get(APIURL.communityBlocklist, use: blocklist)
        routes.post(APIURL.communitySightings, bodyLimit: 1 << 20, use: sightBatch)
        routes.post(APIURL.communityStix, bodyLimit: StixImporter.maxBytes, use: importStix)
        routes.get(APIURL.report, use: show)
        routes.patch(APIURL.report, use: edit)
        routes.get(APIURL.reportHistory, use: history)
        routes.get(APIURL.reportStix, use: reportStix)
        routes.post(APIURL.indicatorsExtract, use: extract)
        routes.post(APIURL.indicatorsLookup, bodyLimit: 1 << 20, use: lookup)
        routes.get(APIURL.indicator, use: indicator)
        routes.post(APIURL.indicatorSightings, use: sight)
        routes.post(APIURL.indicatorRetraction, use: retract)
        routes.get(APIURL.sightings, use: sightings)
    }

    struct ReportDTO: Content {
        let id: UUID
        let stixId: String
        let community: String
        let kind: String
        let title: String
        let summary: String
        let narrative: String
        let whatHappened: String
        let impact: String
        let whatHelped: String
        let tlp: String
        let anonymous: Bool
        /// Null when the report is anonymous and the caller is not of the author's firm.
        let author: String?
        let organisation: String?
        let status: String
        let createdAt: Date
        let indicators: [IndicatorDTO]?
    }

    struct IndicatorDTO: Content {
        let id: UUID
        let type: String
        let value: String
        let confidence: Int
        let reports: Int
        let reportingFirms: Int
        let sightings: Int
        let sightingFirms: Int
        let expertConfirmed: Bool
        let firstSeen: Date
        let expires: Date
        let retracted: Bool
        let warning: String?
        let url: String
    }

    static func dto(_ r: ThreatReport, scope: ReportScope, indicators: [IndicatorDTO]?) throws -> ReportDTO {
        let named = scope.canSeeAuthor(r)
        return ReportDTO(id: try r.requireID(), stixId: r.stixID, community: r.community.slug, kind: r.kind.rawValue, title: r.title, summary: r.summary,
                         narrative: r.narrative, whatHappened: r.whatHappened, impact: r.impact, whatHelped: r.whatHelped, tlp: r.tlp.label,
                         anonymous: r.anonymous, author: named ? r.author.displayName : nil, organisation: named ? r.organisation?.name : nil,
                         status: r.status.rawValue, createdAt: r.createdAt, indicators: indicators)
    }

    static func dto(_ s: IndicatorSummary, warnings: WarningList, base: String) -> IndicatorDTO {
        let id = s.id
        return IndicatorDTO(id: id, type: s.value.type.rawValue, value: s.value.value, confidence: s.confidence, reports: s.reportIDs.count,
                            reportingFirms: s.reportingFirms.count, sightings: s.sightings, sightingFirms: s.sightingFirms.count,
                            expertConfirmed: s.expertConfirmed, firstSeen: s.firstSeen, expires: s.expires, retracted: s.retracted,
                            warning: warnings.reason(for: s.value), url: base + SiteURL.indicator(id).path)
    }

    static func content(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn) {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(CommunityAccess.canSeeContent(standing))
        return (community, standing, person)
    }

    @Sendable func list(req: Request) async throws -> CursorPage<ReportDTO> {
        let (community, _, person) = try await Self.content(req)
        let scope = try await ReportScope.of(person, req)
        let query = scope.reports(on: req.db).filter(\.$community.$id == (try community.requireID()))
            .with(\.$author).with(\.$organisation).with(\.$community)
        return try await PageRequest(req).fetch(query) { try Self.dto($0, scope: scope, indicators: nil) }.response
    }

    struct CreateBody: Content {
        var kind: String?
        var title: String?
        var summary: String?
        var narrative: String?
        var whatHappened: String?
        var impact: String?
        var whatHelped: String?
        var tlp: String?
        var anonymous: Bool?
        var status: String?
        var recipients: [UUID]?
        var indicators: [String]?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.content(req)
        guard CommunityAccess.canParticipate(standing) else { throw Refusal(.forbidden, "error.community-archived") }
        let body = try req.content.decode(CreateBody.self)
        let report = try await ReportActions.publish(.init(
            kind: body.kind, title: body.title, summary: body.summary, narrative: body.narrative, whatHappened: body.whatHappened,
            impact: body.impact, whatHelped: body.whatHelped, tlp: body.tlp, anonymous: body.anonymous ?? false, status: body.status,
            recipients: body.recipients ?? [], indicators: body.indicators ?? []), in: community, by: person, ctx: ActionContext(req))
        let detail = try await detail(req, report.requireID(), person: person)
        let response = try await detail.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.report(detail.id).path)
        return response
    }

    func detail(_ req: Request, _ id: UUID?, person: SignedIn) async throws -> ReportDTO {
        let scope = try await ReportScope.of(person, req)
        let report = try await scope.report(id, on: req.db, req)
        try await report.$author.load(on: req.db)
        try await report.$organisation.load(on: req.db)
        let ids = try await ReportIndicator.query(on: req.db).filter(\.$report.$id == report.requireID()).values(\.$indicator.$id)
        let summaries = try await IndicatorFacts.summaries(indicatorIDs: ids, scope: scope, now: req.now, on: req.db)
        let warnings = IndicatorFacts.warningList(req.application), base = req.shieldwall.configuration.baseURL
        return try Self.dto(report, scope: scope, indicators: summaries.values.sorted { $0.value.value < $1.value.value }
            .map { Self.dto($0, warnings: warnings, base: base) })
    }

    @Sendable func show(req: Request) async throws -> ReportDTO {
        try await detail(req, req.parameters.get(.reportID, as: UUID.self), person: try req.requireAPIPerson())
    }

    struct EditDTO: Content {
        let title: String?; let summary: String?; let narrative: String?; let whatHappened: String?; let impact: String?; let whatHelped: String?
    }

    /// The author or the facilitator corrects a report's words; fields left out stay as they are.
    @Sendable func edit(req: Request) async throws -> ReportDTO {
        let person = try req.requireAPIPerson()
        let report = try await ReportController.ownReport(req, person: person)
        let e = try req.content.decode(EditDTO.self)
        try await ReportEdits.edit(report, .init(title: e.title ?? report.title, summary: e.summary ?? report.summary,
                                                 narrative: e.narrative ?? report.narrative, whatHappened: e.whatHappened ?? report.whatHappened,
                                                 impact: e.impact ?? report.impact, whatHelped: e.whatHelped ?? report.whatHelped),
                                   by: person, ctx: ActionContext(req))
        return try await detail(req, report.id, person: person)
    }

    struct RevisionDTO: Content { let title: String; let summary: String; let narrative: String; let replacedAt: Date }

    @Sendable func history(req: Request) async throws -> [RevisionDTO] {
        let person = try req.requireAPIPerson()
        let report = try await ReportScope.of(person, req).report(req.parameters.get(.reportID, as: UUID.self), on: req.db, req)
        return try await ReportRevision.query(on: req.db).filter(\.$report.$id == (try report.requireID())).sort(\.$createdAt, .descending).all()
            .map { RevisionDTO(title: $0.title, summary: $0.summary, narrative: $0.narrative, replacedAt: $0.createdAt) }
    }

    @Sendable func reportStix(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        return try await StixExport.download(report: req.parameters.get(.reportID, as: UUID.self),
                                             scope: try await ReportScope.of(person, req), req: req)
    }

    @Sendable func communityStix(req: Request) async throws -> Response {
        let (community, _, person) = try await Self.content(req)
        return try await StixExport.download(community: community, scope: try await ReportScope.of(person, req), req: req)
    }

    /// The caller's view of the community blocklist (what `shieldwall scan --server` reads), with ETag.
    @Sendable func blocklist(req: Request) async throws -> Response {
        let (community, _, person) = try await Self.content(req)
        let format = try Blocklist.format(req)
        let scope = try await ReportScope.of(person, req)
        let entry = try await Blocklist.rendered(req, try Blocklist.Subject(community), scope: scope, filter: try Blocklist.filter(req), format: format)
        return Blocklist.response(req, entry, format: format, name: "\(community.slug)-blocklist")
    }

    /// A STIX bundle as the request body, imported object by object into the community.
    /// A bundle up to the inline size is imported at once (200 with the summary); a larger one is handed to the
    /// background job (202 with a pending TAXII status, its address in `Location`).
    @Sendable func importStix(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.content(req)
        guard CommunityAccess.canParticipate(standing) else { throw Refusal(.forbidden, "error.community-archived") }
        guard let body = req.body.data, body.readableBytes > 0 else { throw Refusal(.badRequest, "stix.error.empty-body") }
        let data = Data(buffer: body)
        guard data.count > req.shieldwall.configuration.importInlineBytes else {
            return try await StixImporter.run(data, into: community, authorID: person.personID, organisationID: person.organisationID,
                                              now: req.now, localiser: req.localiser, on: req.db).encodeResponse(for: req)
        }
        let job = try await StixImportJobs.handOver(data, into: community,
                                                    by: .init(personID: person.personID, organisationID: person.organisationID),
                                                    now: req.now, app: req.application, on: req.db)
        return TaxiiController.statusResponse(job.status, id: job.id, req)
    }

    struct ExtractBody: Content { var text: String? }

    struct ExtractedDTO: Content {
        let type: String
        let value: String
        let notes: [String]
    }

    /// Finds indicators in pasted text without sharing anything (the review step of the pages).
    @Sendable func extract(req: Request) async throws -> [ExtractedDTO] {
        _ = try req.requireAPIPerson()
        guard let text = try req.content.decode(ExtractBody.self).text else { throw ValidationFailure(field: "text", key: "error.required") }
        switch IndicatorExtractor.extract(text, warnings: IndicatorFacts.warningList(req.application)) {
        case .success(let found):
            let english = req.shieldwall.catalogues.localiser(for: CatalogueSet.baseLanguage)
            return found.map { f in
                ExtractedDTO(type: f.indicator.type.rawValue, value: f.indicator.value,
                             notes: f.notes.map { IndicatorMessages.note($0, english) })
            }
        case .failure(.textTooLong(let limit)): throw ValidationFailure(field: "text", key: "error.too-long", values: ["max": String(limit)])
        case .failure(.tooManyIndicators(let limit)): throw ValidationFailure(field: "text", key: "error.too-many-indicators", values: ["max": String(limit)])
        }
    }

    struct LookupBody: Content { var values: [String]? }

    struct LookupDTO: Content {
        let value: String
        let normalised: String?
        let known: Bool
        let indicator: IndicatorDTO?
        let tlp: String?
        let reports: [String]
        let problem: String?
    }

    static let lookupLimit = 1_000

    /// What a lookup says of one normalised value, for one viewer (kept in `ThreatCaches.lookups`).
    struct LookupAnswer: Sendable {
        let indicator: IndicatorDTO?
        let tlp: String?
        let reports: [String]
    }

    /// Which of up to 1,000 values are known, counted only over what the caller may see.
    @Sendable func lookup(req: Request) async throws -> [LookupDTO] {
        let person = try req.requireAPIPerson()
        guard let values = try req.content.decode(LookupBody.self).values else { throw ValidationFailure(field: "values", key: "error.required") }
        guard values.count <= Self.lookupLimit else {
            throw ValidationFailure(field: "values", key: "error.too-many-indicators", values: ["max": String(Self.lookupLimit)])
        }
        let scope = try await ReportScope.of(person, req)
        let normalised = values.map { IndicatorValue.normalise($0) }
        let stamp = ThreatCaches.stamp(try await req.dataVersions()), cache = req.application.threatCaches.lookups
        let viewer = scope.cacheKey + "#"
        func key(_ value: IndicatorValue) -> String { viewer + value.type.rawValue + ":" + value.value }
        var answers: [IndicatorValue: LookupAnswer] = [:], missing: [IndicatorValue] = []
        for value in Set(normalised.compactMap { try? $0.get() }) {
            if let answer = cache.get(key(value), stamp: stamp, now: req.now) { answers[value] = answer } else { missing.append(value) }
        }
        for (value, answer) in try await Self.answers(missing, scope: scope, req: req) {
            answers[value] = answer
            cache.store(answer, for: key(value), stamp: stamp, now: req.now)
        }
        let english = req.shieldwall.catalogues.localiser(for: CatalogueSet.baseLanguage)
        return zip(values, normalised).map { raw, result in
            switch result {
            case .failure(let problem):
                return LookupDTO(value: raw, normalised: nil, known: false, indicator: nil, tlp: nil, reports: [],
                                 problem: english.text(IndicatorMessages.key(problem), ["n": "", "value": String(raw.prefix(80))]))
            case .success(let value):
                let answer = answers[value]
                return LookupDTO(value: raw, normalised: value.value, known: answer?.indicator != nil, indicator: answer?.indicator,
                                 tlp: answer?.tlp, reports: answer?.reports ?? [], problem: nil)
            }
        }
    }

    /// Looks values up in the database, counted over what the scope may see; unknown ones answer with no indicator.
    static func answers(_ wanted: [IndicatorValue], scope: ReportScope, req: Request) async throws -> [IndicatorValue: LookupAnswer] {
        guard !wanted.isEmpty else { return [:] }
        var rows: [IndicatorValue: Indicator] = [:]
        for (type, values) in Dictionary(grouping: wanted, by: \.type) {
            for start in stride(from: 0, to: values.count, by: 500) {
                let batch = values[start..<min(start + 500, values.count)]
                for row in try await Indicator.query(on: req.db).filter(\.$type == type).filter(\.$value ~~ batch.map(\.value)).all() {
                    rows[row.indicatorValue] = row
                }
            }
        }
        let summaries = try await IndicatorFacts.summaries(indicatorIDs: rows.values.compactMap(\.id), scope: scope, now: req.now, on: req.db)
        var reportTLP: [UUID: TLP] = [:]
        let reportIDs = Array(Set(summaries.values.flatMap(\.reportIDs)))
        if !reportIDs.isEmpty {
            for r in try await scope.reports(on: req.db).filter(\.$id ~~ reportIDs).all() { reportTLP[try r.requireID()] = r.tlp }
        }
        let warnings = IndicatorFacts.warningList(req.application), base = req.shieldwall.configuration.baseURL
        var answers: [IndicatorValue: LookupAnswer] = [:]
        for value in wanted {
            guard let id = rows[value]?.id, let s = summaries[id] else {
                answers[value] = LookupAnswer(indicator: nil, tlp: nil, reports: [])
                continue
            }
            answers[value] = LookupAnswer(indicator: dto(s, warnings: warnings, base: base), tlp: s.reportIDs.compactMap { reportTLP[$0] }.min()?.label,
                                          reports: s.reportIDs.map { base + SiteURL.report($0).path }.sorted())
        }
        return answers
    }

    @Sendable func indicator(req: Request) async throws -> IndicatorDTO {
        let person = try req.requireAPIPerson()
        let scope = try await ReportScope.of(person, req)
        let s = try await IndicatorFacts.visible(req.parameters.get(.indicatorID, as: UUID.self), scope: scope, req: req)
        return Self.dto(s, warnings: IndicatorFacts.warningList(req.application), base: req.shieldwall.configuration.baseURL)
    }

    struct RetractionBody: Content { var reason: String? }

    /// A false positive (experts and facilitators): out of every blocklist, and out of what peers pull, at once.
    @Sendable func retract(req: Request) async throws -> IndicatorDTO {
        let person = try req.requireAPIPerson()
        let scope = try await ReportScope.of(person, req)
        let s = try await IndicatorFacts.visible(req.parameters.get(.indicatorID, as: UUID.self), scope: scope, req: req)
        try await IndicatorActions.retract(s.id, reason: try req.content.decode(RetractionBody.self).reason, by: person, scope: scope,
                                           ctx: ActionContext(req))
        let retracted = try await IndicatorFacts.visible(s.id, scope: scope, req: req)
        return Self.dto(retracted, warnings: IndicatorFacts.warningList(req.application), base: req.shieldwall.configuration.baseURL)
    }

    struct SightingBody: Content {
        var community: String?
        var count: Int?
        var firstSeen: Date?
        var lastSeen: Date?
        var source: String?
    }

    struct SightingDTO: Content {
        let id: UUID
        let indicatorId: UUID
        let value: String
        let community: String
        let count: Int
        let firstSeen: Date
        let lastSeen: Date
        let source: String
    }

    @Sendable func sight(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let scope = try await ReportScope.of(person, req)
        let s = try await IndicatorFacts.visible(req.parameters.get(.indicatorID, as: UUID.self), scope: scope, req: req)
        let id = s.id
        let body = try req.content.decode(SightingBody.self)
        var communityID: UUID?
        if let ref = body.community {
            communityID = UUID(uuidString: ref)
            if communityID == nil { communityID = try await Community.query(on: req.db).filter(\.$slug == ref).first()?.id }
        }
        let sighting = try await IndicatorActions.sight(s.id, .init(
            community: communityID, count: body.count, firstSeen: body.firstSeen, lastSeen: body.lastSeen,
            source: body.source == "scan" ? .scan : .api), by: person, scope: scope, ctx: ActionContext(req))
        try await sighting.$community.load(on: req.db)
        return try await SightingDTO(id: sighting.requireID(), indicatorId: id, value: s.value.value, community: sighting.community.slug,
                                     count: sighting.count, firstSeen: sighting.firstSeen, lastSeen: sighting.lastSeen, source: sighting.source.rawValue)
            .encodeResponse(status: .created, for: req)
    }

    struct SightingBatchBody: Content {
        var source: String?
        var sightings: [SightingBatch.Item]?
    }

    /// Many values seen in one community (what `shieldwall scan` sends back): counted in one go.
    @Sendable func sightBatch(req: Request) async throws -> SightingBatch.Outcome {
        let (community, standing, person) = try await Self.content(req)
        guard CommunityAccess.canParticipate(standing) else { throw Refusal(.forbidden, "error.community-archived") }
        let body = try req.content.decode(SightingBatchBody.self)
        return try await SightingBatch.record(body.sightings ?? [], in: community, source: body.source == "scan" ? .scan : .api, by: person,
                                              scope: try await ReportScope.of(person, req), ctx: ActionContext(req))
    }

    /// The caller's firm's own sightings.
    @Sendable func sightings(req: Request) async throws -> CursorPage<SightingDTO> {
        let person = try req.requireAPIPerson()
        var query = Sighting.query(on: req.db).with(\.$indicator).with(\.$community)
        if let org = person.organisationID { query = query.filter(\.$organisation.$id == org) } else { query = query.filter(\.$person.$id == person.personID) }
        return try await PageRequest(req).fetch(query) {
            SightingDTO(id: try $0.requireID(), indicatorId: $0.$indicator.id, value: $0.indicator.value, community: $0.community.slug,
                        count: $0.count, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen, source: $0.source.rawValue)
        }.response
    }
}
