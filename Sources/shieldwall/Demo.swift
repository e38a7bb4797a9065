import ArgumentParser
import Foundation
import ShieldwallServer

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Start a seeded demo instance: a fresh data directory, migrated, filled with a believable world, served.",
        discussion: """
        Uses a new temporary data directory unless --data or SHIELDWALL_DATA names one (which must then be empty), \
        or DATABASE_URL names a PostgreSQL database (which must have no people yet).
        """
    )

    @OptionGroup var listen: ListenOptions

    @Option(help: "Data directory to use instead of a new temporary one.")
    var data: String?

    func run() async throws {
        var configuration = ShieldwallConfiguration.fromEnvironment()
        let env = ProcessInfo.processInfo.environment
        if let data {
            configuration = ShieldwallConfiguration(dataDirectory: URL(fileURLWithPath: data, isDirectory: true),
                                                    databaseURL: configuration.databaseURL,
                                                    baseURL: env["SHIELDWALL_BASE_URL"] ?? "http://\(listen.hostname):\(listen.port)",
                                                    sendmailCommand: configuration.sendmailCommand)
        } else if env["SHIELDWALL_DATA"] == nil {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shieldwall-demo-\(UUID().uuidString.prefix(8))")
            configuration = ShieldwallConfiguration(dataDirectory: dir, databaseURL: configuration.databaseURL,
                                                    baseURL: env["SHIELDWALL_BASE_URL"] ?? "http://\(listen.hostname):\(listen.port)",
                                                    sendmailCommand: configuration.sendmailCommand)
        }
        let app = try await ShieldwallApp.make(configuration: configuration, arguments: listen.vaporArguments)
        do {
            try await app.autoMigrate()
            let summary = try await DemoSeed.run(app: app)
            print("""

            Shieldwall demo — \(summary.organisations) organisations, \(summary.people) people.
            Data: \(configuration.databaseURL == nil ? configuration.dataDirectory.path : "PostgreSQL (DATABASE_URL)")
            Open http://\(listen.hostname):\(listen.port)/ and sign in with password '\(DemoSeed.password)' as:
            """)
            for signIn in summary.signIns {
                print("  \(signIn.email.padding(toLength: 40, withPad: " ", startingAt: 0)) \(signIn.role)")
            }
            print("")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
