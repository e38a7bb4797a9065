import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's playbooks: the shipped library, with the community's adaptations in place of the shipped ones
/// they adapt, then its own. Every read of playbooks, adoptions and runs goes through here.
enum PlaybookScope {
    struct Entry: Sendable {
        enum Source: String, Sendable { case shipped, adapted, own }
        let playbook: Playbook
        let source: Source
        var key: String { playbook.id }
    }

    /// `language`: the reader's, for the shipped playbooks (adapted and own ones are the community's own words).
    static func playbooks(of communityID: UUID, language: String, on db: any Database) async throws -> [Entry] {
        let rows = try await CommunityPlaybook.query(on: db).filter(\.$community.$id == communityID).all()
        var own: [String: Playbook] = [:]
        for row in rows { own[row.key] = try row.playbook() }
        let shipped = try PlansContent.playbooks(language)
        let shippedKeys = Set(shipped.map(\.id))
        return shipped.map { p in own[p.id].map { Entry(playbook: $0, source: .adapted) } ?? Entry(playbook: p, source: .shipped) }
            + rows.filter { !shippedKeys.contains($0.key) }.compactMap { own[$0.key] }.sorted { $0.title < $1.title }.map { Entry(playbook: $0, source: .own) }
    }

    static func playbook(_ key: String, in communityID: UUID, language: String, on db: any Database) async throws -> Entry? {
        if let row = try await CommunityPlaybook.query(on: db).filter(\.$community.$id == communityID).filter(\.$key == key).first() {
            let shipped = try PlansContent.playbooks().contains { $0.id == key }
            return Entry(playbook: try row.playbook(), source: shipped ? .adapted : .own)
        }
        return try PlansContent.playbooks(language).first { $0.id == key }.map { Entry(playbook: $0, source: .shipped) }
    }

    static func adoptions(of firm: UUID, in communityID: UUID, on db: any Database) async throws -> [String: PlaybookAdoption] {
        let rows = try await PlaybookAdoption.query(on: db).filter(\.$organisation.$id == firm).filter(\.$community.$id == communityID).all()
        return Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The firm's runs in the community, newest first.
    static func runs(of firm: UUID, in communityID: UUID, on db: any Database) async throws -> [PlaybookRun] {
        try await PlaybookRun.query(on: db).filter(\.$organisation.$id == firm).filter(\.$community.$id == communityID)
            .sort(\.$startedAt, .descending).limit(50).all()
    }

    /// The community named by `:slug` and the playbook named by `:key`, for someone who may read community content.
    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, Entry) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        return (community, standing, person, try await entry(req, community))
    }

    static func loadAPI(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, Entry) {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(PlanAccess.canRead(standing))
        return (community, standing, person, try await entry(req, community))
    }

    private static func entry(_ req: Request, _ community: Community) async throws -> Entry {
        guard let key = req.parameters.get(.playbookKey), let entry = try await playbook(key, in: community.requireID(), language: req.localiser.language,
                                                                                        on: req.db) else {
            throw Abort(.notFound, reason: req.t("playbook.error.not-found"))
        }
        return entry
    }

    /// The run named by `:runID`, for someone of the firm it belongs to (404 for anyone else, as if it did not exist).
    static func run(_ req: Request, person: SignedIn) async throws -> PlaybookRun {
        guard let id = req.parameters.get(.runID, as: UUID.self), let run = try await PlaybookRun.find(id, on: req.db),
              PlanAccess.canSeeFirmPart(firm: run.$organisation.id.uuidString, viewer: person.viewer)
        else { throw Abort(.notFound, reason: req.t("playbook.error.run-not-found")) }
        return run
    }
}
