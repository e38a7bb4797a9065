import ArgumentParser
import Foundation
import ShieldwallCore
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

    @Option(help: "Seed N times the demo's size for measuring at an operator's scale: 100 gives about 200 communities, 2,000 firms, 8,000 people and 1,000,000 indicators (benchmarks/scale).")
    var scale: Int = 1

    @Option(help: "Link another instance's TAXII API root (e.g. http://127.0.0.1:8081/taxii2/api/) as a peer, pulled into the first community.")
    var peer: String?

    @Option(name: .customLong("peer-token"), help: "The reading-account token the peer gave (shieldwall federation create-account on the peer).")
    var peerToken: String?

    func validate() throws {
        guard (1...1_000).contains(scale) else { throw ValidationError("--scale must be a whole number from 1 to 1000.") }
        if peerToken != nil, peer == nil { throw ValidationError("--peer-token needs --peer.") }
    }

    func run() async throws {
        let problems = ShieldwallConfiguration.environmentProblems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        var configuration = ShieldwallConfiguration.forListening(hostname: listen.hostname, port: listen.port)
        if let data {
            configuration.dataDirectory = URL(fileURLWithPath: data, isDirectory: true)
            configuration.localesDirectory = configuration.dataDirectory.appendingPathComponent("locales")
        } else if ProcessInfo.processInfo.environment["SHIELDWALL_DATA"] == nil {
            configuration.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("shieldwall-demo-\(UUID().uuidString.prefix(8))")
            configuration.localesDirectory = configuration.dataDirectory.appendingPathComponent("locales")
        }
        if peer != nil, configuration.federationKey == nil {
            // A throwaway key for a throwaway instance: the peer's token is sealed with it and lost with it.
            configuration.federationKey = SealedSecret(keyText: UUID().uuidString + UUID().uuidString)
            print("SHIELDWALL_FEDERATION_KEY is not set: this demo seals the peer's token with a key of its own, forgotten when it stops.")
        }
        if let warning = ShieldwallConfiguration.portWarning(baseURL: configuration.baseURL, listeningPort: listen.port) {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        let app = try await ShieldwallApp.make(configuration: configuration, arguments: listen.vaporArguments)
        do {
            try await app.autoMigrate()
            let summary = try await DemoSeed.run(app: app)
            if scale > 1 {
                let s = try await DemoScale.seed(app: app, units: scale - 1) { FileHandle.standardError.write(Data(("  " + $0 + "\n").utf8)) }
                print("Scaled by \(scale - 1) unit(s): \(s.communities) communities, \(s.organisations) organisations, \(s.people) people; "
                      + "\(s.threads) threads with \(s.posts) replies; \(s.reports) reports with \(s.indicators) indicators and \(s.sightings) sightings; "
                      + "\(s.events) events; \(s.notifications) notifications; \(s.assessments) self-assessments.")
            }
            if let peer { print(try await DemoSeed.linkPeer(apiRoot: peer, token: peerToken, app: app)) }
            print("""

            Shieldwall demo — \(summary.organisations) organisations, \(summary.people) people.
            Data: \(configuration.databaseURL == nil ? configuration.dataDirectory.path : "PostgreSQL (DATABASE_URL)")
            Open http://\(listen.hostname):\(listen.port)/ and sign in with password '\(DemoSeed.password)' as:
            """)
            for signIn in summary.signIns {
                print("  \(signIn.email.padding(toLength: 40, withPad: " ", startingAt: 0)) \(signIn.role)")
            }
            print("")
            try await ShieldwallApp.serve(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
