import Foundation
import Plot
import ShieldwallCore
import Vapor

enum CommunityTrainingView {
    static func page(_ ctx: PageContext, _ p: CommunityTrainingPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("training.community-title", ["community": p.community.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(p.community.slug).path), .text(ctx.t("training.back-community")))),
            .p(.text(ctx.t("training.community-intro"))),
            .if(p.canOffer, .p(.a(.href(SiteURL.trainingCourseNew.path + "?community=" + p.community.slug), .text(ctx.t("training.offer-community"))))),
            .h2(.text(ctx.t("training.community-courses"))),
            TrainingView.courseTable(ctx, p.offered),
            .h2(.text(ctx.t("training.sessions"))),
            Table.render(caption: ctx.t("training.sessions"), headers: [ctx.t("training.event"), ctx.t("training.course"), ctx.t("training.when")],
                         rows: p.sessions.map { s in [.a(.href(s.path), .text(s.event)), .text(s.course), Format.time(s.startsAt)] },
                         empty: ctx.t("training.sessions-none")),
            .if(p.canHoldSession, .group(
                .h2(.id("session"), .text(ctx.t("training.hold-session"))),
                .p(.class("hint"), .text(ctx.t("training.hold-session-hint"))),
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(SiteURL.communityTraining(p.community.slug).path), Forms.csrf(ctx),
                      Forms.select("event", label: ctx.t("training.event"), options: [("", ctx.t("training.choose-event"))] + p.events.map {
                          (value: $0.id.uuidString, text: $0.title)
                      }, selected: p.form.event ?? "", error: p.errors["event"]),
                      Forms.select("course", label: ctx.t("training.course"), options: [("", ctx.t("training.choose-course"))] + p.sessionCourses.map {
                          (value: $0.key.description, text: $0.title)
                      }, selected: p.form.course ?? "", error: p.errors["course"]),
                      Forms.submit(ctx.t("training.hold-session-button")))
            )),
        ])
    }
}
