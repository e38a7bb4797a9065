import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The one query scope for chapters (`ChapterAccess`): which chapter pages and public events a viewer may see, the
/// registration behind a visitor's link, and the player behind a request. Anything else is "not found".
enum ChapterScope {
    struct Chapter: Sendable {
        let community: Community
        let page: ChapterPage?
        /// Nil for visitors who are not signed in.
        let standing: CommunityStanding?

        var published: Bool { page?.published == true }
        var id: UUID { community.id ?? UUID() }
        var isOrganiser: Bool { ChapterAccess.canOrganise(standing) }
    }

    /// The city chapter named by `:slug`, when the viewer may see its public page; 404 otherwise (also for
    /// communities that are not chapters, or not running).
    static func publicChapter(_ req: Request) async throws -> Chapter {
        guard let slug = req.parameters.get(.slug),
              let community = try await Community.query(on: req.db).filter(\.$slug == slug).filter(\.$kind == .cityChapter).first(),
              community.status == .active || community.status == .archived
        else { throw Refusal(.notFound, "chapters.error.not-found") }
        let page = try await ChapterPage.query(on: req.db).filter(\.$community.$id == community.requireID()).first()
        let standing = try await req.signedIn.asyncFlatMap { try await CommunityStandings.standing(of: $0, in: community, on: req.db) }
        guard ChapterAccess.canSeePublicPage(published: page?.published == true, standing: standing) else {
            throw Refusal(.notFound, "chapters.error.not-found")
        }
        return Chapter(community: community, page: page, standing: standing)
    }

    /// The chapter of a community page (`/communities/:slug/chapter…`) for its organiser: 404 when the community is not
    /// a city chapter, 403 for anyone but its facilitator.
    static func organised(_ req: Request) async throws -> (Chapter, SignedIn) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        guard community.kind == .cityChapter else { throw Refusal(.notFound, "chapters.error.not-found") }
        try req.requireFacilitator(standing)
        let page = try await ChapterPage.query(on: req.db).filter(\.$community.$id == community.requireID()).first()
        return (Chapter(community: community, page: page, standing: standing), person)
    }

    /// A chapter's own pages for its people (mentoring, the talent pool): 404 when the community is not a city chapter
    /// or the viewer may not see its content.
    static func inside(_ req: Request) async throws -> (Chapter, SignedIn) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        guard community.kind == .cityChapter else { throw Refusal(.notFound, "chapters.error.not-found") }
        return (Chapter(community: community, page: nil, standing: standing), person)
    }

    /// `inside` for the API (a personal token): 401 without one, 404 for anyone who may not see the chapter's content.
    static func insideAPI(_ req: Request) async throws -> (Chapter, SignedIn) {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        guard community.kind == .cityChapter, CommunityAccess.canSeeContent(standing) else { throw Refusal(.notFound, "chapters.error.not-found") }
        return (Chapter(community: community, page: nil, standing: standing), person)
    }

    /// The same for the API (a personal token): 401 without one, 403 for the chapter's other people, 404 for anyone else.
    static func organisedAPI(_ req: Request) async throws -> Chapter {
        _ = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        guard community.kind == .cityChapter else { throw Refusal(.notFound, "chapters.error.not-found") }
        guard ChapterAccess.canOrganise(standing) else {
            throw standing.isActiveParticipant ? Refusal(.forbidden, "error.facilitators-only") : Refusal(.notFound, "error.community-not-found")
        }
        let page = try await ChapterPage.query(on: req.db).filter(\.$community.$id == community.requireID()).first()
        return Chapter(community: community, page: page, standing: standing)
    }

    /// A public event of `chapter` named by `:eventID`: 404 when it is not public (the organiser sees it anyway).
    static func publicEvent(_ req: Request, in chapter: Chapter) async throws -> (CommunityEvent, PublicEvent) {
        guard let eventID = req.parameters.get(.eventID, as: UUID.self),
              let event = try await CommunityEvent.query(on: req.db).filter(\.$id == eventID).filter(\.$community.$id == chapter.id).first(),
              let listing = try await PublicEvent.query(on: req.db).filter(\.$event.$id == eventID).with(\.$host).first(),
              chapter.published || chapter.isOrganiser
        else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        return (event, listing)
    }

    /// The public events of a chapter, soonest first, with their listings.
    static func publicEvents(of chapterID: UUID, on db: any Database) async throws -> [(CommunityEvent, PublicEvent)] {
        let listings = try await PublicEvent.query(on: db).filter(\.$community.$id == chapterID).with(\.$event).with(\.$host).all()
        return listings.map { ($0.event, $0) }.sorted { $0.0.startsAt < $1.0.startsAt }
    }

    /// The live registration behind a visitor's secret (confirm, cancel, play); nil once erased or unknown.
    static func registration(token: String, on db: any Database) async throws -> EventRegistration? {
        guard !token.isEmpty else { return nil }
        let digest = SecretToken.digest(of: token)
        return try await EventRegistration.query(on: db).group(.or) { $0.filter(\.$tokenDigest == digest).filter(\.$laterTokenDigest == digest) }
            .with(\.$event).first()
    }

    /// The cookie that remembers a visitor's registration for one event, set when they open their link.
    static func cookieName(event: UUID) -> String { "sw_reg_" + event.uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    /// Who is playing a capture-the-flag in this request: the signed-in person's player, else the visitor's
    /// (their registration's cookie). Nil for anyone else.
    static func player(_ req: Request, event: CommunityEvent) async throws -> CTFPlayer? {
        let eventID = try event.requireID()
        if let person = req.signedIn, person.isFullySignedIn,
           let own = try await CTFPlayer.query(on: req.db).filter(\.$event.$id == eventID).filter(\.$person.$id == person.personID).first() {
            return own
        }
        guard let token = req.cookies[cookieName(event: eventID)]?.string,
              let registration = try await registration(token: token, on: req.db), registration.$event.id == eventID,
              registration.status == .confirmed
        else { return nil }
        return try await CTFPlayer.query(on: req.db).filter(\.$registration.$id == registration.requireID()).first()
    }
}
