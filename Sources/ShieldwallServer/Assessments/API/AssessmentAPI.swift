import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `/api/v1` for self-assessment: the bank, the firm's assessments (answers and results), the action
/// plan and community benchmarks — through the same scope and actions as the pages.
struct AssessmentAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.assessmentBank, use: bankDocument)
        routes.get(APIURL.assessments, use: list)
        routes.post(APIURL.assessments, use: start)
        routes.get(APIURL.assessment, use: show)
        routes.put(APIURL.assessmentAnswers, use: answer)
        routes.post(APIURL.assessmentSubmit, use: submit)
        routes.get(APIURL.actions, use: actions)
        routes.post(APIURL.actions, use: createAction)
        routes.patch(APIURL.action, use: updateAction)
        routes.get(APIURL.communityBenchmark, use: benchmark)
    }

    struct AssessmentDTO: Content {
        struct Answer: Content { let question: String; let option: String }
        struct AreaDTO: Content { let area: String; let title: String; let score: Int?; let applicable: Int; let answered: Int; let met: Int }
        struct Blocker: Content { let area: String; let questions: [String] }
        struct RecommendationDTO: Content {
            let id: String; let title: String; let why: String; let steps: [String]; let effort: String; let cost: String
            let impact: Int; let blocksCyberEssentials: Bool; let questions: [String]; let links: [Recommendation.Link]
        }
        let id: UUID
        let status: String
        let bankVersion: String
        let createdAt: Date
        let submittedAt: Date?
        let overall: Int?
        let areas: [AreaDTO]?
        let cyberEssentialsReady: Bool?
        let blockers: [Blocker]?
        let unanswered: [String]?
        let nextSteps: [String]?
        let recommendations: [RecommendationDTO]?
        let profile: [Answer]?
        let answers: [Answer]?
    }

    static func dto(_ a: Assessment, detail: (AssessmentAnswers, QuestionBank)?) throws -> AssessmentDTO {
        guard let (answers, bank) = detail else {
            return AssessmentDTO(id: try a.requireID(), status: a.status.rawValue, bankVersion: a.bankVersion, createdAt: a.createdAt, submittedAt: a.submittedAt,
                                 overall: a.overall, areas: nil, cyberEssentialsReady: nil, blockers: nil, unanswered: nil, nextSteps: nil,
                                 recommendations: nil, profile: nil, answers: nil)
        }
        let r = AssessmentResult(bank: bank, answers: answers)
        var blockers: [AssessmentDTO.Blocker] = []
        if case .notReady(let b) = r.readiness {
            blockers = bank.areas.compactMap { area in b[area.id].map { .init(area: area.id, questions: $0) } }
        }
        return AssessmentDTO(
            id: try a.requireID(), status: a.status.rawValue, bankVersion: a.bankVersion, createdAt: a.createdAt, submittedAt: a.submittedAt,
            overall: r.overall,
            areas: r.areas.map { s in .init(area: s.areaID, title: bank.area(s.areaID)?.title ?? s.areaID, score: s.score, applicable: s.applicable,
                                            answered: s.answered, met: s.met) },
            cyberEssentialsReady: r.readiness == .ready, blockers: blockers, unanswered: r.unanswered,
            nextSteps: r.nextSteps.map(\.recommendation.id),
            recommendations: r.recommendations.map { x in
                let rec = x.recommendation
                return .init(id: rec.id, title: rec.title, why: rec.why, steps: rec.steps, effort: rec.effort.rawValue, cost: rec.cost.rawValue,
                             impact: rec.impact, blocksCyberEssentials: x.blocksCyberEssentials, questions: x.questionIDs, links: rec.links)
            },
            profile: answers.profile.sorted { $0.key < $1.key }.map { .init(question: $0.key, option: $0.value) },
            answers: answers.answers.sorted { $0.key < $1.key }.map { .init(question: $0.key, option: $0.value) })
    }

    func detail(_ req: Request, _ a: Assessment) async throws -> AssessmentDTO {
        let bank = try AssessmentContent.bank()
        return try Self.dto(a, detail: (try await AssessmentActions.answers(of: a, bank: bank, on: req.db), bank))
    }

    struct BankDTO: Content {
        struct Q: Content {
            let id: String; let area: String?; let text: String; let help: String?; let options: [O]
            let appliesWhen: [String: [String]]?; let essential: Bool
        }
        struct O: Content { let id: String; let text: String; let points: Int?; let met: Bool? }
        struct A: Content { let id: String; let title: String; let summary: String; let cyberEssentials: Bool }
        let version: String
        let areas: [A]
        let profile: [Q]
        let questions: [Q]
    }

    @Sendable func bankDocument(req: Request) async throws -> BankDTO {
        _ = try req.requireAPIPerson()
        let bank = try AssessmentContent.bank()
        return BankDTO(
            version: bank.version,
            areas: bank.areas.map { .init(id: $0.id, title: $0.title, summary: $0.summary, cyberEssentials: $0.cyberEssentials) },
            profile: bank.profile.map { q in .init(id: q.id, area: nil, text: q.text, help: q.help,
                                                   options: q.options.map { .init(id: $0.id, text: $0.text, points: nil, met: nil) },
                                                   appliesWhen: nil, essential: false) },
            questions: bank.areas.flatMap { area in area.questions.map { q in
                .init(id: q.id, area: area.id, text: q.text, help: q.help,
                      options: (q.options + [.notSure]).map { .init(id: $0.id, text: $0.text, points: $0.points, met: $0.met) },
                      appliesWhen: q.appliesWhen, essential: q.isEssential)
            } })
    }

    @Sendable func list(req: Request) async throws -> [AssessmentDTO] {
        let person = try req.requireAPIPerson()
        let org = try AssessmentScope.firm(of: person, req)
        return try await AssessmentScope.assessments(of: org, on: req.db).sort(\.$createdAt, .descending).all().map { try Self.dto($0, detail: nil) }
    }

    @Sendable func start(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let org = try AssessmentScope.firm(of: person, req)
        let (assessment, created) = try await AssessmentActions.start(org: org, person: person, bank: try AssessmentContent.bank(),
                                                                      on: req.db, now: req.now)
        return try await detail(req, assessment).encodeResponse(status: created ? .created : .ok, for: req)
    }

    @Sendable func show(req: Request) async throws -> AssessmentDTO {
        let person = try req.requireAPIPerson()
        return try await detail(req, try await AssessmentScope.assessment(req, person: person))
    }

    struct AnswersBody: Content { let answers: [AssessmentDTO.Answer] }

    @Sendable func answer(req: Request) async throws -> AssessmentDTO {
        let person = try req.requireAPIPerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        let body = try req.content.decode(AnswersBody.self)
        guard !body.answers.isEmpty, body.answers.count <= 200 else {
            throw ValidationFailure(field: "answers", key: "assessment.error.answer-count")
        }
        try await AssessmentActions.save(body.answers.map { ($0.question, $0.option) }, to: assessment, person: person,
                                         bank: try AssessmentContent.bank(), on: req.db, now: req.now)
        return try await detail(req, assessment)
    }

    @Sendable func submit(req: Request) async throws -> AssessmentDTO {
        let person = try req.requireAPIPerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        _ = try await AssessmentActions.submit(assessment, person: person, bank: try AssessmentContent.bank(), on: req.db, now: req.now,
                                              address: req.clientAddress)
        return try await detail(req, try await AssessmentScope.assessment(req, person: person))
    }

    struct ActionDTO: Content {
        let id: UUID; let recommendation: String; let title: String; let owner: UUID?; let dueOn: String?; let status: String
        let notApplicableReason: String?; let notes: String; let createdAt: Date; let updatedAt: Date; let doneAt: Date?
        let overdue: Bool

        init(_ a: PlanAction, today: String) throws {
            id = try a.requireID(); recommendation = a.recommendationID; title = a.title; owner = a.$owner.id; dueOn = a.dueOn
            status = a.status.rawValue; notApplicableReason = a.notApplicableReason; notes = a.notes; createdAt = a.createdAt
            updatedAt = a.updatedAt; doneAt = a.doneAt; overdue = a.isOverdue(today: today)
        }
    }

    @Sendable func actions(req: Request) async throws -> [ActionDTO] {
        let person = try req.requireAPIPerson()
        let org = try AssessmentScope.firm(of: person, req)
        let today = PlanActions.today(req.now)
        return try await AssessmentScope.actions(of: org, on: req.db).sort(\.$createdAt).all().map { try ActionDTO($0, today: today) }
    }

    struct NewAction: Content { let recommendation: String }

    @Sendable func createAction(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let org = try AssessmentScope.firm(of: person, req)
        let body = try req.content.decode(NewAction.self)
        let (action, created) = try await PlanActions.create(recommendation: body.recommendation, org: org, person: person,
                                                             bank: try AssessmentContent.bank(), on: req.db, now: req.now)
        return try await ActionDTO(action, today: PlanActions.today(req.now)).encodeResponse(status: created ? .created : .ok, for: req)
    }

    struct ActionChange: Content {
        let owner: String?; let dueOn: String?; let status: String?; let notApplicableReason: String?; let notes: String?
    }

    @Sendable func updateAction(req: Request) async throws -> ActionDTO {
        let person = try req.requireAPIPerson()
        let action = try await AssessmentScope.action(req, person: person)
        let body = try req.content.decode(ActionChange.self)
        try await PlanActions.update(action, with: .init(owner: body.owner, dueOn: body.dueOn, status: body.status,
                                                         notApplicableReason: body.notApplicableReason, notes: body.notes),
                                     person: person, on: req.db, now: req.now)
        return try ActionDTO(action, today: PlanActions.today(req.now))
    }

    struct BenchmarkDTO: Content {
        struct Figure: Content { let area: String; let firms: Int; let median: Int; let lower: Int; let upper: Int; let own: Int? }
        let community: String
        let minimumFirms: Int
        let shown: Bool
        let figures: [Figure]
    }

    @Sendable func benchmark(req: Request) async throws -> BenchmarkDTO {
        let page = try await BenchmarkController.page(req, person: try req.requireAPIPerson())
        let b = page.figures
        return BenchmarkDTO(community: page.communitySlug, minimumFirms: b.threshold, shown: b.isShown,
                            figures: b.figures.map { .init(area: $0.areaID, firms: $0.firms, median: $0.median, lower: $0.lower, upper: $0.upper, own: $0.own) })
    }
}
