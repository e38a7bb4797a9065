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

    @Sendable func directory(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return CommunityView.directory(try await req.pageContext(), try await CommunityDirectoryPage.build(for: person, on: req.db))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        return CommunityView.new(try await req.pageContext(), CommunityNewPage(form: CommunityPurposeForm(kind: "sector", listed: "true"), errors: [:]))
    }

    @Sendable func requestStart(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let form = try req.content.decode(CommunityPurposeForm.self)
        guard person.organisationID != nil else { throw Abort(.forbidden, reason: req.t("error.start-members-only")) }
        do {
            let community = try await CommunityActions.requestStart(
                .init(name: form.name, kind: form.kind, description: form.description, tags: form.tags, listed: form.listed == "true"),
                by: person, ctx: ActionContext(req))
            if community.status == .setup { return req.seeOther(SiteURL.communitySetup(community.slug, 2).path) }
            return req.seeOther(SiteURL.communities.path, flash: "flash.community-requested")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return CommunityView.new(ctx, CommunityNewPage(form: form, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
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
        guard CommunityAccess.canSeeContent(standing) else {
            // Visitors see the public card of a listed community; operators its figures; others nothing.
            if standing.isOperator { return req.seeOther(SiteURL.communityHealth(community.slug).path) }
            try req.require(community.listed && community.status == .active)
            return CommunityView.publicCard(try await req.pageContext(), try await CommunityPublicPage.build(community, viewer: person, on: req.db))
        }
        let page = try await CommunityOverviewPage.build(community, standing: standing, on: req.db, now: req.now)
        return CommunityOverviewView.overview(try await req.pageContext(), page)
    }

    @Sendable func charter(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(CommunityAccess.canReadCharter(standing) || CommunityAccess.canFacilitate(standing))
        return CommunityView.charter(try await req.pageContext(), try await CharterPage.build(community, standing: standing, on: req.db))
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
            let page = try await CharterPage.build(community, standing: standing, editing: form.charter ?? "", errors: failure.messages(ctx.localiser),
                                                   on: req.db)
            return CommunityView.charter(ctx, page, status: .unprocessableEntity)
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
            let page = try await CommunityPublicPage.build(community, viewer: person, errors: failure.messages(ctx.localiser), on: req.db)
            return CommunityView.publicCard(ctx, page, status: .unprocessableEntity)
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
