import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Mail sent during a test, kept for assertions.
final class RecordingMailer: Mailer, @unchecked Sendable {
    private let lock = NIOLock()
    private var messages: [MailMessage] = []

    var sent: [MailMessage] { lock.withLock { messages } }

    func send(_ message: MailMessage, on db: any Database) async throws {
        lock.withLock { messages.append(message) }
    }
}

struct TestWorld {
    let app: Application
    let time: ManualTime
    let mailer: RecordingMailer
}

/// The database tests run against: in-memory SQLite, or a PostgreSQL database named by
/// `SHIELDWALL_TEST_DATABASE_URL` (CI runs the suite both ways). Each test starts from an empty schema.
var testDatabase: DatabaseChoice {
    if let url = ProcessInfo.processInfo.environment["SHIELDWALL_TEST_DATABASE_URL"], !url.isEmpty { return .postgres(url) }
    return .sqliteMemory
}

/// One fresh app and database per test (STYLE.md habit 10).
///
/// With `migratedBefore`, only the migrations before the one of that name run: the test writes rows as the
/// older schema held them, then runs the rest with `app.autoMigrate()`.
func withApp(baseURL: String = "http://127.0.0.1:8080", localesDirectory: URL? = nil, sendmail: String? = nil,
             migratedBefore: String? = nil, importInlineBytes: Int? = nil, federationKey: String? = nil,
             _ body: (TestWorld) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let time = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
    let mailer = RecordingMailer()
    do {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("sw-test-\(UUID().uuidString)")
        var configuration = ShieldwallConfiguration(dataDirectory: dataDir, baseURL: baseURL, sendmailCommand: sendmail,
                                                    bcryptCost: 4, localesDirectory: localesDirectory)
        configuration.countQueries = true
        if let importInlineBytes { configuration.importInlineBytes = importInlineBytes }
        configuration.federationKey = federationKey.flatMap(SealedSecret.init(keyText:))
        let services = ShieldwallServices(configuration: configuration, time: time, mailer: mailer,
                                          catalogues: try loadCatalogues(extraFolder: localesDirectory))
        try await configure(app, services: services, database: testDatabase)
        if testDatabase.isPostgres, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        if let migratedBefore {
            let earlier = Migrations()
            earlier.add(Array(ShieldwallMigrations.all.prefix { $0.name != migratedBefore }))
            let migrator = Migrator(databases: app.databases, migrations: earlier, logger: app.logger, on: app.eventLoopGroup.next())
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        } else {
            try await app.autoMigrate()
        }
        try await body(TestWorld(app: app, time: time, mailer: mailer))
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Fixtures written straight to the database, for tests about something else.
enum Seed {
    static let password = "correct horse battery"

    static func organisation(_ app: Application, name: String = "Hartley's Bakery", staff: Int = 6, requireMFA: Bool = false) async throws -> Organisation {
        let size = (try? OrganisationSize.classify(staff: staff).get()) ?? .micro
        let org = Organisation(name: name, staffCount: staff, size: size, sector: "Food", region: "Leeds",
                               requireMFA: requireMFA, createdAt: app.shieldwall.time.now)
        try await org.create(on: app.db)
        return org
    }

    @discardableResult
    static func person(_ app: Application, email: String, name: String = "Test Person", organisation: Organisation? = nil,
                       role: Viewer.OrganisationRole? = .staff, isOperator: Bool = false, language: String = "en") async throws -> Person {
        let hash = try Bcrypt.hash(password, cost: 4)
        let person = Person(email: email, displayName: name, passwordHash: hash, organisationID: organisation?.id,
                            organisationRole: organisation == nil ? nil : role, language: language, isOperator: isOperator,
                            createdAt: app.shieldwall.time.now)
        try await person.create(on: app.db)
        return person
    }

    static func token(_ app: Application, for person: Person) async throws -> String {
        try await APITokenActions.create(for: person.requireID(), name: "test", ctx: ActionContext(app)).token
    }

    /// For access matrices: a signed-in browser and an API token per role, plus a signed-out browser.
    static func signedIn<Role: Hashable>(_ app: Application, _ people: [Role: Person], signedOut: Role) async throws
        -> (browsers: [Role: TestBrowser], tokens: [Role: String]) {
        var browsers: [Role: TestBrowser] = [signedOut: TestBrowser(app)]
        var tokens: [Role: String] = [:]
        for (role, person) in people {
            let browser = TestBrowser(app)
            try await browser.signIn(person.email)
            browsers[role] = browser
            tokens[role] = try await token(app, for: person)
        }
        return (browsers, tokens)
    }
}

extension QueryBuilder {
    /// The first row, or a test failure naming the table.
    func firstOrFail(file: StaticString = #filePath, line: UInt = #line) async throws -> Model {
        guard let row = try await first() else {
            XCTFail("no row in \(Model.schema)", file: file, line: line)
            throw TestFailure("no row in \(Model.schema)")
        }
        return row
    }
}

/// `XCTAssertEqual` for values that need `await` (XCTest's autoclosures cannot await).
func expectEqual<T: Equatable>(_ a: T, _ b: T, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a, b, message, file: file, line: line)
}

func expectTrue(_ value: Bool, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(value, message, file: file, line: line)
}
