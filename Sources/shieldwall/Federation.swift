import ArgumentParser
import Foundation
import ShieldwallServer

struct Federation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federation",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Share intelligence with other Shieldwall instances (or any TAXII 2.1 server) under TLP.",
        discussion: "The same actions as the operator's Federation page. Credentials are sealed with SHIELDWALL_FEDERATION_KEY.",
        subcommands: [FederationAccount.self, FederationPush.self, FederationAddPeer.self, FederationAmber.self, FederationPull.self, FederationList.self]
    )
}

struct FederationAccount: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-account",
        abstract: "Create an account another instance pulls this one's TAXII server with; prints its token (shown once).",
        discussion: "It reads TLP:CLEAR and GREEN of every community, and AMBER only of communities whose facilitator agrees (federation amber --account). It writes nothing unless allowed to push (federation push)."
    )

    @Option(help: "Which instance it is for, e.g. 'Madrid chamber'.") var name: String
    @Option(help: "E-mail of the operator acting (default: the first operator).") var by: String?

    func run() async throws {
        var token = ""
        try await withApp { app in token = try await FederationCommands.createAccount(name: name, by: by, app: app) }
        print(token)
    }
}

struct FederationPush: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Let a reading account push into one community, up to one marking (or --stop).",
        discussion: "TLP:AMBER it pushes comes in only once that community's facilitator agreed (federation amber --account)."
    )

    @Option(help: "The reading account's name.") var account: String
    @Option(help: "The address (slug) of the community it may push into.") var community: String?
    @Option(name: .customLong("highest-tlp"), help: "The highest marking it may push: clear, green or amber.") var highestTLP = "green"
    @Flag(help: "Stop it pushing; it still reads.") var stop = false
    @Option(help: "E-mail of the operator acting (default: the first operator).") var by: String?

    func validate() throws {
        guard (community == nil) == stop else { throw ValidationError("Name either --community or --stop.") }
    }

    func run() async throws {
        try await withApp { app in
            try await FederationCommands.allowPush(account: account, community: community, highestTLP: highestTLP, by: by, app: app)
        }
        print(stop ? "\(account) reads only." : "\(account) may push into \(community ?? "") up to \(highestTLP.uppercased()).")
    }
}

struct FederationAddPeer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-peer",
        abstract: "Pull another instance's TAXII collections into a community here; prints the peer's id."
    )

    @Option(help: "A name people here will recognise.") var name: String
    @Option(name: .customLong("api-root"), help: "The peer's TAXII API root, e.g. https://peer.example/taxii2/api/.") var apiRoot: String
    @Option(help: "Collection ids to pull, separated by commas.") var collections: String
    @Option(help: "The address (slug) of the community the reports go into.") var community: String
    @Option(name: .customLong("highest-tlp"), help: "The highest marking accepted: clear, green or amber (amber needs the facilitator's agreement).")
    var highestTLP = "green"
    @Option(help: "Minutes between pulls (15 to 1440).") var interval: Int?
    @Option(help: "User name for HTTP basic authentication (without it, the secret is sent as a bearer token).") var username: String?
    @Flag(name: .customLong("secret-from-stdin"), help: "Read the token or password from standard input (first line).") var secretFromStdin = false
    @Option(help: "E-mail of the operator acting (default: the first operator).") var by: String?

    func run() async throws {
        let secret = secretFromStdin ? readLine(strippingNewline: true) : nil
        var id = UUID()
        try await withApp { app in
            id = try await FederationCommands.addPeer(.init(name: name, apiRoot: apiRoot, username: username, secret: secret, collections: collections,
                                                            community: community, highestTLP: highestTLP, intervalMinutes: interval),
                                                      by: by, app: app)
        }
        print(id.uuidString.lowercased())
    }
}

struct FederationAmber: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amber",
        abstract: "A community's facilitator agrees that TLP:AMBER crosses: in from a peer, or out to a reading account.",
        discussion: "The agreement is recorded with who agreed, as on the community's Federation page."
    )

    @Option(help: "The community's address (slug).") var community: String
    @Option(help: "Take AMBER from the peer of this name.") var peer: String?
    @Option(help: "Let the reading account of this name read the community's AMBER.") var account: String?
    @Flag(help: "Withdraw the agreement instead.") var withdraw = false
    @Option(help: "E-mail of the facilitator acting (default: the community's facilitator).") var by: String?

    func validate() throws {
        guard (peer == nil) != (account == nil) else { throw ValidationError("Name either --peer or --account.") }
    }

    func run() async throws {
        try await withApp { app in
            try await FederationCommands.agreeToAmber(peer: peer, account: account, community: community, by: by, agree: !withdraw, app: app)
        }
        print(withdraw ? "Agreement withdrawn." : "Agreed.")
    }
}

struct FederationPull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull every peer that is not paused now (or only --peer), and say how it went."
    )

    @Option(help: "Only the peer of this name.") var peer: String?

    func run() async throws {
        var lines: [String] = []
        try await withApp { app in lines = try await FederationCommands.pullNow(peer: peer, app: app) }
        print(lines.isEmpty ? "No peers to pull." : lines.joined(separator: "\n"))
    }
}

struct FederationList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Each peer and its health: last pull, objects, errors.")

    func run() async throws {
        var lines: [String] = []
        try await withApp { app in lines = try await FederationCommands.list(app: app) }
        print(lines.isEmpty ? "No peers." : lines.joined(separator: "\n"))
    }
}
