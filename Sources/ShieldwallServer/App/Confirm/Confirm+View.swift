import Foundation
import Plot
import Vapor

enum ConfirmView {
    static func show(_ ctx: PageContext, _ p: ConfirmPage) -> Response {
        Layout.page(ctx, title: ctx.t("confirm.title"), content: [
            .p(.id("confirm-question"), .class("lead"), .text(ctx.t("confirm.\(p.kind)", ["name": p.name]))),
            .form(.method(.post), .action(p.action),
                Forms.csrf(ctx),
                .forEach(p.fields) { .input(.type(.hidden), .attr("name", $0.name), .attr("value", $0.value)) },
                .div(.class("actions"),
                    .button(.type(.submit), .class("danger"), .id("confirm-yes"), .text(ctx.t("confirm.\(p.kind).yes"))),
                    .a(.class("button secondary"), .href(p.back), .text(ctx.t("confirm.cancel"))))),
        ])
    }
}
