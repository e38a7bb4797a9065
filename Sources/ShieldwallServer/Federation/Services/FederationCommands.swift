import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What `shieldwall federation …` does from the command line: the same actions as the operator's and the
/// facilitators' pages, done as the person named (by default the first operator, or the community's facilitator).
public enum FederationCommands {
    public struct NewPeer: Sendable {
        public var name: String
        public var apiRoot: String
        public var username: String?
        public var secret: String?
        public var collections: String
        public var community: String
        public var highestTLP: String
        public var intervalMinutes: Int?

        public init(name: String, apiRoot: String, username: String?, secret: String?, collections: String, community: String,
                    highestTLP: String, intervalMinutes: Int?) {
            self.name = name; self.apiRoot = apiRoot; self.username = username; self.secret = secret
            self.collections = collections; self.community = community; self.highestTLP = highestTLP; self.intervalMinutes = intervalMinutes
        }
    }

    /// A reading account for another instance; answers its token (shown once).
    public static func createAccount(name: String, by email: String?, app: Application) async throws -> String {
        try await explained(app) { ctx in
            try await PeerAccounts.create(name: name, by: try await operatorPerson(email, ctx), ctx: ctx).token
        }
    }

    /// Lets the reading account named `account` push into the community `community` up to `highestTLP`, or stops it
    /// (`community` nil).
    public static func allowPush(account: String, community: String?, highestTLP: String, by email: String?, app: Application) async throws {
        try await explained(app) { ctx in
            guard let found = try await PeerAccount.query(on: ctx.db).filter(\.$name == account).filter(\.$revokedAt == nil).first() else {
                throw Failure(description: "account: no reading account is named '\(account)'")
            }
            try await PeerAccounts.setPush(try found.requireID(), community: community, highest: highestTLP, by: try await operatorPerson(email, ctx),
                                           ctx: ctx)
        }
    }

    /// A peer to pull; answers its id.
    public static func addPeer(_ new: NewPeer, by email: String?, app: Application) async throws -> UUID {
        try await explained(app) { ctx in
            let form = PeerForm(name: new.name, api_root: new.apiRoot, username: new.username, secret: new.secret, collections: new.collections,
                                community: new.community, highest_tlp: new.highestTLP, interval_minutes: new.intervalMinutes.map(String.init))
            return try await PeerActions.add(form, by: try await operatorPerson(email, ctx), ctx: ctx).requireID()
        }
    }

    /// The community's facilitator agrees that TLP:AMBER crosses: from the peer named `peer` into the community,
    /// or to the reading account named `account` from the community.
    public static func agreeToAmber(peer: String?, account: String?, community slug: String, by email: String?, agree: Bool,
                                    app: Application) async throws {
        try await explained(app) { ctx in
            guard let community = try await Community.query(on: ctx.db).filter(\.$slug == slug).first() else {
                throw Failure(description: "community: no community has the address '\(slug)'")
            }
            let person = try await facilitator(email, of: community, ctx)
            let standing = try await CommunityStandings.standing(of: person, in: community, on: ctx.db)
            if let peer {
                guard let found = try await FederationPeer.query(on: ctx.db).filter(\.$name == peer).first() else {
                    throw Failure(description: "peer: no peer is named '\(peer)'")
                }
                try await PeerActions.agreeToAmber(found, community: community, standing: standing, agree: agree, by: person, ctx: ctx)
            }
            if let account {
                guard let found = try await PeerAccount.query(on: ctx.db).filter(\.$name == account).filter(\.$revokedAt == nil).first() else {
                    throw Failure(description: "account: no reading account is named '\(account)'")
                }
                try await PeerAccounts.share(try found.requireID(), community: community, standing: standing, agree: agree, by: person, ctx: ctx)
            }
        }
    }

    /// Pulls every peer that is not paused now (or only the one named), one line each on how it went.
    public static func pullNow(peer name: String?, app: Application) async throws -> [String] {
        try await explained(app) { ctx in
            var query = FederationPeer.query(on: ctx.db).filter(\.$paused == false).with(\.$community).sort(\.$name)
            if let name { query = query.filter(\.$name == name) }
            let peers = try await query.all()
            if let name, peers.isEmpty { throw Failure(description: "peer: no peer that is not paused is named '\(name)'") }
            let fetcher = HTTPTaxiiFetcher(client: app.http.client.shared)
            var lines: [String] = []
            for peer in peers {
                guard try await PeerPull.claim(peer, ctx) else { lines.append("\(peer.name): being pulled by another process"); continue }
                switch await PeerPull.pull(peer, ctx: ctx, fetcher: fetcher) {
                case .success(let o):
                    lines.append("\(peer.name): \(o.objects) object(s) taken, \(o.withheld) withheld by their marking, \(o.retracted) retracted")
                case .failure(let problem):
                    lines.append("\(peer.name): failed: \(english(ctx).text(problem.key, problem.values))")
                }
            }
            return lines
        }
    }

    /// Each peer's health, as the operator's page shows it.
    public static func list(app: Application) async throws -> [String] {
        let ctx = ActionContext(app)
        return try await FederationPeer.query(on: ctx.db).with(\.$community).sort(\.$name).all().map { peer in
            let health: String
            if let problem = peer.lastError.map(PeerPull.Problem.read) {
                health = (peer.failures > 0 ? "failing (\(peer.failures) in a row): " : "") + english(ctx).text(problem.key, problem.values)
            } else if let at = peer.lastSuccessAt {
                health = "last pull \(at.formatted(.iso8601)): \(peer.lastObjects) object(s), \(peer.lastWithheld) withheld"
            } else {
                health = "never pulled"
            }
            return "\(peer.name)\t\(peer.apiRoot)\tinto \(peer.community.slug) up to \(peer.highestTLP.label)"
                + "\(peer.paused ? " (paused)" : "")\t\(health)"
        }
    }

    // MARK: - Who acts

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func english(_ ctx: ActionContext) -> Localiser { ctx.services.catalogues.localiser(for: CatalogueSet.baseLanguage) }

    /// Runs `body`, turning refusals and form problems into English an operator reads at a terminal.
    static func explained<T: Sendable>(_ app: Application, _ body: (ActionContext) async throws -> T) async throws -> T {
        let ctx = ActionContext(app)
        do {
            return try await body(ctx)
        } catch let failure as Failure {
            throw AdminActions.Failure(description: failure.description)
        } catch let failure as ValidationFailure {
            throw AdminActions.explain(failure, ctx)
        } catch let refusal as any AbortError {
            throw AdminActions.Failure(description: refusal.message(english(ctx)))
        }
    }

    static func signedIn(_ person: Person, _ ctx: ActionContext) async throws -> SignedIn {
        try SignedIn(person: person, organisation: try await person.$organisation.get(on: ctx.db), sessionID: nil, stage: .full)
    }

    static func operatorPerson(_ email: String?, _ ctx: ActionContext) async throws -> SignedIn {
        var query = Person.query(on: ctx.db).filter(\.$isOperator == true).sort(\.$createdAt)
        if let email { query = query.filter(\.$email == email.lowercased().trimmingWhitespace()) }
        guard let person = try await query.first() else {
            throw Failure(description: email.map { "by: \($0) is not an operator of this instance" }
                          ?? "by: this instance has no operator yet (shieldwall admin create-operator)")
        }
        return try await signedIn(person, ctx)
    }

    static func facilitator(_ email: String?, of community: Community, _ ctx: ActionContext) async throws -> SignedIn {
        guard let person = try await CommunityStandings.personOrFacilitator(email, of: community.requireID(), on: ctx.db) else {
            throw Failure(description: "by: nobody to agree for \(community.slug)")
        }
        return try await signedIn(person, ctx)
    }
}
