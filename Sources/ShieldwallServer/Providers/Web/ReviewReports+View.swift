import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ReviewReportsView {
    static func page(_ ctx: PageContext, _ p: ReviewReportsPage) -> Response {
        Layout.page(ctx, title: ctx.t("providers.moderation.title"), content: [
            .p(.class("lead"), .text(ctx.t("providers.moderation.intro"))),
            .section(.id("reported-reviews"),
                .h2(.text(ctx.t("providers.moderation.open"))),
                .if(p.open.isEmpty, .p(.class("empty"), .text(ctx.t("providers.moderation.none")))),
                .forEach(p.open) { item(ctx, $0) }),
            .section(.id("hidden-reviews"),
                .h2(.text(ctx.t("providers.moderation.hidden"))),
                .if(p.hidden.isEmpty, .p(.class("empty"), .text(ctx.t("providers.moderation.none-hidden")))),
                .forEach(p.hidden) { item(ctx, $0) }),
        ])
    }

    static func item(_ ctx: PageContext, _ i: ReviewReportsPage.Item) -> Node<HTML.BodyContext> {
        let author: String = switch i.author {
        case .firm(let name): name
        case .memberFirm: ctx.t("providers.review.member-firm")
        }
        let action = SiteURL.reviewModeration(i.reviewID).path
        return .article(.class("review"),
            .p(.a(.href(SiteURL.provider(i.providerID).path), .text(i.provider)), .text(" — "), .strong(.text(author)), .text(" — "), Format.time(i.updatedAt)),
            .p(.text(i.text.isEmpty ? ctx.t("providers.moderation.no-text") : i.text)),
            .unwrap(i.hiddenReason) { .p(.class("notice"), .text(ctx.t("providers.review.hidden", ["reason": $0]))) },
            .if(!i.reports.isEmpty, .ul(.class("reports"), .forEach(i.reports) { r in
                .li(.text(ctx.t("providers.report.reason.\(r.reason)") + (r.note.isEmpty ? "" : ": " + r.note) + " — "), Format.time(r.at))
            })),
            .div(.class("actions"),
                .if(i.hiddenReason == nil, .group(
                    .form(.method(.post), .action(action),
                          Forms.csrf(ctx), .input(.type(.hidden), .name("decision"), .value("hide")),
                          Forms.field("reason", label: ctx.t("providers.moderation.reason"), hint: ctx.t("providers.moderation.reason-hint"),
                                      id: "reason-\(i.reviewID.uuidString.lowercased())"),
                          Forms.submit(ctx.t("providers.moderation.hide"))),
                    Forms.button(ctx, action: action, text: ctx.t("providers.moderation.keep"), hidden: [("decision", "keep")]))),
                .if(i.hiddenReason != nil,
                    Forms.button(ctx, action: action, text: ctx.t("providers.moderation.restore"), hidden: [("decision", "restore")]))))
    }
}
