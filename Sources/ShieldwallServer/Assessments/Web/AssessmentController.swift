import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Taking the self-assessment: one area a page after the profile, saved as you go, submitted by the
/// firm's admin; then results with the next three steps, readiness, progress and benchmarks.
struct AssessmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.assessment, use: overview)
        routes.post(SiteURL.assessmentStart, use: start)
        routes.get(SiteURL.assessmentResults, use: results)
        routes.get(SiteURL.assessmentStep, use: step)
        routes.post(SiteURL.assessmentStep, use: saveStep)
        routes.post(SiteURL.assessmentSubmit, use: submit)
        routes.get(SiteURL.assessmentCSV, use: csv)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let page = try await AssessmentOverviewPage.build(firm: try AssessmentScope.firm(of: person, req), language: req.localiser.language, on: req.db, now: req.now)
        return AssessmentView.overview(try await req.pageContext(), page)
    }

    @Sendable func start(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let org = try AssessmentScope.firm(of: person, req)
        let (assessment, _) = try await AssessmentActions.start(org: org, person: person, bank: try AssessmentContent.bank(), on: req.db, now: req.now)
        return req.seeOther(SiteURL.assessmentStep(try assessment.requireID(), AssessmentStepPage.profileStep).path)
    }

    @Sendable func step(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        return try await renderStep(req, assessment)
    }

    func renderStep(_ req: Request, _ assessment: Assessment, given: [String: String] = [:], errors: [String: String] = [:],
                    status: HTTPStatus = .ok) async throws -> Response {
        let person = try req.requirePerson()
        let canSubmit = AssessmentAccess.canSubmit(firm: assessment.$organisation.id.uuidString, viewer: person.viewer)
        guard let page = try await AssessmentStepPage.build(assessment, step: req.parameters.get(.step), given: given, errors: errors,
                                                            canSubmit: canSubmit, language: req.localiser.language, on: req.db)
        else { throw Abort(.notFound, reason: req.t("assessment.error.no-step")) }
        guard !assessment.isSubmitted else { return req.seeOther(SiteURL.assessmentResults(page.assessmentID).path) }
        return AssessmentView.step(try await req.pageContext(), page, status: status)
    }

    @Sendable func saveStep(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        let bank = try AssessmentContent.bank(req.localiser.language)
        let steps = AssessmentStepPage.steps(bank)
        guard let name = req.parameters.get(.step), let index = steps.firstIndex(of: name) else {
            throw Abort(.notFound, reason: req.t("assessment.error.no-step"))
        }
        var form = try req.content.decode([String: String].self)
        let intent = form.removeValue(forKey: "intent") ?? "next"
        form.removeValue(forKey: Forms.csrfField)
        let given = form.sorted { $0.key < $1.key }.map { (question: $0.key, option: $0.value) }
        do {
            try await AssessmentActions.save(given, to: assessment, person: person, bank: bank, on: req.db, now: req.now)
        } catch let failure as ValidationFailure {
            return try await renderStep(req, assessment, given: form, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
        let id = try assessment.requireID()
        switch intent {
        case "later": return req.seeOther(SiteURL.assessment.path, flash: "flash.assessment-saved")
        case "back" where index > 0: return req.seeOther(SiteURL.assessmentStep(id, steps[index - 1]).path)
        case "finish": return try await finish(req, assessment, person: person, bank: bank)
        default:
            if index + 1 < steps.count { return req.seeOther(SiteURL.assessmentStep(id, steps[index + 1]).path) }
            return req.seeOther(SiteURL.assessmentResults(id).path)
        }
    }

    /// The last page's "Finish and see my results": the admin's answers are submitted when every question has one;
    /// otherwise the results so far open with what is missing said at the top, nothing submitted.
    func finish(_ req: Request, _ assessment: Assessment, person: SignedIn, bank: QuestionBank) async throws -> Response {
        let id = try assessment.requireID()
        guard AssessmentAccess.canSubmit(firm: assessment.$organisation.id.uuidString, viewer: person.viewer) else {
            return req.seeOther(SiteURL.assessmentResults(id).path)
        }
        do {
            _ = try await AssessmentActions.submit(assessment, person: person, bank: bank, on: req.db, now: req.now, address: req.clientAddress)
        } catch is ValidationFailure {
            return req.seeOther(SiteURL.assessmentResults(id).path, flash: "flash.assessment-not-finished")
        }
        return req.seeOther(SiteURL.assessmentResults(id).path, flash: "flash.assessment-submitted")
    }

    func resultsPage(_ req: Request, _ assessment: Assessment, _ person: SignedIn) async throws -> AssessmentResultsPage {
        try await AssessmentResultsPage.build(assessment, viewer: person, minimumFirms: try await req.instanceSettings().benchmarkMinimumFirms,
                                              on: req.db, now: req.now)
    }

    @Sendable func results(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        return AssessmentResultsView.show(try await req.pageContext(), try await resultsPage(req, assessment, person))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        do {
            _ = try await AssessmentActions.submit(assessment, person: person, bank: try AssessmentContent.bank(), on: req.db, now: req.now,
                                                address: req.clientAddress)
        } catch let failure as ValidationFailure {
            var page = try await resultsPage(req, assessment, person)
            page.submitErrors = failure.problems.map { $0.message(req.localiser) }
            return AssessmentResultsView.show(try await req.pageContext(), page, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.assessmentResults(try assessment.requireID()).path, flash: "flash.assessment-submitted")
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let assessment = try await AssessmentScope.assessment(req, person: person)
        let bank = try AssessmentContent.bank(req.localiser.language)
        let answers = try await AssessmentActions.answers(of: assessment, bank: bank, on: req.db)
        var rows = [["area", "question_id", "question", "answer_id", "answer", "points", "max_points", "met"]]
        for q in bank.profile {
            let option = answers.profile[q.id]
            rows.append(["profile", q.id, q.text, option ?? "", q.options.first { $0.id == option }?.text ?? "", "", "", ""])
        }
        for area in bank.areas {
            for q in bank.applicable(in: area, profile: answers.profile) {
                let option = answers.answers[q.id].flatMap(q.option)
                rows.append([area.id, q.id, q.text, option?.id ?? "", option?.text ?? "", option.map { String($0.points) } ?? "",
                             String(q.maxPoints), option.map { $0.met ? "yes" : "no" } ?? ""])
            }
        }
        return CSVFile.response(rows, filename: "assessment-\(try AssessmentSummary(assessment).day).csv")
    }
}
