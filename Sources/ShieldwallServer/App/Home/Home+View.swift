import Foundation
import Plot
import ShieldwallCore
import Vapor

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

    static func person(_ ctx: PageContext, _ p: HomePage) -> Response {
        let person = p.person, openInvitations = p.openInvitations
        return Layout.page(ctx, title: ctx.t("home.title", ["name": person.displayName]), content: [
            .unwrap(p.firstRun) { firstRun($0, ctx) },
            CommunityHomeView.section(ctx, p.communities),
            .unwrap(p.security) { AssessmentHomeView.section(ctx, $0) },
            .if(!person.mfaEnabled && p.firstRun == nil,
                .div(.class("notice"),
                     .p(.text(ctx.t("home.mfa-nudge"))),
                     .p(.a(.href(SiteURL.accountMFA.path), .text(ctx.t("home.mfa-nudge-link")))))),
            .unwrap(p.organisation) { org in
                .section(
                    .h2(.text(ctx.t("home.organisation"))),
                    .p(.a(.href(SiteURL.organisation(org.id).path), .text(org.name)),
                       .text(" · " + ctx.t("size.\(org.size.rawValue)") + " · " + org.sector + " · " + org.region)),
                    .if(openInvitations > 0, .p(.text(ctx.t("home.open-invitations", ["count": String(openInvitations)]))))
                )
            },
            .if(p.organisation == nil && !person.viewer.isOperator, .p(.text(ctx.t("home.expert")))),
            .if(person.viewer.isOperator, .p(.a(.href(SiteURL.operatorHome.path), .text(ctx.t("home.operator-link"))))),
        ])
    }

    /// A link to where the step is done; the assessment starts (or resumes its draft) straight away.
    static func start(_ item: FirstRunChecklist.Item, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard item.key == "assessment" else { return .a(.href(item.path), .text(ctx.t("home.first-run.\(item.key)"))) }
        return .form(.class("inline"), .method(.post), .action(item.path), Forms.csrf(ctx),
                     .button(.type(.submit), .class("link"), .text(ctx.t("home.first-run.\(item.key)"))))
    }

    static func firstRun(_ f: FirstRunChecklist, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("first-run"), .class("notice"),
            .h2(.text(ctx.t("home.first-run.title"))),
            .p(.text(ctx.t("home.first-run.left", ["count": String(f.left), "total": String(f.items.count)]))),
            .ol(.forEach(f.items) { item in
                item.done
                    ? .li(.class("done"), .text("✓ " + ctx.t("home.first-run.\(item.key)")))
                    : .li(start(item, ctx), .text(" — " + ctx.t("home.first-run.\(item.key).why")))
            }),
            .if(!f.suggestions.isEmpty, .group(
                .p(.text(ctx.t("home.first-run.suggested"))),
                .ul(.id("suggested-communities"), .forEach(f.suggestions) { s in .li(.a(.href(SiteURL.community(s.slug).path), .text(s.name))) }))),
            .unwrap(f.basis) { b in
                .p(.class("hint"), .id("first-run-basis"),
                   .text(ctx.t(f.suggestions.isEmpty ? "home.first-run.basis-none" : "home.first-run.basis", ["sector": b.sector, "region": b.region]) + " "),
                   .a(.href(b.path), .text(ctx.t("home.first-run.basis-change"))))
            })
    }
}
