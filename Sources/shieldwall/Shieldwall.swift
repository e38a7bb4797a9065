import ArgumentParser
import Foundation
import ShieldwallServer

@main
struct Shieldwall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shieldwall",
        abstract: "A self-hosted platform for cyber security communities of support.",
        discussion: """
        Configuration comes from the environment: SHIELDWALL_DATA (data directory, default ./shieldwall-data), \
        DATABASE_URL (PostgreSQL; SQLite in the data directory when unset), SHIELDWALL_BASE_URL (the address people \
        use), SHIELDWALL_SENDMAIL (a sendmail-compatible command; mail goes to the operator's outbox when unset).
        """,
        subcommands: [Serve.self, Migrate.self, Demo.self, Admin.self, Federation.self, Stix.self, Scan.self, BackupCommand.self]
    )
}

/// Where the server listens.
struct ListenOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    var hostname = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    var vaporArguments: [String] { ["shieldwall", "serve", "--hostname", hostname, "--port", String(port)] }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Run the web server (migrating the database first unless told not to).",
        discussion: "With several servers on one PostgreSQL, run `shieldwall migrate` once and start each with --skip-migrate."
    )

    @OptionGroup var listen: ListenOptions

    @Flag(help: "Do not apply pending migrations at start.")
    var skipMigrate = false

    func run() async throws {
        let problems = ShieldwallConfiguration.environmentProblems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        let configuration = ShieldwallConfiguration.forListening(hostname: listen.hostname, port: listen.port)
        if let warning = ShieldwallConfiguration.portWarning(baseURL: configuration.baseURL, listeningPort: listen.port) {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        let app = try await ShieldwallApp.make(configuration: configuration, arguments: listen.vaporArguments)
        do {
            if !skipMigrate { try await app.autoMigrate() }
            try await ShieldwallApp.serve(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations and exit.")

    func run() async throws {
        try await withApp { app in
            try await app.autoMigrate()
            print("Database is up to date.")
        }
    }
}

/// Runs `body` with an application on the configured database, shutting it down afterwards.
func withApp(_ configuration: ShieldwallConfiguration = .fromEnvironment(),
             _ body: (ShieldwallApplication) async throws -> Void) async throws {
    let app = try await ShieldwallApp.make(configuration: configuration)
    do {
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
