import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// One directory entry as lists and its page show it.
struct ProviderCard: Sendable {
    let id: UUID
    let name: String
    let website: String
    let services: [ProviderService]
    let area: String
    let clientSizes: [ClientSize]
    let certifications: [Certification]
    let pending: Bool

    init(_ p: Provider) throws {
        id = try p.requireID()
        name = p.name
        website = p.website
        services = p.services
        area = p.area
        clientSizes = p.clientSizes
        certifications = p.certifications
        pending = p.status == .pending
    }
}

/// The directory: approved providers (filtered by service, paged), proposals waiting for a decision.
struct ProvidersPage: Sendable {
    let service: ProviderService?
    /// The furthest page asked for; the pages clamp to it, the API refuses beyond it.
    static let maxPage = 10_000
    let page: Int
    let rows: [ProviderCard]
    let more: Bool
    let pending: [ProviderCard]
    let curator: Bool

    struct Query: Content {
        var service: String?
        var page: Int?
    }

    static func build(_ person: SignedIn, query: Query, on db: any Database) async throws -> ProvidersPage {
        let service = query.service.flatMap(ProviderService.init(rawValue:))
        let page = max(1, min(query.page ?? 1, maxPage))
        let curator = try await ProviderScope.canCurate(person, on: db)
        let (rows, more) = try await ProviderScope.approved(offering: service, page: page, on: db)
        return ProvidersPage(service: service, page: page, rows: try rows.map(ProviderCard.init), more: more,
                             pending: try await ProviderScope.pending(for: person, curator: curator, on: db).map(ProviderCard.init), curator: curator)
    }
}

/// Proposing a provider, or a curator correcting one (`editing`).
struct ProviderFormPage: Sendable {
    var form = ProviderForm()
    var errors: [String: String] = [:]
    let curator: Bool
    var editing: (id: UUID, name: String)?
}

struct ProviderForm: Content {
    var name: String?
    var website: String?
    var services: [String]?
    var area: String?
    var client_sizes: [String]?
    var certifications: String?

    var words: ProviderActions.Words {
        .init(name: name, website: website, services: services ?? [], area: area, clientSizes: client_sizes ?? [], certifications: certifications)
    }
}

extension ProviderForm {
    init(_ c: ProviderCard) {
        self.init(name: c.name, website: c.website, services: c.services.map(\.rawValue), area: c.area, client_sizes: c.clientSizes.map(\.rawValue),
                  certifications: c.certifications.map(\.name).joined(separator: "\n"))
    }
}

/// One provider: what the directory says, its scores once enough firms reviewed it, the reviews (each firm named
/// only as `ProviderReviews.author` allows), and the viewer's firm's own review to write or edit.
struct ProviderPage: Sendable {
    struct Review: Sendable {
        let id: UUID
        let author: ProviderReviews.Author
        let ratings: [ProviderReviews.Rating: Int]
        let practice: [ProviderReviews.PracticeQuestion: ProviderReviews.Answer]
        let text: String
        let anonymous: Bool
        let updatedAt: Date
        let edited: Bool
        let own: Bool
        /// The provider's answer and when it was last written.
        let answer: (text: String, at: Date)?
        /// Set when the operator hid it: only its firm and the operator see it then.
        let hiddenReason: String?
        let reportedByViewer: Bool
    }

    /// One of the provider's claims, as the operator sees them.
    struct Claim: Sendable {
        let id: UUID
        let email: String
        let person: String?
        let state: ProviderClaim.State
    }

    let card: ProviderCard
    let proposedBy: String?
    let curator: Bool
    /// The operator marks certifications checked.
    let canVerify: Bool
    let scores: ProviderReviews.Scores
    let reviews: [Review]
    /// The firm's admin may write (or edit) the firm's review.
    let canReview: Bool
    let hasOwnReview: Bool
    /// The viewer answers reviews for this provider.
    let answersForProvider: Bool
    /// The operator invites people from the provider; nil for everyone else.
    let claims: [Claim]?
    var form: ReviewForm
    var errors: [String: String] = [:]
    /// Shown once to the operator after an invitation, and whether the mail went.
    var claimLink: (link: String, mailed: Bool)?

    static func build(_ provider: Provider, person: SignedIn, curator: Bool, on db: any Database, now: Date) async throws -> ProviderPage {
        let id = try provider.requireID()
        let all = try await ProviderScope.reviews(of: id, on: db)
        let rows = all.filter { $0.hiddenAt == nil || ProviderAccess.canSeeHidden(firm: $0.$organisation.id.uuidString, viewer: person.viewer) }
        let ids = rows.compactMap(\.id)
        let sharing = try await ProviderScope.firmsSharingACommunity(with: person, on: db)
        let answers = try await ProviderScope.answers(to: ids, on: db)
        let reported = try await ProviderScope.reported(by: person, among: ids, on: db)
        let k = try await InstanceSettings.load(on: db).benchmarkMinimumFirms
        let counted = all.filter { $0.hiddenAt == nil }
        let scores = ProviderReviews.scores(counted.map { .init(firm: $0.$organisation.id.uuidString, ratings: $0.ratings, practice: $0.practice) }, k: k)
        let reviews = try rows.map { r in
            let reviewID = try r.requireID()
            return Review(id: reviewID,
                   author: ProviderReviews.author(firm: r.$organisation.id.uuidString, firmName: r.organisation.name, anonymous: r.anonymous,
                                                  viewer: person.viewer, sharesCommunity: sharing.contains(r.$organisation.id)),
                   ratings: r.ratings, practice: r.practice, text: r.body, anonymous: r.anonymous, updatedAt: r.updatedAt,
                   edited: r.updatedAt.timeIntervalSince(r.createdAt) > 1, own: r.$organisation.id == person.organisationID,
                   answer: answers[reviewID].map { ($0.body, $0.updatedAt) },
                   hiddenReason: r.hiddenAt == nil ? nil : (r.hiddenReason ?? ""), reportedByViewer: reported.contains(reviewID))
        }
        let own = rows.first { $0.$organisation.id == person.organisationID }
        let represents = try await ProviderScope.represents(person, provider: id, on: db)
        let canReview = !represents && provider.status == .approved
            && person.organisationID.map { ProviderAccess.canReviewFor(firm: $0.uuidString, viewer: person.viewer) } == true
        let claims: [Claim]? = ProviderAccess.canInviteRepresentative(person.viewer)
            ? try await ProviderScope.claims(of: id, on: db).map { Claim(id: try $0.requireID(), email: $0.email, person: $0.person?.displayName, state: $0.state(at: now)) }
            : nil
        return ProviderPage(card: try ProviderCard(provider), proposedBy: try await provider.$proposedBy.get(on: db)?.displayName, curator: curator,
                            canVerify: ProviderAccess.canVerify(person.viewer),
                            scores: scores, reviews: reviews, canReview: canReview, hasOwnReview: own != nil, answersForProvider: represents,
                            claims: claims, form: own.map(ReviewForm.init) ?? ReviewForm())
    }
}

/// The review form as sent (`ratings[overall]=4`, `practice[uses-mfa]=yes`) and as the API sends it.
struct ReviewForm: Content {
    var ratings: [String: String]?
    var practice: [String: String]?
    var text: String?
    var anonymous: Bool?
    var uses_provider: Bool?

    init() {}

    init(_ review: ProviderReview) {
        ratings = Dictionary(uniqueKeysWithValues: review.ratings.map { ($0.key.rawValue, String($0.value)) })
        practice = Dictionary(uniqueKeysWithValues: review.practice.map { ($0.key.rawValue, $0.value.rawValue) })
        text = review.body
        anonymous = review.anonymous
        uses_provider = true
    }

    var words: ReviewActions.Words {
        .init(ratings: ratings ?? [:], practice: practice ?? [:], text: text, anonymous: anonymous ?? false, usesProvider: uses_provider ?? false)
    }
}

struct CertificationForm: Content {
    var name: String?
    var checked: Bool?
}

struct ProviderDecisionForm: Content {
    /// `approve` or `decline`.
    var decision: String?
}

struct AnswerForm: Content {
    var answer: String?
}

struct ReviewReportForm: Content {
    var reason: String?
    var note: String?
}

struct ModerationForm: Content {
    /// `hide`, `keep` or `restore`.
    var decision: String?
    var reason: String?
}

struct ClaimInviteForm: Content {
    var email: String?
}
