import Foundation
import Plot
import Vapor

enum AuditView {
    static func list(_ ctx: PageContext, _ p: AuditPage) -> Response {
        let older = p.events.count == AuditPage.size
            ? p.events.last.map { p.basePath + "?before=" + (Format.iso($0.at).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } : nil
        return Layout.page(ctx, title: p.title, content: [
            Table.render(caption: p.title, headers: [ctx.t("audit.when"), ctx.t("audit.what"), ctx.t("field.email"), ctx.t("audit.detail"), ctx.t("audit.address")],
                         rows: p.events.map { e in [
                            Format.time(e.at), .text(ctx.t("audit.kind.\(e.kind.rawValue)")), .text(e.email), .text(e.detail), .text(e.address),
                         ] },
                         empty: ctx.t("audit.none")),
            .unwrap(older) { .p(.a(.href(escapeAttribute($0)), .text(ctx.t("audit.older")))) },
        ])
    }
}
