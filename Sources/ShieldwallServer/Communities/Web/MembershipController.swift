import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The facilitator's invitations, vetting and member management, and invitees' answers.
struct MembershipController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.communityInvitations, use: invite)
        routes.post(SiteURL.communityJoinRequestDecision, use: decide)
        routes.post(SiteURL.communityOrganisationStatus, use: setOrganisationStatus)
        routes.post(SiteURL.communityPersonStatus, use: setPersonStatus)
        routes.post(SiteURL.communityInvitationAnswer, use: answer)
    }

    struct InviteForm: Content {
        var organisation: String?
        var expert: String?
        var message: String?
    }

    struct DecisionForm: Content {
        var decision: String?
        var decision_reason: String?
    }

    struct StatusForm: Content {
        var status: String?
        var note: String?
    }

    static func facilitated(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn) {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.requireFacilitator(standing)
        return (community, standing, person)
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.facilitated(req)
        let form = try req.content.decode(InviteForm.self)
        let ctx = try await req.pageContext()
        do {
            let orgID = form.organisation.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            let expertID = form.expert.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            if (form.organisation ?? "").isEmpty == false && orgID == nil { throw ValidationFailure(field: "organisation", key: "error.unknown-organisation") }
            if orgID != nil && expertID != nil { throw ValidationFailure(field: "organisation", key: "error.invite-one-at-a-time") }
            let invited = try await MembershipActions.invite(to: community, organisationID: orgID, expertID: expertID,
                                                             message: form.message, by: person, ctx: ActionContext(req))
            let flash = invited.mailed ? "flash.community-invited" : "flash.community-invited-unmailed"
            if req.url.query?.contains("setup=1") == true {
                return req.seeOther(SiteURL.communitySetup(community.slug, 3).path + (invited.warning == nil ? "" : "?warn=1"), flash: flash)
            }
            if let warning = invited.warning {
                let page = try await CommunityOverviewPage.build(community, standing: standing, on: req.db, now: req.now)
                return CommunityOverviewView.facilitatorPage(ctx, page, errors: [:], warning: warning.message(ctx.localiser)
                                                             + (invited.mailed ? "" : " " + ctx.t("flash.community-invited-unmailed")))
            }
            return req.seeOther(SiteURL.community(community.slug).path, flash: flash)
        } catch let failure as ValidationFailure {
            let page = try await CommunityOverviewPage.build(community, standing: standing, on: req.db, now: req.now)
            return CommunityOverviewView.facilitatorPage(ctx, page, errors: failure.messages(ctx.localiser), warning: nil, status: .unprocessableEntity)
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let (community, standing, person) = try await Self.facilitated(req)
        guard let id = req.parameters.get(.requestID, as: UUID.self),
              let request = try await JoinRequest.query(on: req.db).filter(\.$id == id)
                .filter(\.$community.$id == community.requireID()).first()
        else { throw Abort(.notFound) }
        let form = try req.content.decode(DecisionForm.self)
        do {
            guard let decision = form.decision, ["approve", "decline"].contains(decision) else {
                throw ValidationFailure(field: "decision", key: "error.decision")
            }
            try await MembershipActions.decide(request, approve: decision == "approve", reason: form.decision_reason,
                                               community: community, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.community(community.slug).path, flash: decision == "approve" ? "flash.join-approved" : "flash.join-declined")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = try await CommunityOverviewPage.build(community, standing: standing, on: req.db, now: req.now)
            return CommunityOverviewView.facilitatorPage(ctx, page, errors: failure.messages(ctx.localiser), warning: nil, status: .unprocessableEntity)
        }
    }

    @Sendable func setOrganisationStatus(req: Request) async throws -> Response {
        let (community, _, person) = try await Self.facilitated(req)
        guard let orgID = req.parameters.get(.orgID, as: UUID.self) else { throw Abort(.notFound) }
        let form = try req.content.decode(StatusForm.self)
        guard let status = ParticipationStatus(rawValue: form.status ?? "") else { throw ValidationFailure(field: "status", key: "error.status") }
        try await MembershipActions.setStatus(community, organisationID: orgID, personID: nil, to: status, note: form.note,
                                              by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.community(community.slug).path, flash: "flash.member-updated")
    }

    @Sendable func setPersonStatus(req: Request) async throws -> Response {
        let (community, _, person) = try await Self.facilitated(req)
        guard let personID = req.parameters.get(.personID, as: UUID.self) else { throw Abort(.notFound) }
        let form = try req.content.decode(StatusForm.self)
        guard let status = ParticipationStatus(rawValue: form.status ?? "") else { throw ValidationFailure(field: "status", key: "error.status") }
        try await MembershipActions.setStatus(community, organisationID: nil, personID: personID, to: status, note: form.note,
                                              by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.community(community.slug).path, flash: "flash.member-updated")
    }

    struct AnswerForm: Content {
        var answer: String?
    }

    /// An invitation's answer, from the invited expert or an admin of the invited firm.
    @Sendable func answer(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard let id = req.parameters.get(.invitationID, as: UUID.self),
              let invitation = try await CommunityInvitation.query(on: req.db).filter(\.$id == id).with(\.$community).first()
        else { throw Abort(.notFound) }
        let answer = try req.content.decode(AnswerForm.self).answer
        guard answer == "accept" || answer == "decline" else { throw ValidationFailure(field: "answer", key: "error.decision") }
        do {
            try await MembershipActions.answer(invitation, accept: answer == "accept", by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            throw Abort(.conflict, reason: failure.problems.first.map { req.t($0.key, $0.values) } ?? "")
        }
        if answer == "accept" {
            return req.seeOther(SiteURL.communityCharter(invitation.community.slug).path, flash: "flash.community-joined")
        }
        return req.seeOther(SiteURL.home.path, flash: "flash.community-declined")
    }
}
