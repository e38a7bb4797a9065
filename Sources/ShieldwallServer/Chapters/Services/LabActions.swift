import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Guided labs: written by the facilitator or an expert as one text (`LabScript`), taken step by step by anyone in
/// the chapter, each step done by its answer or by the learner's word.
enum LabActions {
    struct LabForm: Content, Sendable { var title: String?; var summary: String?; var script: String? }
    struct StepForm: Content, Sendable { var step: String?; var answer: String? }

    static func create(_ form: LabForm, in chapterID: UUID, by authorID: UUID, ctx: ActionContext) async throws -> Lab {
        var problems = ProblemList()
        let title = problems.text("title", form.title, maxLength: 150)
        let summary = problems.text("summary", form.summary, maxLength: 500)
        let parsed = LabScript.parse(form.script ?? "")
        if case .failure(let problem) = parsed { problems.add("script", problem.key, problem.values) }
        try problems.throwIfAny()
        let steps = (try? parsed.get()) ?? []
        let lab = Lab()
        lab.$community.id = chapterID
        lab.title = title
        lab.summary = summary
        lab.$createdBy.id = authorID
        lab.createdAt = ctx.now
        try await ctx.db.transaction { tx in
            try await lab.create(on: tx)
            for (position, step) in steps.enumerated() {
                let row = LabStep()
                row.$lab.id = try lab.requireID()
                row.position = position
                row.title = step.title
                row.instructions = step.instructions
                row.hint = step.hint
                if let answer = step.answer {
                    let digest = FlagDigest.make(answer.lowercased())
                    row.answerSalt = digest.salt
                    row.answerDigest = digest.digest
                }
                try await row.create(on: tx)
            }
        }
        return lab
    }

    /// The lab named by `:labID` in the chapter, with its steps in order; 404 otherwise.
    static func lab(_ req: Request, in chapterID: UUID) async throws -> Lab {
        guard let id = req.parameters.get(.labID, as: UUID.self),
              let lab = try await Lab.query(on: req.db).filter(\.$id == id).filter(\.$community.$id == chapterID)
                .with(\.$steps).first()
        else { throw Refusal(.notFound, "chapters.error.lab-not-found") }
        lab.$steps.value = lab.steps.sorted { $0.position < $1.position }
        return lab
    }

    /// Which steps (positions) the person has done.
    static func done(in lab: Lab, by personID: UUID, on db: any Database) async throws -> Set<Int> {
        let stepIDs = try await LabProgress.query(on: db).filter(\.$lab.$id == lab.requireID()).filter(\.$person.$id == personID).values(\.$step.$id)
        let positions = Dictionary(lab.steps.compactMap { s in s.id.map { ($0, s.position) } }, uniquingKeysWith: { a, _ in a })
        return Set(stepIDs.compactMap { positions[$0] })
    }

    /// Marks the learner's current step done: with its answer when it has one. Only the current step may be done,
    /// so a lab is taken in order; a step done already is left as it is.
    static func complete(_ form: StepForm, in lab: Lab, by person: SignedIn, ctx: ActionContext) async throws {
        let done = try await done(in: lab, by: person.personID, on: ctx.db)
        guard let stepID = form.step.flatMap({ UUID(uuidString: $0) }), let step = lab.steps.first(where: { $0.id == stepID }) else {
            throw Refusal(.notFound, "chapters.error.lab-not-found")
        }
        if done.contains(step.position) { return }
        guard LabScript.current(steps: lab.steps.count, done: done) == step.position else {
            throw ValidationFailure(field: "answer", key: "chapters.error.lab-step-order")
        }
        if let answer = step.answer {
            let given = (form.answer ?? "").trimmingWhitespace()
            if given.isEmpty { throw ValidationFailure(field: "answer", key: "error.required") }
            if given.count > FlagDigest.maxLength || !answer.matches(given.lowercased()) {
                throw ValidationFailure(field: "answer", key: "chapters.error.lab-wrong")
            }
        }
        let row = LabProgress()
        row.$lab.id = try lab.requireID()
        row.$step.id = stepID
        row.$person.id = person.personID
        row.doneAt = ctx.now
        do { try await row.create(on: ctx.db) } catch let error as any DatabaseError where error.isConstraintFailure {}  // a double click
    }

    /// Withdrawing a lab removes it with everyone's progress: its author or the facilitator.
    static func withdraw(_ lab: Lab, in chapter: ChapterScope.Chapter, by person: SignedIn, on db: any Database) async throws {
        guard ChapterAccess.canWithdrawLab(chapter.standing, isAuthor: lab.$createdBy.id == person.personID) else {
            throw Refusal(.forbidden, "chapters.error.lab-authors-only")
        }
        try await lab.delete(on: db)
    }
}

extension LabScript.Problem {
    var key: String {
        switch self {
        case .textBeforeFirstStep: "chapters.error.lab-text-before-step"
        case .emptyTitle: "chapters.error.lab-empty-title"
        case .noInstructions: "chapters.error.lab-no-instructions"
        case .duplicate: "chapters.error.lab-duplicate"
        case .tooLong: "chapters.error.lab-too-long"
        case .noSteps: "chapters.error.lab-no-steps"
        case .tooManySteps: "chapters.error.lab-too-many-steps"
        }
    }

    var values: [String: String] {
        switch self {
        case .textBeforeFirstStep(let line), .emptyTitle(let line): ["line": String(line)]
        case .noInstructions(let step), .tooLong(let step): ["step": String(step)]
        case .duplicate(let step, let field): ["step": String(step), "field": field]
        case .noSteps: [:]
        case .tooManySteps: ["max": String(LabScript.maxSteps)]
        }
    }
}
