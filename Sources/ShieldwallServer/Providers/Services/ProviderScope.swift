import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Which directory entries a person may see (`ProviderAccess`): approved ones for everyone signed in, a pending
/// proposal for the person who made it and for curators. Every read of providers goes through here.
enum ProviderScope {
    /// Whether `person` facilitates an active community: facilitators curate the directory with the operator.
    static func facilitates(_ person: SignedIn, on db: any Database) async throws -> Bool {
        let communities = try await CommunityPerson.query(on: db).filter(\.$person.$id == person.personID)
            .filter(\.$status == ParticipationStatus.active).filter(\.$role == CommunityRole.facilitator).values(\.$community.$id)
        guard !communities.isEmpty else { return false }
        return try await Community.query(on: db).filter(\.$id ~~ communities).filter(\.$status == Community.Status.active).count() > 0
    }

    static func canCurate(_ person: SignedIn, on db: any Database) async throws -> Bool {
        if person.viewer.isOperator { return true }
        return ProviderAccess.canCurate(person.viewer, facilitates: try await facilitates(person, on: db))
    }

    static let pageSize = 50

    /// Approved entries, by name, optionally offering `service`; `page` counts from 1.
    static func approved(offering service: ProviderService?, page: Int, on db: any Database) async throws -> (rows: [Provider], more: Bool) {
        var query = Provider.query(on: db).filter(\.$status == Provider.Status.approved)
        if let service { query = query.filter(\.$servicesText ~~ ("," + service.rawValue + ",")) }
        let rows = try await query.sort(\.$name).range(((page - 1) * pageSize)..<(page * pageSize + 1)).all()
        return (Array(rows.prefix(pageSize)), rows.count > pageSize)
    }

    /// Proposals waiting for a decision: all of them for a curator, one's own otherwise.
    static func pending(for person: SignedIn, curator: Bool, on db: any Database) async throws -> [Provider] {
        var query = Provider.query(on: db).filter(\.$status == Provider.Status.pending)
        if !curator { query = query.filter(\.$proposedBy.$id == person.personID) }
        return try await query.sort(\.$createdAt).limit(200).all()
    }

    /// The entry named by `:providerID` if the person may see it, else 404.
    static func load(_ req: Request, person: SignedIn) async throws -> (Provider, curator: Bool) {
        guard let id = req.parameters.get(.providerID, as: UUID.self), let provider = try await Provider.find(id, on: req.db)
        else { throw Abort(.notFound, reason: req.t("providers.error.not-found")) }
        let curator = try await canCurate(person, on: req.db)
        if provider.status == .pending,
           !ProviderAccess.canSeePending(person.viewer, proposedBy: provider.$proposedBy.id?.uuidString ?? "", facilitates: curator) {
            throw Abort(.notFound, reason: req.t("providers.error.not-found"))
        }
        return (provider, curator)
    }
}

extension ProviderScope {
    /// The review `firm` wrote of `provider`, if any.
    static func review(of provider: UUID, by firm: UUID, on db: any Database) async throws -> ProviderReview? {
        try await ProviderReview.query(on: db).filter(\.$provider.$id == provider).filter(\.$organisation.$id == firm).first()
    }

    /// A provider's reviews, newest first, with their firms.
    static func reviews(of provider: UUID, on db: any Database) async throws -> [ProviderReview] {
        try await ProviderReview.query(on: db).filter(\.$provider.$id == provider).with(\.$organisation).sort(\.$updatedAt, .descending).all()
    }

    /// The firms taking part in an active community with `person` (through the person's firm or in their own
    /// name, as an expert or facilitator): the firms whose names their reviews show to this person.
    static func firmsSharingACommunity(with person: SignedIn, on db: any Database) async throws -> Set<UUID> {
        var communities = Set(try await CommunityPerson.query(on: db).filter(\.$person.$id == person.personID)
            .filter(\.$status == ParticipationStatus.active).values(\.$community.$id))
        if let firm = person.organisationID {
            communities.formUnion(try await CommunityOrganisation.query(on: db).filter(\.$organisation.$id == firm)
                .filter(\.$status == ParticipationStatus.active).values(\.$community.$id))
        }
        return try await CommunityStandings.firms(takingPartIn: Array(communities), on: db)
    }
}

extension ProviderScope {
    /// Whether `person` answers for `provider`: a claim they took up and the operator has not ended.
    static func represents(_ person: SignedIn, provider: UUID, on db: any Database) async throws -> Bool {
        try await ProviderClaim.query(on: db).filter(\.$provider.$id == provider).filter(\.$person.$id == person.personID)
            .filter(\.$revokedAt == nil).first() != nil
    }

    /// The providers `person` answers for.
    static func represented(by person: SignedIn, on db: any Database) async throws -> Set<UUID> {
        Set(try await ProviderClaim.query(on: db).filter(\.$person.$id == person.personID).filter(\.$revokedAt == nil).values(\.$provider.$id))
    }

    /// The operator's list of a provider's claims, newest first.
    static func claims(of provider: UUID, on db: any Database) async throws -> [ProviderClaim] {
        try await ProviderClaim.query(on: db).filter(\.$provider.$id == provider).with(\.$person).sort(\.$createdAt, .descending).limit(50).all()
    }

    /// The review named by `:reviewID`, with its provider, if the person may see it: hidden ones only for their
    /// firm and the operator (404 otherwise, as for anything one may not see).
    static func loadReview(_ req: Request, person: SignedIn) async throws -> ProviderReview {
        guard let id = req.parameters.get(.reviewID, as: UUID.self),
              let review = try await ProviderReview.query(on: req.db).filter(\.$id == id).with(\.$provider).first(),
              review.provider.status == .approved,
              review.hiddenAt == nil || ProviderAccess.canSeeHidden(firm: review.$organisation.id.uuidString, viewer: person.viewer)
        else { throw Abort(.notFound, reason: req.t("providers.review.error.not-found")) }
        return review
    }

    /// The answers under `reviews`, by review.
    static func answers(to reviews: [UUID], on db: any Database) async throws -> [UUID: ProviderReviewAnswer] {
        guard !reviews.isEmpty else { return [:] }
        return Dictionary(try await ProviderReviewAnswer.query(on: db).filter(\.$review.$id ~~ reviews).all().map { ($0.$review.id, $0) },
                          uniquingKeysWith: { a, _ in a })
    }

    /// Which of `reviews` the person has reported.
    static func reported(by person: SignedIn, among reviews: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !reviews.isEmpty else { return [] }
        return Set(try await ProviderReviewReport.query(on: db).filter(\.$reporter.$id == person.personID).filter(\.$review.$id ~~ reviews)
            .values(\.$review.$id))
    }
}
