import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The provider directory through the API, with the same rules as the pages (`ProviderScope`, `ProviderActions`).
struct ProviderAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.providers, use: list)
        routes.post(APIURL.providers, use: propose)
        routes.get(APIURL.provider, use: show)
        routes.put(APIURL.provider, use: edit)
        routes.post(APIURL.providerCertification, use: verify)
        routes.post(APIURL.providerDecision, use: decide)
        routes.get(APIURL.providerReviews, use: reviews)
        routes.post(APIURL.providerReviews, use: writeReview)
        routes.put(APIURL.providerOwnReview, use: editReview)
        routes.put(APIURL.reviewAnswer, use: answer)
        routes.post(APIURL.reviewReport, use: report)
    }

    struct Entry: Content {
        let id: UUID
        let name: String
        let website: String
        let services: [String]
        let area: String
        let clientSizes: [String]
        let certifications: [Certification]
        /// `pending` or `approved`.
        let status: String

        init(_ c: ProviderCard) {
            id = c.id
            name = c.name
            website = c.website
            services = c.services.map(\.rawValue)
            area = c.area
            clientSizes = c.clientSizes.map(\.rawValue)
            certifications = c.certifications
            status = c.pending ? "pending" : "approved"
        }
    }

    struct Listing: Content {
        let providers: [Entry]
        let pending: [Entry]
        let nextPage: Int?
    }

    struct Proposal: Content {
        var name: String?
        var website: String?
        var services: [String]?
        var area: String?
        var clientSizes: [String]?
        var certifications: [String]?
    }

    struct Review: Content {
        let id: UUID
        /// The firm's name, or nil: "a member firm" (anonymous, or a firm the caller shares no community with).
        let firm: String?
        let ratings: [String: Int]
        let practice: [String: String]
        let text: String
        let own: Bool
        let updatedAt: Date
        /// The provider's answer, if it gave one.
        let answer: String?
        /// Set only for the firm's own review when the operator hid it.
        let hiddenReason: String?
    }

    struct Reviews: Content {
        let reviewingFirms: Int
        /// The k in force: scores show from this many reviewing firms.
        let threshold: Int
        /// Mean per rating; absent below the threshold.
        let scores: [String: Double]?
        let reviews: [Review]
    }

    static func reviews(_ page: ProviderPage) -> Reviews {
        let s = page.scores
        return Reviews(reviewingFirms: s.reviewingFirms, threshold: s.threshold,
                       scores: s.isShown ? Dictionary(uniqueKeysWithValues: s.averages.map { ($0.key.rawValue, $0.value) }) : nil,
                       reviews: page.reviews.map { r in
                           let firm: String? = if case .firm(let name) = r.author { name } else { nil }
                           return Review(id: r.id, firm: firm, ratings: Dictionary(uniqueKeysWithValues: r.ratings.map { ($0.key.rawValue, $0.value) }),
                                         practice: Dictionary(uniqueKeysWithValues: r.practice.map { ($0.key.rawValue, $0.value.rawValue) }),
                                         text: r.text, own: r.own, updatedAt: r.updatedAt, answer: r.answer?.text, hiddenReason: r.hiddenReason)
                       })
    }

    @Sendable func reviews(req: Request) async throws -> Reviews {
        let person = try req.requireAPIPerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        return Self.reviews(try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now))
    }

    @Sendable func writeReview(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        _ = try await ReviewActions.write(provider, try req.content.decode(ReviewBody.self).words, by: person, ctx: ActionContext(req))
        return try await Self.reviews(try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now))
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func editReview(req: Request) async throws -> Reviews {
        let person = try req.requireAPIPerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        guard let firm = person.organisationID, let own = try await ProviderScope.review(of: try provider.requireID(), by: firm, on: req.db)
        else { throw Refusal(.notFound, "providers.review.error.none") }
        try await ReviewActions.edit(own, try req.content.decode(ReviewBody.self).words, by: person, ctx: ActionContext(req))
        return Self.reviews(try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now))
    }

    struct AnswerBody: Content { var answer: String? }

    struct Answer: Content {
        let review: UUID
        let answer: String
        let updatedAt: Date
    }

    /// The provider's answer under a review, by one of its own people.
    @Sendable func answer(req: Request) async throws -> Answer {
        let person = try req.requireAPIPerson()
        let review = try await ProviderScope.loadReview(req, person: person)
        let saved = try await AnswerActions.answer(review, text: try req.content.decode(AnswerBody.self).answer, by: person, ctx: ActionContext(req))
        return Answer(review: try review.requireID(), answer: saved.body, updatedAt: saved.updatedAt)
    }

    /// Reporting a review to the operator: 204.
    @Sendable func report(req: Request) async throws -> HTTPStatus {
        let person = try req.requireAPIPerson()
        let review = try await ProviderScope.loadReview(req, person: person)
        let body = try req.content.decode(ReviewReportForm.self)
        try await ModerationActions.report(review, reason: body.reason, note: body.note, by: person, ctx: ActionContext(req))
        return .noContent
    }

    /// A review as the API sends it: ratings as numbers.
    struct ReviewBody: Content {
        var ratings: [String: Int]?
        var practice: [String: String]?
        var text: String?
        var anonymous: Bool?
        var usesProvider: Bool?

        var words: ReviewActions.Words {
            .init(ratings: (ratings ?? [:]).mapValues(String.init), practice: practice ?? [:], text: text, anonymous: anonymous ?? false,
                  usesProvider: usesProvider ?? false)
        }
    }

    @Sendable func list(req: Request) async throws -> Listing {
        let person = try req.requireAPIPerson()
        let query = try req.query.decode(ProvidersPage.Query.self)
        if let page = query.page, !(1...ProvidersPage.maxPage).contains(page) {
            throw Refusal(.badRequest, "providers.error.page", ["max": String(ProvidersPage.maxPage)])
        }
        if let service = query.service, ProviderService(rawValue: service) == nil {
            throw ValidationFailure(field: "service", key: "error.choose-one")
        }
        let page = try await ProvidersPage.build(person, query: query, on: req.db)
        return Listing(providers: page.rows.map(Entry.init), pending: page.pending.map(Entry.init), nextPage: page.more ? page.page + 1 : nil)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let provider = try await ProviderActions.propose(Self.words(try req.content.decode(Proposal.self)), by: person, curator: try await ProviderScope.canCurate(person, on: req.db),
                                                         ctx: ActionContext(req))
        return try await Entry(try ProviderCard(provider)).encodeResponse(status: .created, for: req)
    }

    /// A curator corrects an entry (the whole entry, as when proposing).
    @Sendable func edit(req: Request) async throws -> Entry {
        let person = try req.requireAPIPerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        try await ProviderActions.edit(provider, Self.words(try req.content.decode(Proposal.self)), curator: curator, ctx: ActionContext(req))
        return Entry(try ProviderCard(provider))
    }

    /// The operator has seen a certificate (`checked` true) or takes that back.
    @Sendable func verify(req: Request) async throws -> Entry {
        let person = try req.requireAPIPerson()
        let (provider, _) = try await ProviderScope.load(req, person: person)
        let body = try req.content.decode(CertificationForm.self)
        try await ProviderActions.verify(provider, certification: body.name, checked: body.checked ?? false, by: person, ctx: ActionContext(req))
        return Entry(try ProviderCard(provider))
    }

    static func words(_ body: Proposal) -> ProviderActions.Words {
        ProviderActions.Words(name: body.name, website: body.website, services: body.services ?? [], area: body.area,
                              clientSizes: body.clientSizes ?? [], certifications: (body.certifications ?? []).joined(separator: "\n"))
    }

    @Sendable func show(req: Request) async throws -> Entry {
        let person = try req.requireAPIPerson()
        return Entry(try ProviderCard(try await ProviderScope.load(req, person: person).0))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        let decision = try req.content.decode(ProviderDecisionForm.self).decision
        guard try await ProviderActions.decide(provider, decision: decision, curator: curator, by: person, ctx: ActionContext(req)) else {
            return Response(status: .noContent)
        }
        return try await Entry(try ProviderCard(provider)).encodeResponse(for: req)
    }
}
