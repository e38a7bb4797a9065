import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The directory, asking to start a community, a community's home page, its charter, joining and leaving.
struct CommunityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communities, use: directory)
        routes.get(SiteURL.communityNew, use: newForm)
        routes.post(SiteURL.communityNew, use: requestStart)
        routes.get(SiteURL.community, use: show)
        routes.get(SiteURL.communityCharter, use: charter)
        routes.post(SiteURL.communityCharter, use: editCharter)
        routes.post(SiteURL.communityCharterAccept, use: acceptCharter)
        routes.post(SiteURL.communityJoin, use: requestToJoin)
        routes.post(SiteURL.communityLeave, use: leave)
    }

    struct PurposeForm: Content {
        var name: String?
        var kind: String?
        var description: String?
        var tags: String?
        var listed: String?
    }

    @Sendable func directory(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let mine = try await CommunityStandings.activeCommunityIDs(of: person, on: req.db)
        let listed = try await Community.query(on: req.db).filter(\.$listed == true)
            .filter(\.$status == Community.Status.active).sort(\.$name).all()
        let own = mine.isEmpty ? [] : try await Community.query(on: req.db).filter(\.$id ~~ Array(mine.keys)).sort(\.$name).all()
        let requested = try await Community.query(on: req.db).filter(\.$requestedBy.$id == person.personID)
            .filter(\.$status ~~ [Community.Status.requested, Community.Status.declined]).all()
        return CommunityView.directory(try await req.pageContext(), mine: own.map { (CommunityCard($0), mine[$0.id ?? UUID()]) },
                                       listed: listed.filter { mine[$0.id ?? UUID()] == nil }.map(CommunityCard.init),
                                       requested: requested.map(CommunityCard.init))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        return CommunityView.new(try await req.pageContext(), form: PurposeForm(kind: "sector", listed: "true"), errors: [:])
    }

    @Sendable func requestStart(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let form = try req.content.decode(PurposeForm.self)
        guard person.organisationID != nil else { throw Abort(.forbidden, reason: req.t("error.start-members-only")) }
        do {
            let community = try await CommunityActions.requestStart(
                .init(name: form.name, kind: form.kind, description: form.description, tags: form.tags, listed: form.listed == "true"),
                by: person, ctx: ActionContext(req))
            if community.status == .setup { return req.seeOther(SiteURL.communitySetup(community.slug, 2).path) }
            return req.seeOther(SiteURL.communities.path, flash: "flash.community-requested")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return CommunityView.new(ctx, form: form, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        if standing.isActiveParticipant && !standing.hasAcceptedCurrentCharter && community.charterVersion > 0 {
            return req.seeOther(SiteURL.communityCharter(community.slug).path)
        }
        if community.status == .setup && standing.role == .facilitator {
            return req.seeOther(SiteURL.communitySetup(community.slug, min(community.setupStep + 1, 4)).path)
        }
        let ctx = try await req.pageContext()
        guard CommunityAccess.canSeeContent(standing) else {
            // Visitors see the public card of a listed community; operators its figures; others nothing.
            if standing.isOperator { return req.seeOther(SiteURL.communityHealth(community.slug).path) }
            try req.require(community.listed && community.status == .active)
            let last = try await person.organisationID.asyncMap { org in
                try await JoinRequest.query(on: req.db).filter(\.$community.$id == community.requireID())
                    .filter(\.$organisation.$id == org).sort(\.$createdAt, .descending).first()
            } ?? nil
            return CommunityView.publicCard(ctx, CommunityCard(community), canRequest: person.viewer.organisationRole == .admin,
                                            requestPending: last?.status == .pending,
                                            declinedBecause: last?.status == .declined ? last?.decisionReason : nil,
                                            errors: [:])
        }
        let model = try await CommunityOverview.build(community, standing: standing, viewer: person, req: req)
        return CommunityView.overview(ctx, model)
    }

    @Sendable func charter(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(CommunityAccess.canReadCharter(standing) || CommunityAccess.canFacilitate(standing))
        let text = try await CharterVersion.query(on: req.db).filter(\.$community.$id == community.requireID())
            .filter(\.$version == community.charterVersion).first()?.text ?? ""
        return CommunityView.charter(try await req.pageContext(), CommunityCard(community), text: text, standing: standing, errors: [:])
    }

    struct CharterForm: Content {
        var charter: String?
        var version: Int?
    }

    @Sendable func editCharter(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.requireFacilitator(standing)
        let form = try req.content.decode(CharterForm.self)
        do {
            try await CommunityActions.publishCharter(community, text: form.charter, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityCharter(community.slug).path, flash: "flash.charter-published")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return CommunityView.charter(ctx, CommunityCard(community), text: form.charter ?? "", standing: standing,
                                         errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func acceptCharter(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(standing.isActiveParticipant)
        let form = try req.content.decode(CharterForm.self)
        do {
            try await CommunityActions.acceptCharter(community, version: form.version ?? -1, by: person, ctx: ActionContext(req))
        } catch is ValidationFailure {
            return req.seeOther(SiteURL.communityCharter(community.slug).path, flash: "flash.charter-changed")
        }
        return req.seeOther(SiteURL.community(community.slug).path, flash: "flash.charter-accepted")
    }

    struct JoinForm: Content {
        var reason: String?
    }

    @Sendable func requestToJoin(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (community, _) = try await CommunityStandings.load(req)
        do {
            try await MembershipActions.requestToJoin(community, reason: try req.content.decode(JoinForm.self).reason, by: person,
                                                      ctx: ActionContext(req))
            return req.seeOther(SiteURL.community(community.slug).path, flash: "flash.join-requested")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return CommunityView.publicCard(ctx, CommunityCard(community), canRequest: person.viewer.organisationRole == .admin,
                                            requestPending: false, declinedBecause: nil, errors: failure.messages(ctx.localiser),
                                            status: .unprocessableEntity)
        }
    }

    /// A firm's admin takes the firm out; an expert takes themself out. History stays ("former member").
    @Sendable func leave(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(standing.isActiveParticipant)
        if standing.role == .member {
            guard person.viewer.organisationRole == .admin, let org = person.organisationID else {
                throw Abort(.forbidden, reason: req.t("error.leave-admins-only"))
            }
            try await MembershipActions.setStatus(community, organisationID: org, personID: nil, to: .former, note: nil, by: person, ctx: ActionContext(req))
        } else {
            try await MembershipActions.setStatus(community, organisationID: nil, personID: person.personID, to: .former, note: nil,
                                                  by: person, ctx: ActionContext(req))
        }
        return req.seeOther(SiteURL.communities.path, flash: "flash.community-left")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

/// What any signed-in person may know about a community: its name, kind and purpose.
struct CommunityCard: Sendable {
    let id: UUID
    let name: String
    let slug: String
    let kind: Community.Kind
    let description: String
    let tags: String
    let status: Community.Status
    let listed: Bool
    let charterVersion: Int

    init(_ c: Community) {
        id = c.id ?? UUID(); name = c.name; slug = c.slug; kind = c.kind; description = c.description; tags = c.tags
        status = c.status; listed = c.listed; charterVersion = c.charterVersion
    }
}
