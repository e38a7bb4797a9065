import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The first page: what Shieldwall is for visitors, the person's own start page once signed in.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home, use: home)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let ctx = try await req.pageContext()
        guard let person = req.signedIn, person.isFullySignedIn else { return HomeView.visitor(ctx) }
        if person.mustEnrolMFA { return req.seeOther(SiteURL.accountMFA.path) }
        var organisation: OrganisationSummary?
        var openInvitations = 0
        if let orgID = person.organisationID, let org = try await Organisation.find(orgID, on: req.db) {
            organisation = OrganisationSummary(org)
            if AccountAccess.canManage(organisation: orgID.uuidString, viewer: person.viewer) {
                openInvitations = try await Invitation.query(on: req.db).filter(\.$organisation.$id == orgID)
                    .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > req.now).count()
            }
        }
        let home = try await CommunityHomeSection.build(for: person, on: req.db, now: req.now)
        return HomeView.person(ctx, person: person, organisation: organisation, openInvitations: openInvitations, communities: home,
                               security: try await AssessmentHomeSection.build(for: person, on: req.db, now: req.now))
    }
}

enum HomeView {
    static func visitor(_ ctx: PageContext) -> Response {
        Layout.page(ctx, title: ctx.t("home.visitor.title"), content: [
            .p(.class("lead"), .text(ctx.t("home.visitor.lead"))),
            .ul(
                .li(.text(ctx.t("home.visitor.point1"))),
                .li(.text(ctx.t("home.visitor.point2"))),
                .li(.text(ctx.t("home.visitor.point3")))
            ),
            .p(.a(.class("button"), .href(SiteURL.signIn.path), .text(ctx.t("nav.sign-in")))),
            .if(ctx.openRegistration, .p(.a(.href(SiteURL.register.path), .text(ctx.t("signin.register-link"))))),
        ])
    }

    static func person(_ ctx: PageContext, person: SignedIn, organisation: OrganisationSummary?, openInvitations: Int,
                       communities: CommunityHomeSection, security: AssessmentHomeSection?) -> Response {
        Layout.page(ctx, title: ctx.t("home.title", ["name": person.displayName]), content: [
            CommunityHomeView.section(ctx, communities),
            .unwrap(security) { AssessmentHomeView.section(ctx, $0) },
            .if(!person.mfaEnabled,
                .div(.class("notice"),
                     .p(.text(ctx.t("home.mfa-nudge"))),
                     .p(.a(.href(SiteURL.accountMFA.path), .text(ctx.t("home.mfa-nudge-link")))))),
            .unwrap(organisation) { org in
                .section(
                    .h2(.text(ctx.t("home.organisation"))),
                    .p(.a(.href(SiteURL.organisation(org.id).path), .text(org.name)),
                       .text(" · " + ctx.t("size.\(org.size)") + " · " + org.sector + " · " + org.region)),
                    .if(openInvitations > 0, .p(.text(ctx.t("home.open-invitations", ["count": String(openInvitations)]))))
                )
            },
            .if(organisation == nil && !person.viewer.isOperator, .p(.text(ctx.t("home.expert")))),
            .if(person.viewer.isOperator, .p(.a(.href(SiteURL.operatorHome.path), .text(ctx.t("home.operator-link"))))),
        ])
    }
}
