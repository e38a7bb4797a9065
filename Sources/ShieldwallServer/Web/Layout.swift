import Foundation
import Plot
import Vapor

/// The frame of every page: head, skip link, navigation by role, flash message, one `main` landmark
/// with the page heading, footer. Views give only their title and content.
enum Layout {
    static func page(_ ctx: PageContext, title: String, status: HTTPStatus = .ok,
                     content: [Node<HTML.BodyContext>]) -> Response {
        let html = HTML(
            .attribute(named: "lang", value: escapeAttribute(ctx.localiser.language)),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's `.title(_:)`: it copies the text unescaped into og/twitter meta attributes.
                .element(named: "title", nodes: [.text("\(title) — Shieldwall")]),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))
            ),
            .body(
                .a(.class("skip"), .href("#main"), .text(ctx.t("layout.skip"))),
                .header(.class("top"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text("Shieldwall")),
                    navigation(ctx)
                ),
                .main(.id("main"),
                    .h1(.text(title)),
                    .unwrap(ctx.flash) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
                    .group(content)
                ),
                .footer(.p(.text(ctx.t("layout.footer"))), languageSwitch(ctx))
            )
        )
        let response = Response(status: status)
        response.headers.contentType = .html
        response.body = .init(string: html.render())
        if ctx.flash != nil { response.cookies[Flash.cookieName] = .expired }
        return response
    }

    /// Every language the instance has, each named in itself; the page comes back in the one chosen.
    private static func languageSwitch(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard ctx.languages.count > 1 else { return .empty }
        let options: [Node<HTML.BodyContext>] = ctx.languages.map { c in
            .element(named: "option", nodes: [
                .attr("value", c.language), .attr("lang", c.language),
                c.language == ctx.localiser.language ? .attribute(named: "selected", value: "selected") : .empty,
                .text(c.displayName),
            ])
        }
        return .form(.class("language-switch"), .method(.post), .action(SiteURL.language.path),
                     Forms.csrf(ctx),
                     .input(.type(.hidden), .attr("name", "back"), .attr("value", ctx.returnPath ?? SiteURL.home.path)),
                     .label(.for("language-switch"), .text(ctx.t("field.language"))),
                     .element(named: "select", nodes: [.attr("id", "language-switch"), .attr("name", "language")] + options),
                     .button(.type(.submit), .class("secondary"), .text(ctx.t("layout.language-switch"))))
    }

    private static func navigation(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        var links: [(String, String)] = []
        if let person = ctx.signedIn, person.isFullySignedIn {
            links.append((SiteURL.home.path, ctx.t("nav.home")))
            links.append((SiteURL.communities.path, ctx.t("nav.communities")))
            if let org = person.organisationID, person.viewer.organisationRole == .admin {
                links.append((SiteURL.organisation(org).path, ctx.t("nav.organisation")))
            } else if let org = person.organisationID {
                links.append((SiteURL.organisation(org).path, ctx.t("nav.my-organisation")))
            }
            if person.organisationID != nil { links.append((SiteURL.assessment.path, ctx.t("nav.assessment"))) }
            links.append((SiteURL.training.path, ctx.t("nav.training")))
            if person.viewer.isOperator { links.append((SiteURL.operatorHome.path, ctx.t("nav.operator"))) }
            links.append((SiteURL.providers.path, ctx.t("nav.providers")))
            links.append((SiteURL.search.path, ctx.t("nav.search")))
            links.append((SiteURL.help.path, ctx.t("nav.help")))
            links.append((SiteURL.notifications.path, ctx.unreadNotifications > 0
                ? ctx.t("nav.notifications.unread", ["count": String(ctx.unreadNotifications)]) : ctx.t("nav.notifications")))
            links.append((SiteURL.account.path, ctx.t("nav.account")))
        } else if ctx.signedIn == nil {
            links.append((SiteURL.signIn.path, ctx.t("nav.sign-in")))
            if ctx.openRegistration { links.append((SiteURL.register.path, ctx.t("nav.register"))) }
        }
        // On a phone the links fold behind "Menu": a checkbox and its label, so it opens without JavaScript.
        return .nav(.attribute(named: "aria-label", value: escapeAttribute(ctx.t("nav.label"))),
            .input(.type(.checkbox), .id("nav-toggle"), .class("nav-toggle")),
            .label(.for("nav-toggle"), .class("nav-toggle-label"), .text(ctx.t("nav.menu"))),
            .ul(.forEach(links) { link in .li(.a(.href(link.0), .text(link.1))) }),
            .if(ctx.signedIn != nil,
                .form(.class("inline"), .method(.post), .action(SiteURL.signOut.path),
                      Forms.csrf(ctx),
                      .button(.type(.submit), .class("link"), .text(ctx.t("nav.sign-out"))))
            )
        )
    }
}
