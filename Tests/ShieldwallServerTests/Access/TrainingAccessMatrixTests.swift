import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for training: a person's record is theirs and their firm admin's only; the firm's matrix and
/// assignments its admin's; a community's course is for the people taking part once published, and its author's alone
/// while a draft; the operator offers courses to everyone and sees nobody's results.
final class TrainingAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, outsider, `operator`, staffA, adminA, expert, facilitator }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let firm: UUID
        let staff: UUID
        let slug: String
        let published: UUID
        let draft: UUID
        let event: UUID
    }

    static let secret = "Draft course only its author sees"

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Firm A"), c = try await Seed.organisation(app, name: "Firm Outside")
        let people: [Role: Person] = [
            .outsider: try await Seed.person(app, email: "admin@outside.example", organisation: c, role: .admin),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
            .staffA: try await Seed.person(app, email: "staff@a.example", organisation: a, role: .staff),
            .adminA: try await Seed.person(app, email: "admin@a.example", organisation: a, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example"),
            .facilitator: try await Seed.person(app, email: "fac@experts.example"),
        ]
        let expert = try XCTUnwrap(people[.expert])
        let community = try await Seed.community(app, facilitator: try XCTUnwrap(people[.facilitator]), firms: [a], experts: [expert])
        for role in [Role.adminA, .staffA, .expert] { try await Seed.acceptCharter(app, community, by: try XCTUnwrap(people[role])) }
        func course(_ title: String, _ status: TrainingCourse.Status) async throws -> UUID {
            let row = TrainingCourse()
            row.$community.id = try community.requireID()
            row.status = status
            row.provider = "ENISA"
            row.minutes = 20
            row.setVersions([ExternalCourseVersion(language: "en", title: title, url: "https://www.enisa.europa.eu/", summary: "Short.")])
            row.$author.id = try expert.requireID()
            row.createdAt = app.shieldwall.time.now
            row.updatedAt = app.shieldwall.time.now
            try await row.create(on: app.db)
            return try row.requireID()
        }
        let published = try await course("Cyber hygiene for shops", .published)
        let draft = try await course(Self.secret, .draft)
        let event = try await Seed.event(app, in: community, title: "Phishing evening")
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        let staff = try XCTUnwrap(people[.staffA]).requireID()
        // Staff A has a result only they and their admin may see.
        let record = TrainingRecord()
        record.$person.id = staff
        record.$organisation.id = try a.requireID()
        record.courseKey = "module:passwords"
        record.kind = .quiz
        record.language = "en"
        record.correct = 1
        record.total = 4
        record.passed = false
        record.completedOn = CalendarDay.string(app.shieldwall.time.now)
        record.createdAt = app.shieldwall.time.now
        try await record.create(on: app.db)
        return World(browsers: browsers, tokens: tokens, firm: try a.requireID(), staff: staff, slug: community.slug, published: published,
                     draft: draft, event: try event.requireID())
    }

    static func all(_ status: HTTPStatus, signedOut: HTTPStatus = .seeOther) -> [Role: HTTPStatus] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? signedOut : status) })
    }

    static func only(_ allowed: [Role: HTTPStatus], otherwise: HTTPStatus = .notFound, signedOut: HTTPStatus = .seeOther) -> [Role: HTTPStatus] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, $0 == .signedOut ? signedOut : allowed[$0] ?? otherwise) })
    }

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let due = CalendarDay.string(world.app.shieldwall.time.now.addingTimeInterval(7 * 86_400))
            let takingPart: [Role: HTTPStatus] = [.staffA: .ok, .adminA: .ok, .expert: .ok, .facilitator: .ok]
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.training.path, [], Self.all(.ok)),
                ("GET", SiteURL.trainingCourse("passwords").path, [], Self.all(.ok)),
                ("GET", SiteURL.trainingCourse("no-such-module").path, [], Self.all(.notFound)),
                ("GET", SiteURL.trainingCourse(w.published.uuidString).path, [], Self.only(takingPart)),
                ("GET", SiteURL.trainingCourse(w.draft.uuidString).path, [], Self.only([.expert: .ok])),
                ("POST", SiteURL.trainingDeclare(w.published.uuidString).path, [("completedOn", "2020-13-01")],
                 Self.only([.staffA: .unprocessableEntity, .adminA: .unprocessableEntity, .expert: .unprocessableEntity, .facilitator: .unprocessableEntity])),
                ("GET", SiteURL.trainingPerson(w.staff).path, [], Self.only([.staffA: .ok, .adminA: .ok])),
                ("GET", SiteURL.organisationTraining(w.firm).path, [], Self.only([.adminA: .ok])),
                ("GET", SiteURL.organisationTrainingCSV(w.firm).path, [], Self.only([.adminA: .ok])),
                ("POST", SiteURL.organisationTraining(w.firm).path, [("course", "module:backups"), ("person", "everyone"), ("dueOn", due)],
                 Self.only([.adminA: .seeOther])),
                ("POST", SiteURL.organisationTrainingRemind(w.firm).path, [("assignment", UUID().uuidString), ("person", w.staff.uuidString)],
                 Self.only([:])),
                ("POST", SiteURL.organisationTrainingWithdraw(w.firm, UUID()).path, [], Self.only([:])),
                ("GET", SiteURL.trainingCourseNew.path, [], Self.only([.operator: .ok], otherwise: .forbidden)),
                ("GET", SiteURL.trainingCourseNew.path + "?community=" + w.slug, [], Self.only([.expert: .ok, .facilitator: .ok], otherwise: .forbidden)),
                ("GET", SiteURL.trainingCourseEdit(w.draft).path, [], Self.only([.expert: .ok])),
                ("POST", SiteURL.trainingCourseStatus(w.draft).path, [("status", "draft")], Self.only([.expert: .seeOther])),
                ("GET", SiteURL.trainingCourseEdit(w.published).path, [], Self.only([.expert: .ok, .facilitator: .ok])),
                ("GET", SiteURL.communityTraining(w.slug).path, [], Self.only(takingPart)),
                ("POST", SiteURL.communityTraining(w.slug).path, [("event", w.event.uuidString), ("course", "module:phishing")],
                 Self.only([.facilitator: .seeOther, .expert: .forbidden, .staffA: .forbidden, .adminA: .forbidden])),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                if role != .expert { XCTAssertFalse(response.body.string.contains(Self.secret), "\(role) at \(path)") }
                if ![Role.staffA, .adminA].contains(role) { XCTAssertFalse(response.body.string.contains("1 of 4, not passed"), "\(role) at \(path)") }
            }
            let history = try await XCTUnwrap(w.browsers[.adminA]).get(SiteURL.trainingPerson(w.staff).path)
            XCTAssertTrue(history.body.string.contains("1 of 4, not passed"), "the admin sees the result the others may not")
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let due = CalendarDay.string(world.app.shieldwall.time.now.addingTimeInterval(7 * 86_400))
            let today = CalendarDay.string(world.app.shieldwall.time.now)
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.GET, "/training", nil, Self.all(.ok, signedOut: .unauthorized)),
                (.GET, "/training/courses", nil, Self.all(.ok, signedOut: .unauthorized)),
                (.POST, "/training/courses/passwords/quiz", #"{"answers":{"rule":"x"}}"#, Self.all(.unprocessableEntity, signedOut: .unauthorized)),
                (.POST, "/training/courses/\(w.published)/completion", #"{"completed_on":"\#(today)"}"#,
                 Self.only([.staffA: .created, .adminA: .created, .expert: .created, .facilitator: .created], signedOut: .unauthorized)),
                (.POST, "/training/courses/\(w.draft)/completion", #"{"completed_on":"\#(today)"}"#, Self.only([.expert: .notFound], signedOut: .unauthorized)),
                (.GET, "/organisations/\(w.firm)/training", nil, Self.only([.adminA: .ok], signedOut: .unauthorized)),
                (.POST, "/organisations/\(w.firm)/training/assignments", #"{"course":"module:backups","person":"everyone","due_on":"\#(due)"}"#,
                 Self.only([.adminA: .created], signedOut: .unauthorized)),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens) { role, path, response in
                if role != .expert { XCTAssertFalse(response.body.string.contains(Self.secret), "\(role) at \(path)") }
                if ![Role.staffA, .adminA].contains(role) { XCTAssertFalse(response.body.string.contains("\"correct\":1"), "\(role) at \(path)") }
            }
        }
    }
}
