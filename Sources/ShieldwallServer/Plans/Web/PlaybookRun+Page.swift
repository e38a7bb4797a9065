import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A run as a checklist: each step ticked or not, the firm's contacts, closing it, and the lesson it becomes.
struct PlaybookRunPage: Sendable {
    struct Tick: Sendable {
        let at: Date
        let by: String
        let note: String
    }

    let id: UUID
    let card: CommunityCard
    let playbook: Playbook
    let contacts: [String: String]
    let ticks: [String: Tick]
    let startedBy: String
    let startedAt: Date
    let closedAt: Date?
    let summary: String
    let reportID: UUID?
    var lesson: PlaybookLessonForm
    var errors: [String: String] = [:]

    var isOpen: Bool { closedAt == nil }

    static func build(_ run: PlaybookRun, on db: any Database) async throws -> PlaybookRunPage {
        guard let community = try await Community.find(run.$community.id, on: db) else { throw Refusal(.notFound, "playbook.error.run-not-found") }
        let runID = try run.requireID()
        let steps = try await PlaybookRunStep.query(on: db).filter(\.$run.$id == runID).with(\.$doneBy).all()
        let ticks = Dictionary(steps.map { ($0.stepID, Tick(at: $0.doneAt, by: $0.doneBy.displayName, note: $0.note)) }, uniquingKeysWith: { a, _ in a })
        let starter = try await Person.find(run.$startedBy.id, on: db)?.displayName ?? ""
        let playbook = try run.playbook()
        return PlaybookRunPage(id: runID, card: try CommunityCard(community), playbook: playbook, contacts: run.contacts, ticks: ticks,
                               startedBy: starter, startedAt: run.startedAt, closedAt: run.closedAt, summary: run.summary, reportID: run.reportID,
                               lesson: lesson(playbook, ticks: ticks, summary: run.summary))
    }

    /// The draft of the lesson: the timeline of ticked steps with their notes, marked AMBER and anonymous until the
    /// person changes it.
    static func lesson(_ playbook: Playbook, ticks: [String: Tick], summary: String) -> PlaybookLessonForm {
        let done = playbook.steps.compactMap { step in ticks[step.id].map { (step, $0) } }.sorted { $0.1.at < $1.1.at }
        let timeline = done.map { step, tick in "- " + Format.dateTime(tick.at) + " — " + step.text + (tick.note.isEmpty ? "" : " (" + tick.note + ")") }
        let notes = done.map(\.1.note).filter { !$0.isEmpty }.map { "- " + $0 }
        return PlaybookLessonForm(title: playbook.title + ": " + (summary.isEmpty ? playbook.summary : summary), summary: summary,
                                  what_happened: timeline.joined(separator: "\n"), impact: "", what_helped: notes.joined(separator: "\n"),
                                  tlp: TLP.amber.rawValue, anonymous: "true")
    }
}

struct PlaybookLessonForm: Content {
    var title: String?
    var summary: String?
    var what_happened: String?
    var impact: String?
    var what_helped: String?
    var tlp: String?
    var anonymous: String?

    var draft: LessonDraft {
        LessonDraft(title: title, summary: summary, whatHappened: what_happened, impact: impact, whatHelped: what_helped, tlp: tlp,
                    anonymous: anonymous == "true" || anonymous == "on")
    }
}
