import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's plan as one person may see it: every read of a plan goes through here, after
/// `PlanAccess` (through `CommunityStandings`) said they may.
struct PlanState: Sendable {
    let plan: CommunityPlan
    /// Oldest first.
    let versions: [PlanVersion]

    var published: [PlanVersion] { versions.filter(\.isPublished) }
    var current: PlanVersion? { published.last }
    var draft: PlanVersion? { versions.last { !$0.isPublished } }

    func version(_ number: Int) -> PlanVersion? { versions.first { $0.number == number } }
}

enum PlanScope {
    static func plan(of communityID: UUID, on db: any Database) async throws -> CommunityPlan? {
        try await CommunityPlan.query(on: db).filter(\.$community.$id == communityID).first()
    }

    static func state(of communityID: UUID, on db: any Database) async throws -> PlanState? {
        guard let plan = try await plan(of: communityID, on: db) else { return nil }
        let versions = try await PlanVersion.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$number).all()
        return PlanState(plan: plan, versions: versions)
    }

    /// The community named by `:slug` and its plan, for someone who may read it (404 otherwise, as for any
    /// community content). The plan is nil until the facilitator starts it.
    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, PlanState?) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(PlanAccess.canRead(standing))
        return (community, standing, person, try await state(of: community.requireID(), on: req.db))
    }

    /// The same for an API call (bearer token); the plan must have been started.
    static func loadAPI(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, PlanState) {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(PlanAccess.canRead(standing))
        guard let state = try await state(of: community.requireID(), on: req.db) else { throw Abort(.notFound, reason: req.t("plan.none")) }
        return (community, standing, person, state)
    }


    /// The firms taking part and the newest version each signed.
    static func signatures(of plan: CommunityPlan, communityID: UUID, on db: any Database) async throws -> [(Organisation, Int?)] {
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == communityID)
            .filter(\.$status == ParticipationStatus.active).with(\.$organisation).all().map(\.organisation)
        var newest: [UUID: Int] = [:]
        for row in try await PlanSignature.query(on: db).filter(\.$plan.$id == plan.requireID()).all() {
            newest[row.$organisation.id] = max(newest[row.$organisation.id] ?? 0, row.version)
        }
        return firms.sorted { $0.name < $1.name }.map { ($0, $0.id.flatMap { newest[$0] }) }
    }
}
