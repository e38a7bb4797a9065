import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A chapter's own people over the API (a personal token, the same rules as the pages): mentoring counts, the talent
/// pool's profiles (people of member firms only), open internships and apprenticeships, and the guided labs.
struct ChapterPeopleAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.chapterMentoring, use: mentoring)
        routes.get(APIURL.chapterTalentProfiles, use: profiles)
        routes.get(APIURL.chapterTalentOpenings, use: openings)
        routes.get(APIURL.chapterLabs, use: labs)
    }

    struct MentoringDTO: Content {
        let pairs_running: Int
        let pairs_ended: Int
        let meetings: Int
        /// The caller's own pairs (never their notes; those are on the pair's page).
        let my_pairs: [PairDTO]
    }

    struct PairDTO: Content { let id: UUID; let with: String; let role: String; let started_at: Date; let ended: Bool }

    @Sendable func mentoring(req: Request) async throws -> MentoringDTO {
        let (chapter, person) = try await ChapterScope.insideAPI(req)
        let page = try await MentoringPage.build(chapter, person: person, on: req.db)
        return MentoringDTO(pairs_running: page.running, pairs_ended: page.ended, meetings: page.meetings, my_pairs: page.pairs.map {
            PairDTO(id: $0.id, with: $0.other, role: $0.asMentor ? "mentor" : "newcomer", started_at: $0.startedAt, ended: $0.ended)
        })
    }

    struct ProfileDTO: Content {
        let name: String
        let headline: String
        let skills: String
        let interests: String
        let availability: String
        let links: [String]
    }

    /// 403 for people of the chapter whose firm does not take part in it (they know the chapter), 404 for others.
    @Sendable func profiles(req: Request) async throws -> [ProfileDTO] {
        let (chapter, person) = try await ChapterScope.insideAPI(req)
        let page = try await TalentPage.build(chapter, person: person, on: req.db, now: req.now)
        guard page.seesPool else { throw Refusal(.forbidden, "chapters.error.member-firms-only") }
        return page.profiles.map {
            ProfileDTO(name: $0.name, headline: $0.headline, skills: $0.skills, interests: $0.interests, availability: $0.availability, links: $0.links)
        }
    }

    struct OpeningDTO: Content {
        let id: UUID
        let firm: String
        let kind: String
        let title: String
        let description: String
        let link: String?
        let closes_on: String
    }

    @Sendable func openings(req: Request) async throws -> [OpeningDTO] {
        let (chapter, person) = try await ChapterScope.insideAPI(req)
        return try await TalentPage.build(chapter, person: person, on: req.db, now: req.now).openings.map {
            OpeningDTO(id: $0.id, firm: $0.firm, kind: $0.kind.rawValue, title: $0.title, description: $0.description,
                       link: $0.link.isEmpty ? nil : $0.link, closes_on: $0.closesOn)
        }
    }

    struct LabDTO: Content {
        let id: UUID
        let title: String
        let summary: String
        let steps: Int
        let my_steps_done: Int
        let people_started: Int
        let people_finished: Int
    }

    @Sendable func labs(req: Request) async throws -> [LabDTO] {
        let (chapter, person) = try await ChapterScope.insideAPI(req)
        return try await LabsPage.build(chapter, person: person, on: req.db).labs.map {
            LabDTO(id: $0.id, title: $0.title, summary: $0.summary, steps: $0.steps, my_steps_done: $0.myDone,
                   people_started: $0.started, people_finished: $0.finished)
        }
    }
}
