import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Builds a ready Vapor application from the environment, for the CLI's commands.
public enum ShieldwallApp {
    /// - Parameter arguments: what Vapor's own command runner sees (`["shieldwall", "serve", …]`).
    public static func make(configuration: ShieldwallConfiguration = .fromEnvironment(), arguments: [String] = ["shieldwall"],
                            environmentName: String = "production") async throws -> Application {
        var env = Environment(name: environmentName, arguments: arguments)
        try LoggingSystem.bootstrapOnce(from: &env)
        let app = try await Application.make(env)
        do {
            let time = SystemTime()
            let mailer: any Mailer = configuration.sendmailCommand.map {
                SendmailMailer(command: $0, sender: "Shieldwall <noreply@\(URL(string: configuration.baseURL)?.host ?? "localhost")>", time: time)
            } ?? OutboxMailer(time: time)
            let services = ShieldwallServices(configuration: configuration, time: time, mailer: mailer,
                                              catalogues: try loadCatalogues(extraFolder: configuration.localesDirectory))
            try await configure(app, services: services, database: .from(configuration))
            if arguments.dropFirst().first == "serve" {
                app.lifecycle.use(ScheduledJobs())
                app.lifecycle.use(StixImportWorker())
            }
            return app
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Serves until SIGTERM or SIGINT, then stops: no new connections, requests under way finish (for at most
    /// the server's shutdown timeout, 10 s), and the scheduled jobs' round, before `asyncShutdown` closes the
    /// databases. (Vapor shuts its storage down in no set order: the databases could go first, and a request
    /// still running crashed on them.)
    public static func serve(_ app: Application) async throws {
        try await app.execute()
        await app.server.shutdown()
    }
}

extension LoggingSystem {
    private static let once = NIOLockedValueBox(false)

    /// Vapor's logging bootstrap may run once per process.
    static func bootstrapOnce(from env: inout Environment) throws {
        let first = once.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first { try bootstrap(from: &env) }
    }
}

/// The Vapor application type, named for the CLI so it need not import Vapor (whose `Option` and
/// `Flag` clash with swift-argument-parser's).
public typealias ShieldwallApplication = Application
