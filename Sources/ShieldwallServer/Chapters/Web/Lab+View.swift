import Foundation
import Plot
import ShieldwallCore
import Vapor

enum LabView {
    static func list(_ ctx: PageContext, _ p: LabsPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.chapter.slug
        return Layout.page(ctx, title: ctx.t("labs.title", ["chapter": p.chapter.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(slug).path), .text(ctx.t("training.back-community")))),
            .p(.text(ctx.t("labs.intro"))),
            Table.render(caption: ctx.t("labs.caption"),
                         headers: [ctx.t("labs.lab"), ctx.t("labs.steps"), ctx.t("labs.mine"), ctx.t("labs.people")],
                         rows: p.labs.map { lab in [
                            .group(.a(.href(SiteURL.communityLab(slug, lab.id).path), .text(lab.title)), .p(.class("hint"), .text(lab.summary))),
                            .text(String(lab.steps)),
                            .text(lab.steps > 0 && lab.myDone >= lab.steps ? ctx.t("labs.finished")
                                  : ctx.t("labs.progress", ["done": String(lab.myDone), "steps": String(lab.steps)])),
                            .text(ctx.t("labs.counts", ["started": String(lab.started), "finished": String(lab.finished)])),
                         ] }, empty: ctx.t("labs.none")),
            .if(p.canWrite, .group(
                .h2(.id("write"), .text(ctx.t("labs.write"))),
                Forms.errorSummary(ctx, p.errors),
                MentoringView.folded(ctx.t("labs.write-summary"), open: !p.errors.isEmpty, .form(
                    .method(.post), .action(SiteURL.communityLabs(slug).path), Forms.csrf(ctx),
                    Forms.field("title", label: ctx.t("labs.field-title"), value: p.form.title ?? "", error: p.errors["title"]),
                    Forms.field("summary", label: ctx.t("labs.field-summary"), value: p.form.summary ?? "", error: p.errors["summary"]),
                    Forms.textarea("script", label: ctx.t("labs.field-script"), value: p.form.script ?? "", error: p.errors["script"],
                                   hint: ctx.t("labs.field-script-hint"), rows: 14),
                    MentoringView.secondary(ctx.t("labs.publish"))))
            )),
        ])
    }

    static func lab(_ ctx: PageContext, _ p: LabPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.chapter.slug
        return Layout.page(ctx, title: p.title, status: status, content: [
            .p(.a(.href(SiteURL.communityLabs(slug).path), .text(ctx.t("labs.back")))),
            .p(.text(p.summary)),
            .p(.class("hint"), .text(p.current == nil ? ctx.t("labs.all-done")
                                     : ctx.t("labs.progress", ["done": String(p.done.count), "steps": String(p.steps.count)]))),
            Forms.errorSummary(ctx, p.errors),
            .ol(.class("lab-steps"), .forEach(Array(p.steps.enumerated())) { index, step in
                if p.done.contains(index) {
                    return .li(.h2(.text(step.title + " — " + ctx.t("labs.step-done"))), Markdown.node(step.instructions))
                }
                guard index == p.current else { return .li(.h2(.class("hint"), .text(step.title))) }
                return .li(.id("current"),
                    .h2(.text(step.title)),
                    Markdown.node(step.instructions),
                    .if(!step.hint.isEmpty, MentoringView.folded(ctx.t("labs.hint"), open: false, .p(.text(step.hint)))),
                    .form(.method(.post), .action(SiteURL.communityLabStep(slug, p.id).path), Forms.csrf(ctx),
                          .input(.type(.hidden), .attr("name", "step"), .attr("value", step.id.uuidString)),
                          step.needsAnswer ? Forms.field("answer", label: ctx.t("labs.answer"), value: p.answer, error: p.errors["answer"],
                                                         autocomplete: "off") : .empty,
                          Forms.submit(ctx.t(step.needsAnswer ? "labs.check" : "labs.mark-done"))))
            }),
            .if(p.canWithdraw, Forms.more(ctx, [
                Forms.dangerButton(ctx, action: SiteURL.communityLabWithdraw(slug, p.id).path, text: ctx.t("labs.withdraw"),
                                   confirm: "withdraw-lab", name: p.title),
            ])),
        ])
    }
}
