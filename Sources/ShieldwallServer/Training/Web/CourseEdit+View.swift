import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CourseEditView {
    static func page(_ ctx: PageContext, _ p: CourseEditPage, status: HTTPStatus = .ok) -> Response {
        let action = p.courseID.map { SiteURL.trainingCourseEdit($0).path } ?? SiteURL.trainingCourseNew.path
        let title = p.courseID == nil ? ctx.t("training.new-title") : ctx.t("training.edit-title", ["title": p.form.title ?? ""])
        return Layout.page(ctx, title: title, status: status, content: [
            .p(.a(.href(p.community.map { SiteURL.communityTraining($0.slug).path } ?? SiteURL.training.path), .text(ctx.t("training.back")))),
            .p(.text(p.community.map { ctx.t("training.offered-in", ["community": $0.name]) } ?? ctx.t("training.offered-everyone"))),
            .unwrap(p.courseID.flatMap { id in p.status.map { (id, $0) } }) { id, status in
                .group(
                    .p(.id("course-status"), .text(ctx.t("training.status-now", ["status": ctx.t("training.course-status.\(status.rawValue)")]))),
                    .p(.text(ctx.t("training.versions") + " "), .group(p.versions.map { v in
                        .group(.a(.href(SiteURL.trainingCourseEdit(id).path + "?language=" + v.language), .text(ctx.t("training.language.\(v.language)"))),
                               .text(" "))
                    })),
                    .if(status != .published, Forms.button(ctx, action: SiteURL.trainingCourseStatus(id).path,
                                                               text: ctx.t("training.publish"), hidden: [("status", "published")])),
                    .if(status == .published, Forms.dangerButton(ctx, action: SiteURL.trainingCourseStatus(id).path,
                                                                     text: ctx.t("training.withdraw-course"), confirm: "training-withdraw-course",
                                                                     name: p.form.title ?? "", hidden: [("status", "withdrawn")]))
                )
            },
            .p(.class("hint"), .text(ctx.t("training.edit-hint"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(action), Forms.csrf(ctx),
                  .input(.type(.hidden), .attr("name", "community"), .attr("value", p.form.community ?? "")),
                  Forms.field("title", label: ctx.t("training.field.title"), value: p.form.title ?? "", error: p.errors["title"]),
                  Forms.field("provider", label: ctx.t("training.field.provider"), value: p.form.provider ?? "", error: p.errors["provider"],
                              hint: ctx.t("training.field.provider-hint")),
                  Forms.field("url", label: ctx.t("training.field.url"), type: .url, value: p.form.url ?? "", error: p.errors["url"]),
                  Forms.select("language", label: ctx.t("training.field.language"),
                               options: CourseLanguages.known.map { (value: $0, text: ctx.t("training.language.\($0)")) },
                               selected: p.form.language ?? CourseLanguages.base, error: p.errors["language"]),
                  Forms.field("minutes", label: ctx.t("training.field.minutes"), type: .number, value: p.form.minutes ?? "", error: p.errors["minutes"]),
                  Forms.textarea("summary", label: ctx.t("training.field.summary"), value: p.form.summary ?? "", error: p.errors["summary"],
                                 hint: ctx.t("training.field.summary-hint")),
                  Forms.submit(ctx.t(p.courseID == nil ? "training.save-draft" : "training.save"))),
        ])
    }
}
