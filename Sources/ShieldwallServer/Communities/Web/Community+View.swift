import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CommunityView {
    static func directory(_ ctx: PageContext, _ p: CommunityDirectoryPage) -> Response {
        Layout.page(ctx, title: ctx.t("communities.title"), content: [
            .p(.text(ctx.t("communities.intro"))),
            .h2(.text(ctx.t("communities.mine"))),
            p.mine.isEmpty ? .p(.class("empty"), .text(ctx.t("communities.none-mine")))
                : .ul(.class("cards"), .forEach(p.mine) { card, role in
                    .li(.a(.href(SiteURL.community(card.slug).path), .text(card.name)),
                        .text(" · " + ctx.t("community.kind.\(card.kind.rawValue)")),
                        .unwrap(role) { .text(" · " + ctx.t("community.role.\($0.rawValue)")) })
                }),
            .if(!p.requested.isEmpty, .group(
                .h2(.text(ctx.t("communities.requested"))),
                .ul(.forEach(p.requested) { card in
                    .li(.text(card.name + " — " + ctx.t("community.status.\(card.status.rawValue)")))
                }))),
            .h2(.text(ctx.t("communities.directory"))),
            p.listed.isEmpty ? .p(.class("empty"), .text(ctx.t("communities.none-listed")))
                : .ul(.class("cards"), .forEach(p.listed) { card in
                    .li(.a(.href(SiteURL.community(card.slug).path), .text(card.name)),
                        .text(" · " + ctx.t("community.kind.\(card.kind.rawValue)")), .p(.text(card.description)))
                }),
            .p(.a(.class("button"), .href(SiteURL.communityNew.path), .text(ctx.t("communities.start")))),
        ])
    }

    static func kindOptions(_ ctx: PageContext) -> [(value: String, text: String)] {
        Community.Kind.allCases.map { ($0.rawValue, ctx.t("community.kind.\($0.rawValue)")) }
    }

    static func purposeFields(_ ctx: PageContext, form: CommunityPurposeForm, errors: [String: String]) -> Node<HTML.FormContext> {
        .group(
            Forms.field("name", label: ctx.t("field.community-name"), value: form.name ?? "", error: errors["name"]),
            Forms.select("kind", label: ctx.t("field.community-kind"), options: kindOptions(ctx), selected: form.kind ?? "sector",
                         error: errors["kind"]),
            Forms.textarea("description", label: ctx.t("field.community-purpose"), value: form.description ?? "",
                           error: errors["description"], hint: ctx.t("field.community-purpose-hint")),
            Forms.field("tags", label: ctx.t("field.community-tags"), value: form.tags ?? "", error: errors["tags"],
                        hint: ctx.t("field.community-tags-hint"), required: false),
            Forms.checkbox("listed", label: ctx.t("field.community-listed"), checked: form.listed == "true")
        )
    }

    static func new(_ ctx: PageContext, _ p: CommunityNewPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("communities.new.title"), status: status, content: [
            .p(.text(ctx.t("communities.new.intro"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.communityNew.path),
                Forms.csrf(ctx),
                purposeFields(ctx, form: p.form, errors: p.errors),
                Forms.submit(ctx.t("communities.new.submit"))
            ),
        ])
    }

    static func publicCard(_ ctx: PageContext, _ p: CommunityPublicPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card
        return Layout.page(ctx, title: card.name, status: status, content: [
            .p(.text(ctx.t("community.kind.\(card.kind.rawValue)") + (card.tags.isEmpty ? "" : " · " + card.tags))),
            .p(.text(card.description)),
            .unwrap(p.declinedBecause) { .p(.class("notice"), .text(ctx.t("community.join.declined", ["reason": $0]))) },
            p.requestPending ? .p(.class("notice"), .text(ctx.t("community.join.pending")))
                : p.canRequest ? .group(
                    .h2(.text(ctx.t("community.join.heading"))),
                    Forms.errorSummary(ctx, p.errors),
                    .form(.method(.post), .action(SiteURL.communityJoin(card.slug).path),
                        Forms.csrf(ctx),
                        Forms.textarea("reason", label: ctx.t("field.join-reason"), value: "", error: p.errors["reason"]),
                        Forms.submit(ctx.t("community.join.submit"))))
                : .p(.text(ctx.t("community.join.ask-admin"))),
        ])
    }

    static func charter(_ ctx: PageContext, _ p: CharterPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, standing = p.standing
        return Layout.page(ctx, title: ctx.t("charter.title", ["community": card.name]), status: status, content: [
            .if(p.mustAccept, .p(.class("notice"), .text(ctx.t(standing.acceptedCharterVersion == nil ? "charter.accept-first" : "charter.changed")))),
            .p(.class("hint"), .text(ctx.t("charter.version", ["version": String(card.charterVersion)]))),
            card.charterVersion == 0 ? .p(.class("empty"), .text(ctx.t("charter.none"))) : Markdown.node(p.text),
            .if(p.mustAccept,
                .form(.method(.post), .action(SiteURL.communityCharterAccept(card.slug).path),
                      Forms.csrf(ctx),
                      .input(.type(.hidden), .attr("name", "version"), .attr("value", String(card.charterVersion))),
                      Forms.submit(ctx.t("charter.accept")))),
            .if(CommunityAccess.canFacilitate(standing), .group(
                .h2(.text(ctx.t("charter.edit"))),
                .p(.text(ctx.t("charter.edit-intro"))),
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(SiteURL.communityCharter(card.slug).path),
                      Forms.csrf(ctx),
                      Forms.textarea("charter", label: ctx.t("field.charter"), value: p.text, error: p.errors["charter"], rows: 20),
                      Forms.submit(ctx.t("charter.publish"))))),
        ])
    }
}
