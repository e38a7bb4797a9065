import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PlaybooksView {
    static func list(_ ctx: PageContext, _ p: PlaybooksPage) -> Response {
        let slug = p.card.slug
        return Layout.page(ctx, title: ctx.t("playbook.list.title", ["community": p.card.name]), content: [
            .p(.a(.href(SiteURL.community(slug).path), .text(ctx.t("community.back")))),
            .p(.class("lead"), .text(ctx.t("playbook.list.intro"))),
            .if(p.canEdit, .p(.a(.href(SiteURL.communityPlaybookNew(slug).path), .text(ctx.t("playbook.new"))))),
            Table.render(caption: ctx.t("playbook.list.title", ["community": p.card.name]),
                         headers: [ctx.t("playbook.title-field"), ctx.t("playbook.source"), ctx.t("playbook.adopted")],
                         rows: p.rows.map { r in [
                            .group(.a(.href(SiteURL.communityPlaybook(slug, r.key).path), .text(r.title)), .p(.class("hint"), .text(r.summary))),
                            .text(ctx.t("playbook.source.\(r.source.rawValue)")),
                            .text(p.firm == nil ? "—" : ctx.t(r.adopted ? "playbook.adopted.yes" : "playbook.adopted.no")),
                         ] }, empty: ""),
            .unwrap(p.firm) { firm in
                .section(.id("runs"),
                    .h2(.text(ctx.t("playbook.runs.title", ["firm": firm]))),
                    Table.render(caption: ctx.t("playbook.runs.title", ["firm": firm]),
                                 headers: [ctx.t("playbook.title-field"), ctx.t("playbook.run.started"), ctx.t("playbook.run.state")],
                                 rows: p.runs.map { r in [
                                    .a(.href(SiteURL.playbookRun(r.id).path), .text(r.title)), Format.time(r.startedAt),
                                    r.closedAt == nil ? .strong(.text(ctx.t("playbook.run.open"))) : .text(ctx.t("playbook.run.closed")),
                                 ] }, empty: ctx.t("playbook.runs.none")))
            },
        ])
    }

    static func show(_ ctx: PageContext, _ p: PlaybookPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug, key = p.playbook.id
        return Layout.page(ctx, title: p.playbook.title, status: status, content: [
            .p(.a(.href(SiteURL.communityPlaybooks(slug).path), .text(ctx.t("playbook.back")))),
            .p(.class("lead"), .text(p.playbook.summary)),
            .p(.class("hint"), .text(ctx.t("playbook.source.\(p.source.rawValue)"))),
            Forms.errorSummary(ctx, p.errors),
            .if(p.canRun, p.adopted
                ? Forms.button(ctx, action: SiteURL.communityPlaybookRuns(slug, key).path, text: ctx.t("playbook.run.start"))
                : .p(.class("notice"), .text(ctx.t(p.canAdopt ? "playbook.adopt-first" : "playbook.ask-admin")))),
            .forEach(p.playbook.phases) { phase in
                .section(.h2(.text(phase.title)),
                         .ol(.forEach(phase.steps) { step in
                             .li(.text(step.text), .unwrap(step.call) { role in
                                 .text(" — " + ctx.t("playbook.call", ["who": ctx.t("playbook.contact.\(role.rawValue)")]))
                             })
                         }))
            },
            .if(!p.playbook.evidence.isEmpty, .section(.h2(.text(ctx.t("playbook.evidence"))),
                                                       .ul(.forEach(p.playbook.evidence) { .li(.text($0)) }))),
            .if(p.canAdopt, adoptForm(ctx, p)),
            .if(p.canEdit, .p(.a(.href(SiteURL.communityPlaybookEdit(slug, key).path),
                                 .text(ctx.t(p.source == .shipped ? "playbook.adapt" : "playbook.edit"))))),
        ])
    }

    static func adoptForm(_ ctx: PageContext, _ p: PlaybookPage) -> Node<HTML.BodyContext> {
        .section(.id("adoption"),
            .h2(.text(ctx.t(p.adopted ? "playbook.adoption.change" : "playbook.adoption.title"))),
            .p(.text(ctx.t("playbook.adoption.intro"))),
            .form(.method(.post), .action(SiteURL.communityPlaybookAdoption(p.card.slug, p.playbook.id).path),
                  Forms.csrf(ctx),
                  .forEach(p.playbook.contacts) { role in
                      Forms.field("contact_\(role.rawValue)", label: ctx.t("playbook.contact.\(role.rawValue)"), value: p.contacts[role.rawValue] ?? "",
                                  error: p.errors["contact_\(role.rawValue)"], hint: ctx.t("playbook.contact.hint"), required: false)
                  },
                  Forms.submit(ctx.t(p.adopted ? "playbook.adoption.save" : "playbook.adoption.adopt"))))
    }

    static func edit(_ ctx: PageContext, _ p: PlaybookEditPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.card.slug
        let action = p.key.map { SiteURL.communityPlaybookEdit(slug, $0).path } ?? SiteURL.communityPlaybookNew(slug).path
        let title = p.key == nil ? ctx.t("playbook.new") : ctx.t(p.adaptsShipped ? "playbook.adapt" : "playbook.edit")
        return Layout.page(ctx, title: title, status: status, content: [
            .p(.a(.href(SiteURL.communityPlaybooks(slug).path), .text(ctx.t("playbook.back")))),
            .if(p.adaptsShipped, .p(.class("hint"), .text(ctx.t("playbook.adapt-intro")))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(action),
                  Forms.csrf(ctx),
                  Forms.field("title", label: ctx.t("playbook.title-field"), value: p.form.title ?? "", error: p.errors["title"]),
                  Forms.textarea("summary", label: ctx.t("playbook.summary"), value: p.form.summary ?? "", error: p.errors["summary"],
                                 required: false, rows: 2),
                  Forms.textarea("steps", label: ctx.t("playbook.steps"), value: p.form.steps ?? "", error: p.errors["steps"],
                                 hint: ctx.t("playbook.steps-hint", ["roles": ContactRole.allCases.map(\.rawValue).joined(separator: ", ")]), rows: 16),
                  Forms.textarea("evidence", label: ctx.t("playbook.evidence"), value: p.form.evidence ?? "", error: p.errors["evidence"],
                                 hint: ctx.t("playbook.evidence-hint"), required: false, rows: 4),
                  Forms.field("matches", label: ctx.t("playbook.matches"), value: p.form.matches ?? "", error: p.errors["matches"],
                              hint: ctx.t("playbook.matches-hint"), required: false),
                  Forms.submit(ctx.t("playbook.save"))),
        ])
    }
}
