import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Training at Hartley's Bakery in every state: passwords assigned to everyone six weeks ago (Tom passed on his second
/// try, Sarah is overdue), phishing due in a fortnight (Sarah done, Tom due), and the NCSC's staff course assigned to
/// Tom. The operator offers that course to everyone; an expert recommends ENISA's material in the micro-business
/// circle, and the circle's next webinar is a joint session on phishing.
extension DemoSeed {
    static func seedTraining(app: Application, now: Date) async throws {
        let db = app.db
        guard let sarah = try await Person.query(on: db).filter(\.$email == firms[0].admin.1).first(),
              let tom = try await Person.query(on: db).filter(\.$email == firms[0].staffPeople[0].1).first(),
              let op = try await Person.query(on: db).filter(\.$isOperator == true).first(),
              let fiona = try await Person.query(on: db).filter(\.$email == experts[0].1).first(),
              let firm = sarah.$organisation.id,
              let circle = try await Community.query(on: db).filter(\.$slug == Slug.make(from: communityPlans[0].name)).first()
        else { return }
        func day(_ offset: Double) -> String { CalendarDay.string(now.addingTimeInterval(offset * 86_400)) }

        let ncsc = try await externalCourse(by: op, community: nil, provider: "National Cyber Security Centre", minutes: 30, versions: [
            ExternalCourseVersion(language: "en", title: "Top Tips for Staff", url: "https://www.ncsc.gov.uk/training/top-tips-for-staff-web/",
                                  summary: "Free e-learning on phishing, passwords, devices and reporting, in five short parts with a certificate at the end. Good for everyone at a small firm."),
        ], now: now, on: db)
        _ = try await externalCourse(by: fiona, community: try circle.requireID(), provider: "ENISA", minutes: 45, versions: [
            ExternalCourseVersion(language: "en", title: "Cybersecurity for SMEs: twelve steps", url: "https://www.enisa.europa.eu/publications/cybersecurity-guide-for-smes",
                                  summary: "ENISA's twelve practical steps for small firms, from a security culture to backups. Read it with the plan open: most steps are already in our measures."),
            ExternalCourseVersion(language: "es", title: "Ciberseguridad para pymes: doce pasos", url: "https://www.enisa.europa.eu/publications/cybersecurity-guide-for-smes",
                                  summary: "Los doce pasos prácticos de ENISA para pequeñas empresas, de la cultura de seguridad a las copias de respaldo."),
        ], now: now, on: db)

        try await assignment(firm: firm, course: .module("passwords"), person: nil, assignedOn: day(-42), dueOn: day(-12), by: sarah, on: db)
        try await assignment(firm: firm, course: .module("phishing"), person: nil, assignedOn: day(-3), dueOn: day(14), by: sarah, on: db)
        try await assignment(firm: firm, course: .external(ncsc), person: tom.id, assignedOn: day(-3), dueOn: day(21), by: sarah, on: db)

        let library = try TrainingContent.library()
        func quiz(_ person: Person, _ module: String, wrong: Int, on daysAgo: Double) async throws {
            guard let m = library.module(module, language: "en") else { return }
            var answers: [String: String] = [:]
            for (i, q) in m.quiz.questions.enumerated() {
                answers[q.id] = (i < wrong ? q.options.first { !$0.correct } : q.options.first(where: \.correct))?.id
            }
            guard case .success(let outcome) = m.quiz.mark(answers) else { return }
            let row = TrainingRecord()
            row.$person.id = try person.requireID()
            row.$organisation.id = firm
            row.courseKey = CourseKey.module(module).description
            row.kind = .quiz
            row.language = "en"
            row.moduleVersion = m.version
            row.correct = outcome.correct
            row.total = outcome.total
            row.passed = outcome.passed
            row.completedOn = day(-daysAgo)
            row.answersJSON = String(decoding: (try? JSONEncoder().encode(answers)) ?? Data(), as: UTF8.self)
            row.createdAt = now.addingTimeInterval(-daysAgo * 86_400)
            try await row.create(on: db)
        }
        try await quiz(tom, "passwords", wrong: 2, on: 30)
        try await quiz(tom, "passwords", wrong: 0, on: 29)
        try await quiz(sarah, "phishing", wrong: 1, on: 1)

        // The circle's next webinar is a joint session on the phishing module.
        if let webinar = try await CommunityEvent.query(on: db).filter(\.$community.$id == circle.requireID()).filter(\.$startsAt > now)
            .filter(\.$kind == .webinar).sort(\.$startsAt).first() {
            try await TrainingSession(communityID: try circle.requireID(), eventID: try webinar.requireID(), course: .module("phishing"), at: now).create(on: db)
        }
    }

    private static func externalCourse(by author: Person, community: UUID?, provider: String, minutes: Int, versions: [ExternalCourseVersion],
                                       now: Date, on db: any Database) async throws -> UUID {
        let row = TrainingCourse()
        row.$community.id = community
        row.status = .published
        row.provider = provider
        row.minutes = minutes
        row.setVersions(versions)
        row.$author.id = try author.requireID()
        row.createdAt = now.addingTimeInterval(-60 * 86_400)
        row.updatedAt = row.createdAt
        try await row.create(on: db)
        return try row.requireID()
    }

    private static func assignment(firm: UUID, course: CourseKey, person: UUID?, assignedOn: String, dueOn: String, by admin: Person,
                                   on db: any Database) async throws {
        let row = TrainingAssignment()
        row.$organisation.id = firm
        row.courseKey = course.description
        row.$person.id = person
        row.assignedOn = assignedOn
        row.dueOn = dueOn
        row.$assignedBy.id = admin.id
        row.createdAt = CalendarDay.date(assignedOn) ?? Date()
        try await row.create(on: db)
    }
}
