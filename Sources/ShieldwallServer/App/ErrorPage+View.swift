import Foundation
import Plot
import Vapor

/// An error as a page: what went wrong in the person's language, and the way home.
enum ErrorPageView {
    static func render(_ ctx: PageContext, title: String, message: String, status: HTTPStatus) -> Response {
        Layout.page(ctx, title: title, status: status, content: [
            .p(.text(message)),
            .p(.a(.href(SiteURL.home.path), .text(ctx.t("error.back-home")))),
        ])
    }
}
