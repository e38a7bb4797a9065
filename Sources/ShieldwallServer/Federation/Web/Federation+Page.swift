import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's federation page: the instances this one pulls from, with their health, and the reading accounts
/// other instances pull this one with.
struct FederationPage: Sendable {
    struct Peer: Sendable {
        let id: UUID
        let name: String
        let apiRoot: String
        let collections: [String]
        let community: String
        let communitySlug: String
        let highest: TLP
        /// Who agreed to take TLP:AMBER, when the peer is asked for it.
        let amberAgreedBy: String?
        let reshare: Bool
        let paused: Bool
        let hasSecret: Bool
        let lastSuccess: Date?
        let lastAttempt: Date?
        let nextPull: Date
        let objects: Int
        let lastObjects: Int
        let lastWithheld: Int
        let failures: Int
        let problem: PeerPull.Problem?
    }

    struct Account: Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let createdAt: Date
        let lastUsedAt: Date?
        let revokedAt: Date?
        /// Communities that let it read their TLP:AMBER.
        let amberCommunities: [String]
        /// Where it may push (slug, name) and up to which marking, and how pushing went.
        let push: (slug: String, name: String, highest: TLP)?
        let lastPushAt: Date?
        let objectsPushed: Int
    }

    let peers: [Peer]
    let accounts: [Account]
    let communities: [(slug: String, name: String)]
    /// Where other instances point their TAXII client.
    let discoveryURL: String
    /// Whether credentials can be sealed (`SHIELDWALL_FEDERATION_KEY`).
    let canSeal: Bool
    var created: PeerAccounts.Created?
    var form = PeerForm()
    var errors: [String: String] = [:]
    var accountErrors: [String: String] = [:]

    static func build(configuration: ShieldwallConfiguration, on db: any Database) async throws -> FederationPage {
        let peers = try await FederationPeer.query(on: db).with(\.$community).sort(\.$name).all()
        let accounts = try await PeerAccount.query(on: db).with(\.$pushCommunity).sort(\.$revokedAt).sort(\.$name).all()
        let shares = try await PeerAccountShare.query(on: db).with(\.$community).all()
        let agreedBy = try await Person.query(on: db).filter(\.$id ~~ Set(peers.compactMap { $0.$amberAgreedBy.id })).all()
        let names = Dictionary(agreedBy.compactMap { p in p.id.map { ($0, p.displayName) } }, uniquingKeysWith: { a, _ in a })
        let communities = try await Community.query(on: db).filter(\.$status == .active).sort(\.$name).all()
        return FederationPage(
            peers: try peers.map { p in
                Peer(id: try p.requireID(), name: p.name, apiRoot: p.apiRoot, collections: p.collections, community: p.community.name,
                     communitySlug: p.community.slug, highest: p.highestTLP, amberAgreedBy: p.$amberAgreedBy.id.flatMap { names[$0] },
                     reshare: p.reshare, paused: p.paused, hasSecret: p.secretSealed != nil, lastSuccess: p.lastSuccessAt,
                     lastAttempt: p.lastAttemptAt, nextPull: p.nextPullAt, objects: p.objectsPulled, lastObjects: p.lastObjects,
                     lastWithheld: p.lastWithheld, failures: p.failures, problem: p.lastError.map(PeerPull.Problem.read))
            },
            accounts: try accounts.map { a in
                let id = try a.requireID()
                return Account(id: id, name: a.name, prefix: a.visiblePrefix, createdAt: a.createdAt, lastUsedAt: a.lastUsedAt, revokedAt: a.revokedAt,
                               amberCommunities: shares.filter { $0.$account.id == id }.map(\.community.name).sorted(),
                               push: a.pushCommunity.flatMap { c in a.pushHighest.map { (c.slug, c.name, $0) } },
                               lastPushAt: a.lastPushAt, objectsPushed: a.objectsPushed)
            },
            communities: communities.map { ($0.slug, $0.name) },
            discoveryURL: configuration.baseURL + TaxiiURL.discovery.path + "/", canSeal: configuration.federationKey != nil)
    }
}

/// A community's federation page, for its facilitator: the peers pulling into it that ask for TLP:AMBER, and the
/// instances that read this one, each with whether the community agreed.
struct CommunityFederationPage: Sendable {
    struct Incoming: Sendable {
        let id: UUID
        let name: String
        let apiRoot: String
        let highest: TLP
        let agreedBy: String?
        let agreedAt: Date?
    }

    struct Outgoing: Sendable {
        let id: UUID
        let name: String
        let agreedBy: String?
        let agreedAt: Date?
        /// The highest marking it may push into this community, when the operator let it.
        let pushes: TLP?
    }

    let name: String
    let slug: String
    let incoming: [Incoming]
    let outgoing: [Outgoing]

    static func build(_ community: Community, on db: any Database) async throws -> CommunityFederationPage {
        let id = try community.requireID()
        let peers = try await FederationPeer.query(on: db).filter(\.$community.$id == id).sort(\.$name).all()
        let accounts = try await PeerAccount.query(on: db).filter(\.$revokedAt == nil).sort(\.$name).all()
        let shares = try await PeerAccountShare.query(on: db).filter(\.$community.$id == id).all()
        let people = Set(peers.compactMap { $0.$amberAgreedBy.id } + shares.compactMap { $0.$agreedBy.id })
        let names = Dictionary(try await Person.query(on: db).filter(\.$id ~~ people).all().compactMap { p in p.id.map { ($0, p.displayName) } },
                               uniquingKeysWith: { a, _ in a })
        return CommunityFederationPage(
            name: community.name, slug: community.slug,
            incoming: try peers.map { p in
                Incoming(id: try p.requireID(), name: p.name, apiRoot: p.apiRoot, highest: p.highestTLP,
                         agreedBy: p.$amberAgreedBy.id.flatMap { names[$0] }, agreedAt: p.amberAgreedAt)
            },
            outgoing: try accounts.map { a in
                let share = shares.first { $0.$account.id == a.id }
                return Outgoing(id: try a.requireID(), name: a.name, agreedBy: share?.$agreedBy.id.flatMap { names[$0] }, agreedAt: share?.agreedAt,
                                pushes: a.$pushCommunity.id == id ? a.pushHighest : nil)
            })
    }
}

/// A reading account as the operator names it.
struct PeerAccountForm: Content {
    var name: String?
}

/// Where a reading account may push, up to which marking; no community: it may not.
struct PushForm: Content {
    var push_community: String?
    var push_highest_tlp: String?
}

/// A facilitator's answer: agree or stop.
struct AgreementForm: Content {
    var agree: Bool?
}
