import Foundation
import Plot
import ShieldwallCore
import Vapor

enum PlanDiffView {
    static func show(_ ctx: PageContext, _ p: PlanDiffPage) -> Response {
        let options = p.numbers.map { (value: String($0), text: ctx.t("plan.version-n", ["version": String($0)])) }
        return Layout.page(ctx, title: ctx.t("plan.diff.title", ["from": String(p.from), "to": String(p.to)]), content: [
            .p(.a(.href(SiteURL.communityPlan(p.card.slug).path), .text(ctx.t("plan.back")))),
            .form(.method(.get), .action(SiteURL.communityPlanDiff(p.card.slug).path), .class("inline"),
                  Forms.select("from", label: ctx.t("plan.diff.from"), options: options, selected: String(p.from)),
                  Forms.select("to", label: ctx.t("plan.diff.to"), options: options, selected: String(p.to)),
                  Forms.submit(ctx.t("plan.diff.compare"))),
            .h2(.text(ctx.t("plan.diff.measures"))),
            changes(ctx, p.changes),
            .h2(.text(ctx.t("plan.diff.words"))),
            lines(ctx, p.lines),
        ])
    }

    static func changes(_ ctx: PageContext, _ changes: [PlanDiff.MeasureChange]) -> Node<HTML.BodyContext> {
        changes.isEmpty ? .p(.class("empty"), .text(ctx.t("plan.diff.none")))
            : .ul(.id("measure-changes"), .forEach(changes) { c in
                .li(.strong(.text(ctx.t("plan.diff.kind.\(c.kind.rawValue)"))), .text(" " + c.title + " (" + ctx.t("plan.section.\(c.section.rawValue)") + ")"))
            })
    }

    static func lines(_ ctx: PageContext, _ pieces: [PlanDiff.Piece]) -> Node<HTML.BodyContext> {
        pieces.isEmpty ? .p(.class("empty"), .text(ctx.t("plan.diff.none")))
            : .element(named: "pre", nodes: [.class("diff"), .id("plan-diff"), .forEach(pieces) { piece in
                switch piece {
                case .same(let line): .text("  " + line + "\n")
                case .removed(let line): .element(named: "del", nodes: [.text("- " + line + "\n")])
                case .added(let line): .element(named: "ins", nodes: [.text("+ " + line + "\n")])
                case .skipped(let n): .element(named: "span", nodes: [.class("hint"), .text(ctx.t("plan.diff.skipped", ["count": String(n)]) + "\n")])
                }
            }])
    }

    /// One piece of a word-by-word diff, inline.
    static func piece(_ piece: PlanDiff.Piece) -> Node<HTML.BodyContext> {
        switch piece {
        case .same(let text): .text(text)
        case .removed(let text): .element(named: "del", nodes: [.text(text)])
        case .added(let text): .element(named: "ins", nodes: [.text(text)])
        case .skipped: .empty
        }
    }
}
