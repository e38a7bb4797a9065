import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The talent pool: a person's own profile (published for the chapter's member firms, withdrawn at any time) and the
/// internships and apprenticeships firms offer.
enum TalentActions {
    struct ProfileForm: Content, Sendable {
        var headline: String?
        var skills: String?
        var interests: String?
        var availability: String?
        var links: String?
        var published: String?
    }

    struct OpeningForm: Content, Sendable {
        var kind: String?
        var title: String?
        var description: String?
        var link: String?
        var closesOn: String?
    }

    static func saveProfile(_ form: ProfileForm, in chapterID: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        var problems = ProblemList()
        let headline = problems.text("headline", form.headline, maxLength: 150)
        let skills = problems.text("skills", form.skills, maxLength: 1000)
        let interests = problems.optionalText("interests", form.interests, maxLength: 1000)
        let availability = problems.text("availability", form.availability, maxLength: 200)
        var links: [String] = []
        switch TalentRules.links(form.links ?? "") {
        case .success(let list): links = list
        case .failure(.notWeb(let line)): problems.add("links", "chapters.error.link-line", ["line": String(line)])
        case .failure(.tooMany): problems.add("links", "chapters.error.too-many-links", ["max": String(TalentRules.maxLinks)])
        }
        try problems.throwIfAny()
        let row = try await TalentProfile.query(on: ctx.db).filter(\.$community.$id == chapterID).filter(\.$person.$id == person.personID).first() ?? {
            let r = TalentProfile()
            r.$community.id = chapterID
            r.$person.id = person.personID
            return r
        }()
        row.headline = headline
        row.skills = skills
        row.interests = interests
        row.availability = availability
        row.links = links.joined(separator: "\n")
        row.published = form.published != nil
        row.updatedAt = ctx.now
        try await row.save(on: ctx.db)
    }

    /// Withdrawing removes the profile itself: nothing of it stays for firms to find.
    static func withdraw(in chapterID: UUID, by person: SignedIn, on db: any Database) async throws {
        try await TalentProfile.query(on: db).filter(\.$community.$id == chapterID).filter(\.$person.$id == person.personID).delete()
    }

    static func postOpening(_ form: OpeningForm, in chapterID: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        guard let firm = person.organisationID,
              ChapterAccess.canPostOpening(isFirmAdmin: person.viewer.isAdmin(of: firm.uuidString),
                                           firmTakesPart: try await CommunityStandings.firmTakesPart(person, in: chapterID, on: ctx.db))
        else { throw Refusal(.forbidden, "chapters.error.firm-admins-only") }
        var problems = ProblemList()
        let kind = JobOpening.Kind(rawValue: form.kind ?? "")
        if kind == nil { problems.add("kind", "error.choose-one") }
        let title = problems.text("title", form.title, maxLength: 150)
        let description = problems.text("description", form.description, maxLength: 5000)
        let link = (form.link ?? "").trimmingWhitespace()
        if !link.isEmpty, !TalentRules.isLink(link) { problems.add("link", "chapters.error.link") }
        let closes = (form.closesOn ?? "").trimmingWhitespace()
        if CalendarDay.date(closes) == nil { problems.add("closesOn", "chapters.error.day") }
        else if closes < CalendarDay.string(ctx.now) { problems.add("closesOn", "chapters.error.closes-past") }
        try problems.throwIfAny()
        let row = JobOpening()
        row.$community.id = chapterID
        row.$organisation.id = firm
        row.kind = kind ?? .internship
        row.title = title
        row.description = description
        row.link = link
        row.closesOn = closes
        row.open = true
        row.$createdBy.id = person.personID
        row.createdAt = ctx.now
        try await row.create(on: ctx.db)
    }

    /// Closing an opening: the admin of the firm that posted it.
    static func close(_ id: UUID, in chapterID: UUID, by person: SignedIn, on db: any Database) async throws {
        guard let row = try await JobOpening.query(on: db).filter(\.$id == id).filter(\.$community.$id == chapterID).first(),
              person.viewer.isAdmin(of: row.$organisation.id.uuidString)
        else { throw Refusal(.notFound, "chapters.error.opening-not-found") }
        row.open = false
        try await row.save(on: db)
    }
}
