import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CTFView {
    static func page(_ ctx: PageContext, _ p: CTFPage, status: HTTPStatus = .ok) -> Response {
        let phase: String
        switch p.phase {
        case .before: phase = ctx.t("chapters.ctf-before")
        case .running: phase = ctx.t("chapters.ctf-running")
        case .ended: phase = ctx.t("chapters.ctf-ended")
        }
        let flagAction = SiteURL.chapterCTFFlag(p.chapter.slug, p.event.id).path, hintAction = SiteURL.chapterCTFHint(p.chapter.slug, p.event.id).path
        let canPlay = p.handle != nil && p.phase == .running
        return Layout.page(ctx, title: ctx.t("chapters.ctf-title", ["event": p.event.title]), status: status, content: [
            .p(.a(.href(SiteURL.chapterEvent(p.chapter.slug, p.event.id).path), .text(ctx.t("chapters.back-event")))),
            .p(.text(p.event.localTime + " — " + phase)),
            .unwrap(p.result) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
            Forms.errorSummary(ctx, p.errors),
            .unwrap(p.handle) { .p(.text(ctx.t("chapters.ctf-playing-as", ["handle": $0]) + (p.team.map { " " + ctx.t("chapters.ctf-in-team", ["team": $0]) } ?? ""))) },
            .if(p.canChangeTeam, MentoringView.folded(ctx.t(p.team == nil ? "chapters.team-join" : "chapters.team-change"), open: p.errors["team"] != nil,
                .form(.method(.post), .action(SiteURL.chapterCTFTeam(p.chapter.slug, p.event.id).path), Forms.csrf(ctx),
                      Forms.field("team", label: ctx.t("chapters.team"), value: p.team ?? "", error: p.errors["team"],
                                  hint: ctx.t("chapters.team-hint", ["max": String(CTFTeams.maxSize)]), required: false),
                      MentoringView.secondary(ctx.t("chapters.team-button"))))),
            .if(p.canJoin, .form(.method(.post), .action(SiteURL.chapterCTFJoin(p.chapter.slug, p.event.id).path), Forms.csrf(ctx),
                                 Forms.field("handle", label: ctx.t("chapters.handle"), error: p.errors["handle"], hint: ctx.t("chapters.handle-hint")),
                                 Forms.submit(ctx.t("chapters.ctf-join")))),
            .if(p.handle == nil && !p.canJoin && p.phase != .ended, .p(.text(ctx.t("chapters.ctf-register-to-play")))),
            .h2(.text(ctx.t("chapters.scoreboard"))),
            Table.render(caption: ctx.t("chapters.scoreboard"), headers: [ctx.t("chapters.place"), ctx.t("chapters.handle"), ctx.t("chapters.score"),
                                                                          ctx.t("chapters.solved"), ctx.t("chapters.last-solve")],
                         rows: p.scoreboard.map { r in
                             let name = r.handle + (r.members.isEmpty ? "" : " (" + r.members.joined(separator: ", ") + ")")
                             return [.text(String(r.place)), r.isViewer ? .strong(.text(name)) : .text(name), .text(String(r.score)), .text(String(r.solved)),
                              Format.time(r.reachedAt)]
                         }, empty: ctx.t("chapters.scoreboard-empty")),
            .h2(.text(ctx.t("chapters.challenges"))),
            p.challenges.isEmpty ? .p(.text(ctx.t(p.phase == .before ? "chapters.challenges-later" : "chapters.challenges-none"))) : .group(
                p.challenges.map { challenge(ctx, $0, canPlay: canPlay, flagAction: flagAction, hintAction: hintAction) }
            ),
        ])
    }

    static func challenge(_ ctx: PageContext, _ c: CTFPage.Challenge, canPlay: Bool, flagAction: String, hintAction: String) -> Node<HTML.BodyContext> {
        .section(.class("challenge"), .id("challenge-\(c.id.uuidString)"),
            .h3(.text("\(c.title) — \(c.points) " + ctx.t("chapters.points")), .if(c.solvedByViewer, .span(.class("badge"), .text(" " + ctx.t("chapters.solved-badge"))))),
            .p(.class("hint"), .text(ctx.t("chapters.challenge-meta", ["category": c.category, "solves": String(c.solves)])
                                     + (c.firstSolver.map { " " + ctx.t("chapters.first-solve", ["handle": $0]) } ?? ""))),
            Markdown.node(c.description),
            .forEach(c.hints) { h in
                if let text = h.text { return .p(.class("hint"), .text(ctx.t("chapters.hint-open", ["cost": String(h.cost)]) + " " + text)) }
                return canPlay ? Forms.button(ctx, action: hintAction, text: ctx.t("chapters.hint-button", ["cost": String(h.cost)]), hidden: [("hint", h.id.uuidString)])
                               : .p(.class("hint"), .text(ctx.t("chapters.hint-closed", ["cost": String(h.cost)])))
            },
            .if(canPlay && !c.solvedByViewer, .form(.method(.post), .action(flagAction), Forms.csrf(ctx),
                .input(.type(.hidden), .attr("name", "challenge"), .attr("value", c.id.uuidString)),
                Forms.field("flag", label: ctx.t("chapters.flag"), id: "flag-\(c.id.uuidString)", extra: [.attr("autocomplete", "off")]),
                Forms.submit(ctx.t("chapters.flag-button")))),
            .unwrap(c.writeup) { .group(.h4(.text(ctx.t("chapters.writeup"))), Markdown.node($0)) }
        )
    }
}
