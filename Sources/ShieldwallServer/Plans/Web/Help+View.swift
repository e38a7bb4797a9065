import Foundation
import Plot
import ShieldwallCore
import Vapor

enum HelpView {
    static func show(_ ctx: PageContext, _ p: HelpPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("help.title"), status: status, content: [
            .p(.class("lead"), .text(ctx.t("help.intro"))),
            Forms.errorSummary(ctx, p.errors),
            p.canRaise ? form(ctx, p) : .p(.class("notice"), .text(ctx.t("help.cannot-raise"))),
            .if(!p.places.isEmpty, .section(.id("report-places"),
                .h2(.text(ctx.t("help.places"))),
                .ul(.forEach(p.places) { place in
                    .li(.a(.href(place.address), .attribute(named: "rel", value: "noopener"), .text(place.name)),
                        .if(!place.when.isEmpty, .text(" — " + place.when)))
                }))),
            .section(.id("help-requests"),
                .h2(.text(ctx.t("help.requests"))),
                Table.render(caption: ctx.t("help.requests"), headers: [ctx.t("help.firm"), ctx.t("help.what"), ctx.t("help.state"), ctx.t("help.raised")],
                             rows: p.rows.map { r in [
                                .text(r.firm), .a(.href(SiteURL.helpRequest(r.id).path), .text(r.title)),
                                .text(stateText(ctx, r.status, takenBy: r.takenBy)), Format.time(r.createdAt),
                             ] }, empty: ctx.t("help.none"))),
        ])
    }

    static func stateText(_ ctx: PageContext, _ status: HelpRequestRules.Status, takenBy: String?) -> String {
        switch status {
        case .open: ctx.t("help.status.open")
        case .taken: ctx.t("help.status.taken", ["name": takenBy ?? ""])
        case .resolved: ctx.t("help.status.resolved")
        }
    }

    static func form(_ ctx: PageContext, _ p: HelpPage) -> Node<HTML.BodyContext> {
        let tlps = TLP.choices(HelpRequestRules.markings, ctx)
        return .form(.method(.post), .action(SiteURL.help.path), .id("help-form"),
            Forms.csrf(ctx),
            Forms.textarea("description", label: ctx.t("help.description"), value: p.form.description ?? "", error: p.errors["description"],
                           hint: ctx.t("help.description-hint"), rows: 4),
            Forms.field("affected", label: ctx.t("help.affected"), value: p.form.affected ?? "", error: p.errors["affected"],
                        hint: ctx.t("help.affected-hint"), required: false),
            Forms.field("contact", label: ctx.t("help.contact"), value: p.form.contact ?? "", error: p.errors["contact"],
                        hint: ctx.t("help.contact-hint")),
            Forms.select("tlp", label: ctx.t("help.tlp"), options: tlps, selected: p.form.tlp ?? TLP.amber.rawValue, error: p.errors["tlp"]),
            Forms.submit(ctx.t("help.send")))
    }

    static func request(_ ctx: PageContext, _ p: HelpRequestPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("help.request.title", ["firm": p.firm]), status: status, content: [
            .p(.a(.href(SiteURL.help.path), .text(ctx.t("help.back")))),
            .p(.class("tlp"), .text(p.tlp.label)),
            .p(.id("help-state"), .strong(.text(stateText(ctx, p.status, takenBy: p.takenBy)))),
            .p(.text(p.description)),
            .if(!p.affected.isEmpty, .p(.strong(.text(ctx.t("help.affected") + ": ")), .text(p.affected))),
            .p(.strong(.text(ctx.t("help.contact") + ": ")), .text(p.contact + " (" + p.raisedBy + ")")),
            .unwrap(p.playbook) { pb in .p(.class("notice"), .text(ctx.t("help.playbook") + " "), .a(.href(pb.path), .text(pb.title))) },
            Forms.errorSummary(ctx, p.errors),
            actions(ctx, p),
            .h2(.text(ctx.t("help.timeline"))),
            .ol(.id("help-timeline"), .forEach(p.timeline) { e in
                .li(Format.time(e.at), .text(" " + ctx.t("help.event.\(e.kind.rawValue)", ["name": e.person])),
                    .if(!e.body.isEmpty, .p(.text(e.body))))
            }),
        ])
    }

    static func actions(_ ctx: PageContext, _ p: HelpRequestPage) -> Node<HTML.BodyContext> {
        let path = SiteURL.helpRequestActions(p.id).path
        if p.status == .resolved {
            return .if(p.standing.isFirm, Forms.button(ctx, action: path, text: ctx.t("help.action.reopen"), hidden: [("action", "reopen")]))
        }
        return .div(.class("actions"),
            .if(p.standing.isHelper && p.status == .open,
                Forms.button(ctx, action: path, text: ctx.t("help.action.take"), hidden: [("action", "take")])),
            .form(.method(.post), .action(path),
                  Forms.csrf(ctx),
                  .input(.type(.hidden), .name("action"), .value("note")),
                  Forms.textarea("body", label: ctx.t(p.standing.isHelper ? "help.note.helper" : "help.note.firm"), value: "",
                                 error: p.errors["body"], rows: 3),
                  Forms.submit(ctx.t("help.action.note"))),
            Forms.button(ctx, action: path, text: ctx.t("help.action.resolve"), hidden: [("action", "resolve")]))
    }
}
