import Fluent
import Foundation
import ShieldwallCore

/// The first steps of someone new, on their home page until each is done: for a firm's admin the second factor,
/// the self-assessment, inviting staff and joining a community (with the ones that fit the firm suggested); for
/// staff the second factor and the coach check-in. Each item ticks itself off from what the person has done.
struct FirstRunChecklist: Sendable {
    struct Item: Sendable {
        /// `mfa`, `assessment`, `invite`, `community`, `check-in`: the catalogue text is `home.first-run.KEY`.
        let key: String
        let done: Bool
        let path: String
    }

    struct Suggestion: Sendable {
        let name: String
        let slug: String
    }

    struct Basis: Sendable {
        let sector: String
        let region: String
        /// Where the admin corrects them: the firm's settings.
        let path: String
    }

    let items: [Item]
    let suggestions: [Suggestion]
    /// What the suggestions went by, shown with them so a wrong sector or region is corrected where it matters
    /// (the firm's details are otherwise set once, by the operator who added the firm).
    var basis: Basis? = nil

    var isFinished: Bool { items.allSatisfy(\.done) }
    var left: Int { items.filter { !$0.done }.count }

    /// `assessed`: the firm has a submitted assessment, `firmTakesPart`: it takes part in a community (the home page's
    /// other sections have read both already).
    static func build(for person: SignedIn, organisation: Organisation?, openInvitations: Int, assessed: Bool, firmTakesPart: Bool,
                      on db: any Database) async throws -> FirstRunChecklist? {
        guard let organisation, let orgID = organisation.id else { return nil }
        let mfa = Item(key: "mfa", done: person.mfaEnabled, path: SiteURL.accountMFA.path)
        guard AccountAccess.canManage(organisation: orgID.uuidString, viewer: person.viewer) else {
            let checkedIn = try await CoachResult.query(on: db).filter(\.$person.$id == person.personID).first() != nil
            return FirstRunChecklist(items: [mfa, Item(key: "check-in", done: checkedIn, path: SiteURL.coach.path)], suggestions: [])
        }
        let colleagues = try await Person.query(on: db).filter(\.$organisation.$id == orgID).count()
        let asked = try await JoinRequest.query(on: db).filter(\.$organisation.$id == orgID).filter(\.$status == JoinRequest.Status.pending)
            .values(\.$community.$id)
        let items = [
            mfa,
            // Posted to: the button starts the draft (or resumes it) at once.
            Item(key: "assessment", done: assessed, path: SiteURL.assessmentStart.path),
            Item(key: "invite", done: colleagues > 1 || openInvitations > 0, path: SiteURL.organisation(orgID).path),
            Item(key: "community", done: firmTakesPart || !asked.isEmpty, path: SiteURL.communities.path),
        ]
        var suggestions: [Suggestion] = []
        if !firmTakesPart && asked.isEmpty {
            let words = matchWords(region: organisation.region, sector: organisation.sector)
            suggestions = try await Community.query(on: db).filter(\.$status == Community.Status.active).filter(\.$listed == true)
                .sort(\.$name).all()
                .filter { fits($0, words: words) }
                .prefix(3).map { Suggestion(name: $0.name, slug: $0.slug) }
        }
        let basis = !firmTakesPart && asked.isEmpty
            ? Basis(sector: organisation.sector, region: organisation.region, path: SiteURL.organisation(orgID).path + "#settings") : nil
        return FirstRunChecklist(items: items, suggestions: suggestions, basis: basis)
    }

    /// A community fits a firm when its name, description or tags name the firm's region or sector (a word of
    /// four letters or more, so "and" and "of" do not count).
    static func fits(_ community: Community, words: [String]) -> Bool {
        let text = (community.name + " " + community.description + " " + community.tags).lowercased()
        return words.contains { text.contains($0) }
    }

    static func matchWords(region: String, sector: String) -> [String] {
        (region + " " + sector).lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 4 }
    }
}
