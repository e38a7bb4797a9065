import Fluent
import Foundation
import ShieldwallCore

/// `/communities/SLUG/talent`: one's own profile; for people of the chapter's member firms, the published profiles;
/// for everyone in the chapter, the open internships and apprenticeships (their firm's admin posts and closes them).
struct TalentPage: Sendable {
    struct Profile: Sendable {
        let name: String
        let headline: String
        let skills: String
        let interests: String
        let availability: String
        let links: [String]
    }

    struct Opening: Sendable {
        let id: UUID
        let firm: String
        let kind: JobOpening.Kind
        let title: String
        let description: String
        let link: String
        let closesOn: String
        let canClose: Bool
    }

    let chapter: (name: String, slug: String)
    let seesPool: Bool
    let canPost: Bool
    let hasProfile: Bool
    let profiles: [Profile]
    let openings: [Opening]
    var profileForm = TalentActions.ProfileForm()
    var openingForm = TalentActions.OpeningForm()
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, person: SignedIn, on db: any Database, now: Date) async throws -> TalentPage {
        let id = chapter.id
        let firmTakesPart = try await CommunityStandings.firmTakesPart(person, in: id, on: db)
        let own = try await TalentProfile.query(on: db).filter(\.$community.$id == id).filter(\.$person.$id == person.personID).first()
        var profiles: [Profile] = []
        if firmTakesPart {
            profiles = try await TalentProfile.query(on: db).filter(\.$community.$id == id).filter(\.$published == true).with(\.$person)
                .sort(\.$updatedAt, .descending).limit(200).all()
                .filter { ChapterAccess.canSeeTalentProfile(owner: $0.$person.id.uuidString, viewer: person.personID.uuidString,
                                                            viewerFirmTakesPart: firmTakesPart, published: $0.published) }
                .map { Profile(name: $0.person.displayName, headline: $0.headline, skills: $0.skills, interests: $0.interests,
                               availability: $0.availability, links: $0.links.split(separator: "\n").map(String.init)) }
        }
        let today = CalendarDay.string(now)
        let openings = try await JobOpening.query(on: db).filter(\.$community.$id == id).filter(\.$open == true).filter(\.$closesOn >= today)
            .with(\.$organisation).sort(\.$closesOn).limit(100).all().map { o in
                Opening(id: try o.requireID(), firm: o.organisation.name, kind: o.kind, title: o.title, description: o.description, link: o.link,
                        closesOn: o.closesOn, canClose: person.viewer.isAdmin(of: o.$organisation.id.uuidString))
            }
        var page = TalentPage(chapter: (chapter.community.name, chapter.community.slug), seesPool: firmTakesPart,
                              canPost: ChapterAccess.canPostOpening(isFirmAdmin: person.organisationID.map { person.viewer.isAdmin(of: $0.uuidString) } == true,
                                                                    firmTakesPart: firmTakesPart),
                              hasProfile: own != nil, profiles: profiles, openings: openings)
        if let own {
            page.profileForm = TalentActions.ProfileForm(headline: own.headline, skills: own.skills, interests: own.interests, availability: own.availability,
                                                         links: own.links, published: own.published ? "true" : nil)
        }
        return page
    }
}
