import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PurchasesView {
    static func list(_ ctx: PageContext, _ p: PurchasesPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug
        return Layout.page(ctx, title: ctx.t("purchases.title", ["community": p.card.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(slug).path), .text(ctx.t("community.back")))),
            .p(.class("lead"), .text(ctx.t("purchases.intro"))),
            Table.render(caption: ctx.t("purchases.title", ["community": p.card.name]),
                         headers: [ctx.t("purchases.what"), ctx.t("purchases.organiser"), ctx.t("purchases.deadline"), ctx.t("purchases.interest"),
                                   ctx.t("purchases.status")],
                         rows: p.rows.map { r in [
                            .a(.href(SiteURL.communityPurchase(slug, r.id).path), .text(r.title)), .text(r.organiser), Format.time(r.deadline),
                            .text(total(ctx, firms: r.firms, quantity: r.quantity, unit: r.unit)),
                            .text(ctx.t("purchases.status.\(r.status.rawValue)")),
                         ] }, empty: ctx.t("purchases.none")),
            .if(p.canPropose, form(ctx, p)),
        ])
    }

    static func total(_ ctx: PageContext, firms: Int, quantity: Int, unit: String) -> String {
        ctx.t("purchases.total", ["firms": String(firms), "quantity": String(quantity), "unit": unit])
    }

    static func form(_ ctx: PageContext, _ p: PurchasesPage) -> Node<HTML.BodyContext> {
        let f = p.form
        return .section(.id("purchase-form"),
            .h2(.text(ctx.t("purchases.propose"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.communityPurchases(p.card.slug).path),
                Forms.csrf(ctx),
                Forms.field("title", label: ctx.t("purchases.what"), value: f.title ?? "", error: p.errors["title"], hint: ctx.t("purchases.what-hint")),
                Forms.textarea("details", label: ctx.t("purchases.details"), value: f.details ?? "", error: p.errors["details"],
                               hint: ctx.t("purchases.details-hint"), required: false, rows: 4),
                Forms.field("unit", label: ctx.t("purchases.unit"), value: f.unit ?? "", error: p.errors["unit"], hint: ctx.t("purchases.unit-hint"),
                            required: false),
                Forms.field("deadline", label: ctx.t("purchases.deadline"), type: .date, value: f.deadline ?? "", error: p.errors["deadline"],
                            hint: ctx.t("purchases.deadline-hint")),
                Forms.submit(ctx.t("purchases.propose-send"))))
    }

    static func show(_ ctx: PageContext, _ p: PurchasePage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug
        return Layout.page(ctx, title: p.title, status: status, content: [
            .p(.a(.href(SiteURL.communityPurchases(slug).path), .text(ctx.t("purchases.back")))),
            .dl(.class("facts"),
                .dt(.text(ctx.t("purchases.organiser"))), .dd(.text(p.organiser)),
                .dt(.text(ctx.t("purchases.deadline"))), .dd(Format.time(p.deadline)),
                .dt(.text(ctx.t("purchases.status"))), .dd(.text(ctx.t("purchases.status.\(p.status.rawValue)"))),
                .dt(.text(ctx.t("purchases.interest"))), .dd(.id("purchase-total"), .text(total(ctx, firms: p.firms, quantity: p.quantity, unit: p.unit)))),
            .if(!p.details.isEmpty, Markdown.node(p.details)),
            .unwrap(p.outcome) { outcome in
                .section(.id("purchase-outcome"), .h2(.text(ctx.t("purchases.outcome"))), Markdown.node(outcome),
                         .p(.class("hint"), Format.time(p.decidedAt)))
            },
            Forms.errorSummary(ctx, p.errors),
            .if(p.canRegister, .section(.id("purchase-interest"),
                .h2(.text(ctx.t("purchases.your-interest"))),
                .form(.method(.post), .action(SiteURL.communityPurchaseInterest(slug, p.id).path),
                    Forms.csrf(ctx),
                    Forms.field("quantity", label: ctx.t("purchases.quantity", ["unit": p.unit.isEmpty ? ctx.t("purchases.unit-default") : p.unit]),
                                type: .number, value: p.quantityInput ?? p.ownQuantity.map(String.init) ?? "", error: p.errors["quantity"],
                                hint: ctx.t("purchases.quantity-hint"), extra: [.attr("min", "0"), .attr("max", String(PooledPurchase.maxQuantity))]),
                    Forms.submit(ctx.t(p.ownQuantity == nil ? "purchases.register" : "purchases.update"))))),
            .section(.id("purchase-firms"),
                .h2(.text(ctx.t("purchases.firms"))),
                Table.render(caption: ctx.t("purchases.firms"), headers: [ctx.t("purchases.firm"), ctx.t("purchases.number"), ctx.t("purchases.when")],
                             rows: p.interests.map { i in [
                                .group(.text(i.firm), .if(i.own, .span(.class("badge"), .text(ctx.t("purchases.own"))))),
                                .text(String(i.quantity)), Format.time(i.updatedAt),
                             ] }, empty: ctx.t("purchases.no-firms"))),
            .if(p.canDecide, .section(.id("purchase-decide"),
                .h2(.text(ctx.t("purchases.post-outcome"))),
                .form(.method(.post), .action(SiteURL.communityPurchaseOutcome(slug, p.id).path),
                    Forms.csrf(ctx),
                    Forms.textarea("outcome", label: ctx.t("purchases.outcome"), value: p.outcomeInput ?? "", error: p.errors["outcome"],
                                   hint: ctx.t("purchases.outcome-hint"), rows: 4),
                    Forms.submit(ctx.t("purchases.post-outcome"))))),
        ])
    }
}
