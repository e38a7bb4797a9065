import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The community's playbooks, which the viewer's firm adopted, and the firm's runs.
struct PlaybooksPage: Sendable {
    struct Row: Sendable {
        let key: String
        let title: String
        let summary: String
        let source: PlaybookScope.Entry.Source
        let adopted: Bool
    }

    struct Run: Sendable {
        let id: UUID
        let title: String
        let startedAt: Date
        let closedAt: Date?
    }

    let card: CommunityCard
    let rows: [Row]
    let canEdit: Bool
    /// The viewer's firm, when it takes part.
    let firm: String?
    let runs: [Run]

    static func build(_ community: Community, standing: CommunityStanding, viewer: SignedIn, on db: any Database) async throws -> PlaybooksPage {
        let communityID = try community.requireID()
        let entries = try await PlaybookScope.playbooks(of: communityID, language: viewer.language, on: db)
        var adopted: Set<String> = [], runs: [Run] = [], firmName: String?
        if let org = viewer.organisationID, try await CommunityStandings.firmTakesPart(viewer, in: communityID, on: db) {
            adopted = Set(try await PlaybookScope.adoptions(of: org, in: communityID, on: db).keys)
            firmName = try await Organisation.find(org, on: db)?.name
            runs = try await PlaybookScope.runs(of: org, in: communityID, on: db).map { run in
                Run(id: try run.requireID(), title: (try? run.playbook().title) ?? run.key, startedAt: run.startedAt, closedAt: run.closedAt)
            }
        }
        return PlaybooksPage(card: try CommunityCard(community),
                             rows: entries.map { Row(key: $0.key, title: $0.playbook.title, summary: $0.playbook.summary, source: $0.source,
                                                     adopted: adopted.contains($0.key)) },
                             canEdit: PlanAccess.canEdit(standing), firm: firmName, runs: runs)
    }
}

/// One playbook: its phases, steps and evidence; the firm's contacts for it, and the buttons to adopt and run it.
struct PlaybookPage: Sendable {
    let card: CommunityCard
    let playbook: Playbook
    let source: PlaybookScope.Entry.Source
    let canEdit: Bool
    /// The viewer's firm's admin may adopt it and change the contacts.
    let canAdopt: Bool
    /// Anyone of a firm taking part may start a run, once the firm adopted it.
    let canRun: Bool
    let adopted: Bool
    var contacts: [String: String]
    var errors: [String: String] = [:]

    static func build(_ community: Community, entry: PlaybookScope.Entry, standing: CommunityStanding, viewer: SignedIn,
                      on db: any Database) async throws -> PlaybookPage {
        let communityID = try community.requireID()
        var adoption: PlaybookAdoption?, takesPart = false
        if let org = viewer.organisationID, try await CommunityStandings.firmTakesPart(viewer, in: communityID, on: db) {
            takesPart = true
            adoption = try await PlaybookScope.adoptions(of: org, in: communityID, on: db)[entry.key]
        }
        let firm = viewer.organisationID?.uuidString ?? ""
        return PlaybookPage(card: try CommunityCard(community), playbook: entry.playbook, source: entry.source, canEdit: PlanAccess.canEdit(standing),
                            canAdopt: takesPart && PlanAccess.canManageFirmPart(firm: firm, viewer: viewer.viewer),
                            canRun: takesPart && PlanAccess.canRunPlaybook(firm: firm, viewer: viewer.viewer),
                            adopted: adoption != nil, contacts: adoption?.contacts ?? [:])
    }
}

/// The facilitator's form for a new playbook or the community's version of one.
struct PlaybookEditPage: Sendable {
    let card: CommunityCard
    /// Nil for a new playbook.
    let key: String?
    let adaptsShipped: Bool
    var form: PlaybookForm
    var errors: [String: String] = [:]

    static func form(_ playbook: Playbook) -> PlaybookForm {
        PlaybookForm(title: playbook.title, summary: playbook.summary, steps: PlaybookText.render(playbook.phases),
                     evidence: playbook.evidence.joined(separator: "\n"), matches: playbook.matches.joined(separator: ", "))
    }
}

struct PlaybookForm: Content {
    var title: String?
    var summary: String?
    var steps: String?
    var evidence: String?
    var matches: String?

    var words: PlaybookActions.Words { .init(title: title, summary: summary, steps: steps, evidence: evidence, matches: matches) }
}
