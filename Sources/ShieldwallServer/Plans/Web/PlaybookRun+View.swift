import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PlaybookRunView {
    static func show(_ ctx: PageContext, _ p: PlaybookRunPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("playbook.run.title", ["title": p.playbook.title]), status: status, content: [
            .p(.a(.href(SiteURL.communityPlaybooks(p.card.slug).path), .text(ctx.t("playbook.back")))),
            .p(.class("lead"), .text(ctx.t("playbook.run.started-by", ["name": p.startedBy]) + " "), Format.time(p.startedAt),
               .unwrap(p.closedAt) { .group(.text(" · " + ctx.t("playbook.run.closed-at") + " "), Format.time($0)) }),
            Forms.errorSummary(ctx, p.errors),
            contacts(ctx, p),
            .forEach(p.playbook.phases) { phase in
                .section(.h2(.text(phase.title)), .ol(.class("checklist"), .forEach(phase.steps) { item(ctx, p, $0) }))
            },
            .if(!p.playbook.evidence.isEmpty, .section(.h2(.text(ctx.t("playbook.evidence"))), .ul(.forEach(p.playbook.evidence) { .li(.text($0)) }))),
            p.isOpen ? close(ctx, p) : after(ctx, p),
        ])
    }

    static func contacts(_ ctx: PageContext, _ p: PlaybookRunPage) -> Node<HTML.BodyContext> {
        .if(!p.playbook.contacts.isEmpty, .section(.id("contacts"), .h2(.text(ctx.t("playbook.run.contacts"))),
            .ul(.forEach(p.playbook.contacts) { role in
                .li(.strong(.text(ctx.t("playbook.contact.\(role.rawValue)") + ": ")),
                    .text(p.contacts[role.rawValue] ?? ctx.t("playbook.contact.missing")))
            })))
    }

    static func item(_ ctx: PageContext, _ p: PlaybookRunPage, _ step: PlaybookStep) -> Node<HTML.ListContext> {
        let call: String = step.call.map { role in
            " — " + ctx.t("playbook.call", ["who": p.contacts[role.rawValue] ?? ctx.t("playbook.contact.\(role.rawValue)")])
        } ?? ""
        let text: Node<HTML.BodyContext> = .text(step.text + call)
        if let tick = p.ticks[step.id] {
            let doneBy: String = ctx.t("playbook.run.done-by", ["name": tick.by]) + " "
            let note: String = tick.note.isEmpty ? "" : " — " + tick.note
            let hint: Node<HTML.BodyContext> = .span(.class("hint"), .text(doneBy), Format.time(tick.at), .text(note))
            return .li(.id("step-\(step.id)"), .class("done"), .text("✓ "), text, .br(), hint)
        }
        guard p.isOpen else { return .li(.id("step-\(step.id)"), text) }
        let form: Node<HTML.BodyContext> = .form(.method(.post), .action(SiteURL.playbookRunStep(p.id, step.id).path), .class("inline"),
            Forms.csrf(ctx),
            Forms.field("note", label: ctx.t("playbook.run.note"), error: p.errors["note-\(step.id)"], required: false, id: "note-\(step.id)"),
            Forms.submit(ctx.t("playbook.run.tick")))
        return .li(.id("step-\(step.id)"), text, form)
    }

    static func close(_ ctx: PageContext, _ p: PlaybookRunPage) -> Node<HTML.BodyContext> {
        .section(.id("close"), .h2(.text(ctx.t("playbook.run.close"))),
            .form(.method(.post), .action(SiteURL.playbookRunClose(p.id).path),
                  Forms.csrf(ctx),
                  Forms.textarea("summary", label: ctx.t("playbook.run.summary"), value: "", error: p.errors["summary"], rows: 3),
                  Forms.submit(ctx.t("playbook.run.close"))))
    }

    static func after(_ ctx: PageContext, _ p: PlaybookRunPage) -> Node<HTML.BodyContext> {
        .section(.id("lesson"),
            .h2(.text(ctx.t("playbook.lesson.title"))),
            .p(.text(p.summary)),
            .unwrap(p.reportID, { id in .p(.a(.href(SiteURL.report(id).path), .text(ctx.t("playbook.lesson.shared")))) },
                    else: lessonForm(ctx, p)))
    }

    static func lessonForm(_ ctx: PageContext, _ p: PlaybookRunPage) -> Node<HTML.BodyContext> {
        let f = p.lesson
        let tlps = TLP.choices(HelpRequestRules.markings, ctx)
        return .div(
            .p(.class("hint"), .text(ctx.t("playbook.lesson.intro"))),
            .form(.method(.post), .action(SiteURL.playbookRunReport(p.id).path),
                  Forms.csrf(ctx),
                  Forms.field("title", label: ctx.t("playbook.lesson.report-title"), value: f.title ?? "", error: p.errors["title"]),
                  Forms.textarea("summary", label: ctx.t("playbook.lesson.summary"), value: f.summary ?? "", error: p.errors["summary"], rows: 3),
                  Forms.textarea("what_happened", label: ctx.t("playbook.lesson.what-happened"), value: f.what_happened ?? "",
                                 error: p.errors["what_happened"], required: false, rows: 8),
                  Forms.textarea("impact", label: ctx.t("playbook.lesson.impact"), value: f.impact ?? "", error: p.errors["impact"],
                                 required: false, rows: 3),
                  Forms.textarea("what_helped", label: ctx.t("playbook.lesson.what-helped"), value: f.what_helped ?? "",
                                 error: p.errors["what_helped"], required: false, rows: 4),
                  Forms.select("tlp", label: ctx.t("playbook.lesson.tlp"), options: tlps, selected: f.tlp ?? TLP.amber.rawValue, error: p.errors["tlp"]),
                  Forms.checkbox("anonymous", label: ctx.t("playbook.lesson.anonymous"), checked: f.anonymous == "true" || f.anonymous == "on"),
                  Forms.submit(ctx.t("playbook.lesson.share"))))
    }
}
