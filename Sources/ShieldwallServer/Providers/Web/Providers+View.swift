import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ProvidersView {
    static func list(_ ctx: PageContext, _ p: ProvidersPage) -> Response {
        let services = [("", ctx.t("providers.filter.any"))] + ProviderService.allCases.map { ($0.rawValue, ctx.t("providers.service.\($0.rawValue)")) }
        let base = SiteURL.providers.path + (p.service.map { "?service=\($0.rawValue)&" } ?? "?")
        return Layout.page(ctx, title: ctx.t("providers.title"), content: [
            .p(.class("lead"), .text(ctx.t("providers.intro"))),
            .ul(.class("actions"), .li(.a(.class("button"), .href(SiteURL.providerNew.path), .text(ctx.t("providers.propose"))))),
            Forms.filters(ctx, active: p.service != nil,
                .form(.method(.get), .action(SiteURL.providers.path),
                      Forms.select("service", label: ctx.t("providers.service"), options: services, selected: p.service?.rawValue ?? ""),
                      Forms.submit(ctx.t("providers.filter.apply")))),
            Table.render(caption: ctx.t("providers.caption"),
                         headers: [ctx.t("providers.name"), ctx.t("providers.services"), ctx.t("providers.area")],
                         rows: p.rows.map { row(ctx, $0) }, empty: ctx.t("providers.empty")),
            .if(p.page > 1 || p.more, .p(.class("pager"),
                .if(p.page > 1, .a(.href(base + "page=\(p.page - 1)"), .text(ctx.t("providers.previous")))),
                .if(p.more, .a(.href(base + "page=\(p.page + 1)"), .text(" " + ctx.t("providers.next")))))),
            .if(!p.pending.isEmpty, .section(.id("providers-pending"),
                .h2(.text(ctx.t(p.curator ? "providers.pending.curator" : "providers.pending.own"))),
                Table.render(caption: ctx.t("providers.pending.caption"), headers: [ctx.t("providers.name"), ctx.t("providers.services"), ctx.t("providers.area")],
                             rows: p.pending.map { row(ctx, $0) }, empty: ""))),
        ])
    }

    static func row(_ ctx: PageContext, _ c: ProviderCard) -> [Node<HTML.BodyContext>] {
        [.a(.href(SiteURL.provider(c.id).path), .text(c.name)), .text(serviceNames(ctx, c.services)), .text(c.area)]
    }

    static func serviceNames(_ ctx: PageContext, _ services: [ProviderService]) -> String {
        services.map { ctx.t("providers.service.\($0.rawValue)") }.joined(separator: ", ")
    }

    static func form(_ ctx: PageContext, _ p: ProviderFormPage, status: HTTPStatus = .ok) -> Response {
        let f = p.form
        let title = p.editing.map { ctx.t("providers.edit.title", ["name": $0.name]) } ?? ctx.t("providers.new.title")
        let intro = p.editing == nil ? ctx.t(p.curator ? "providers.new.intro-curator" : "providers.new.intro") : ctx.t("providers.edit.intro")
        return Layout.page(ctx, title: title, status: status, content: [
            .p(.a(.href(p.editing.map { SiteURL.provider($0.id).path } ?? SiteURL.providers.path), .text(ctx.t("providers.back")))),
            .p(.text(intro)),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(p.editing.map { SiteURL.providerEdit($0.id).path } ?? SiteURL.providers.path), .id("provider-form"),
                Forms.csrf(ctx),
                Forms.field("name", label: ctx.t("providers.name"), value: f.name ?? "", error: p.errors["name"]),
                Forms.field("website", label: ctx.t("providers.website"), value: f.website ?? "", error: p.errors["website"],
                            hint: ctx.t("providers.website-hint")),
                choices("services", legend: ctx.t("providers.services"), options: ProviderService.allCases.map { ($0.rawValue, ctx.t("providers.service.\($0.rawValue)")) },
                        selected: f.services ?? [], error: p.errors["services"]),
                Forms.field("area", label: ctx.t("providers.area"), value: f.area ?? "", error: p.errors["area"], hint: ctx.t("providers.area-hint"),
                            required: false),
                choices("client_sizes", legend: ctx.t("providers.client-sizes"), options: ClientSize.allCases.map { ($0.rawValue, ctx.t("providers.size.\($0.rawValue)")) },
                        selected: f.client_sizes ?? [], error: p.errors["client_sizes"]),
                Forms.textarea("certifications", label: ctx.t("providers.certifications"), value: f.certifications ?? "", error: p.errors["certifications"],
                               hint: ctx.t("providers.certifications-hint"), required: false, rows: 3),
                Forms.submit(ctx.t(p.editing == nil ? "providers.new.send" : "providers.edit.save"))),
        ])
    }

    /// A group of checkboxes sending `NAME[]` once per ticked value.
    static func choices(_ name: String, legend: String, options: [(value: String, text: String)], selected: [String], error: String?) -> Node<HTML.FormContext> {
        var nodes: [Node<HTML.FormContext>] = [
            .attr("id", "q-\(name)"), .class(error == nil ? "question" : "question invalid"),
            .element(named: "legend", nodes: [.text(legend)]),
        ]
        if let error { nodes.append(.p(.class("error"), .text(error))) }
        for option in options {
            let id = "\(name)--\(option.value)"
            nodes.append(.div(.class("choice"),
                .selfClosedElement(named: "input", attributes: [
                    .attribute(named: "type", value: "checkbox"), .attr("name", name + "[]"), .attr("value", option.value), .attr("id", id),
                ] + (selected.contains(option.value) ? [.attribute(named: "checked", value: "checked")] : [])),
                .label(.for(id), .text(option.text))))
        }
        return .element(named: "fieldset", nodes: nodes)
    }

    static func provider(_ ctx: PageContext, _ p: ProviderPage, status: HTTPStatus = .ok) -> Response {
        let c = p.card
        return Layout.page(ctx, title: c.name, status: status, content: [
            .p(.a(.href(SiteURL.providers.path), .text(ctx.t("providers.back")))),
            .if(c.pending, .p(.class("notice"), .id("provider-pending"),
                .text(ctx.t("providers.pending.notice", ["name": p.proposedBy ?? ctx.t("providers.someone")])))),
            .dl(.class("facts"),
                .dt(.text(ctx.t("providers.website"))), .dd(.a(.href(c.website), .attribute(named: "rel", value: "noopener nofollow"), .text(c.website))),
                .dt(.text(ctx.t("providers.services"))), .dd(.text(serviceNames(ctx, c.services))),
                .if(!c.area.isEmpty, .group(.dt(.text(ctx.t("providers.area"))), .dd(.text(c.area)))),
                .if(!c.clientSizes.isEmpty, .group(.dt(.text(ctx.t("providers.client-sizes"))),
                    .dd(.text(c.clientSizes.map { ctx.t("providers.size.\($0.rawValue)") }.joined(separator: ", "))))),
                .if(!c.certifications.isEmpty, .group(.dt(.text(ctx.t("providers.certifications"))),
                    .dd(.ul(.id("provider-certifications"), .forEach(c.certifications) { cert in
                        .li(.text(cert.name + " — " + ctx.t(cert.verified ? "providers.cert.verified" : "providers.cert.stated")),
                            .if(p.canVerify, Forms.button(ctx, action: SiteURL.providerCertification(c.id).path,
                                text: ctx.t(cert.verified ? "providers.cert.unmark" : "providers.cert.mark"),
                                hidden: [("name", cert.name), ("checked", cert.verified ? "false" : "true")])))
                    }))))),
            ProviderReviewsView.section(ctx, p),
            .unwrap(p.claims) { claims(ctx, p, $0) },
            .if(p.curator, .p(.a(.href(SiteURL.providerEdit(c.id).path), .text(ctx.t("providers.edit.link"))))),
            .if(c.pending && p.curator, .div(.class("actions"),
                Forms.button(ctx, action: SiteURL.providerDecision(c.id).path, text: ctx.t("providers.approve"), hidden: [("decision", "approve")]),
                Forms.dangerButton(ctx, action: SiteURL.providerDecision(c.id).path, text: ctx.t("providers.decline"), confirm: "decline-provider",
                                   name: c.name, hidden: [("decision", "decline")]))),
        ])
    }

    /// The operator's part: who from the provider answers its reviews, and inviting someone.
    static func claims(_ ctx: PageContext, _ p: ProviderPage, _ claims: [ProviderPage.Claim]) -> Node<HTML.BodyContext> {
        .section(.id("provider-claims"),
            .h2(.text(ctx.t("providers.claim.title"))),
            .p(.class("hint"), .text(ctx.t("providers.claim.intro"))),
            .unwrap(p.claimLink) { sent in
                .p(.class("notice"), .id("claim-link"), .text(ctx.t(sent.mailed ? "providers.claim.link-mailed" : "providers.claim.link-not-mailed") + " "),
                   .code(.text(sent.link)))
            },
            Table.render(caption: ctx.t("providers.claim.title"),
                         headers: [ctx.t("providers.claim.email"), ctx.t("providers.claim.person"), ctx.t("providers.claim.state"), ""],
                         rows: claims.map { c in [
                            .text(c.email), .text(c.person ?? "—"), .text(ctx.t("providers.claim.state.\(c.state.rawValue)")),
                            c.state == .open || c.state == .accepted
                                ? Forms.dangerButton(ctx, action: SiteURL.providerClaimRevoke(p.card.id, c.id).path, text: ctx.t("providers.claim.revoke"),
                                                     confirm: "revoke-provider-claim", name: c.email)
                                : .empty,
                         ] }, empty: ctx.t("providers.claim.none")),
            .if(!p.card.pending, .form(.method(.post), .action(SiteURL.providerClaims(p.card.id).path), .id("claim-form"),
                Forms.csrf(ctx),
                Forms.field("email", label: ctx.t("providers.claim.email"), type: .email, value: "", error: p.errors["email"],
                            hint: ctx.t("providers.claim.email-hint")),
                Forms.submit(ctx.t("providers.claim.invite")))))
    }
}
