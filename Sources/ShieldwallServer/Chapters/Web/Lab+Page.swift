import Fluent
import Foundation
import ShieldwallCore

/// `/communities/SLUG/labs`: the chapter's guided labs with how far the viewer got, how many people took and
/// finished each, and for the facilitator and experts the form to write one.
struct LabsPage: Sendable {
    struct Row: Sendable { let id: UUID; let title: String; let summary: String; let steps: Int; let myDone: Int; let started: Int; let finished: Int }

    let chapter: (name: String, slug: String)
    let canWrite: Bool
    let labs: [Row]
    var form = LabActions.LabForm()
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, person: SignedIn, on db: any Database) async throws -> LabsPage {
        let labs = try await Lab.query(on: db).filter(\.$community.$id == chapter.id).sort(\.$createdAt, .descending).limit(100).all()
        let labIDs = labs.compactMap(\.id)
        let steps = labIDs.isEmpty ? [] : try await LabStep.query(on: db).filter(\.$lab.$id ~~ labIDs).values(\.$lab.$id)
        let progress = labIDs.isEmpty ? [] : try await LabProgress.query(on: db).filter(\.$lab.$id ~~ labIDs).field(\.$lab.$id).field(\.$person.$id).all()
        let stepCount = Dictionary(steps.map { ($0, 1) }, uniquingKeysWith: +)
        var perPerson: [UUID: [UUID: Int]] = [:]
        for p in progress { perPerson[p.$lab.id, default: [:]][p.$person.id, default: 0] += 1 }
        return LabsPage(chapter: (chapter.community.name, chapter.community.slug), canWrite: ChapterAccess.canWriteLabs(chapter.standing),
                        labs: try labs.map { lab in
                            let id = try lab.requireID(), total = stepCount[id] ?? 0, people = perPerson[id] ?? [:]
                            return Row(id: id, title: lab.title, summary: lab.summary, steps: total, myDone: people[person.personID] ?? 0,
                                       started: people.count, finished: people.values.filter { $0 >= total }.count)
                        })
    }
}

/// `/communities/SLUG/labs/ID`: one lab, step by step: the steps done, the current one with its hint and answer
/// box, the ones after it named only.
struct LabPage: Sendable {
    struct Step: Sendable { let id: UUID; let title: String; let instructions: String; let hint: String; let needsAnswer: Bool }

    let chapter: (name: String, slug: String)
    let id: UUID
    let title: String
    let summary: String
    let steps: [Step]
    let done: Set<Int>
    let current: Int?
    let canWithdraw: Bool
    var answer = ""
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, _ lab: Lab, person: SignedIn, on db: any Database) async throws -> LabPage {
        let done = try await LabActions.done(in: lab, by: person.personID, on: db)
        return LabPage(chapter: (chapter.community.name, chapter.community.slug), id: try lab.requireID(), title: lab.title, summary: lab.summary,
                       steps: try lab.steps.map { Step(id: try $0.requireID(), title: $0.title, instructions: $0.instructions, hint: $0.hint,
                                                       needsAnswer: $0.answerDigest != nil) },
                       done: done, current: LabScript.current(steps: lab.steps.count, done: done),
                       canWithdraw: ChapterAccess.canWithdrawLab(chapter.standing, isAuthor: lab.$createdBy.id == person.personID))
    }
}
