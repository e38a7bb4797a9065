import Foundation
import Plot

/// How dates appear on pages: unambiguous, in UTC, inside a `<time>` element machines can read.
enum Format {
    static func dateTime(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    static func time(_ date: Date?) -> Node<HTML.BodyContext> {
        guard let date else { return .text("—") }
        return .time(.datetime(escapeAttribute(iso(date))), .text(dateTime(date)))
    }
}

/// A simple table: header texts and rows of cells.
enum Table {
    static func render(caption: String, headers: [String], rows: [[Node<HTML.BodyContext>]], empty: String) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else { return .p(.class("empty"), .text(empty)) }
        return .div(.class("table-wrap"),
            .table(
                .caption(.text(caption)),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                // Each cell carries its column's name: on a phone the rows become cards that label every value.
                .tbody(.forEach(rows) { cells in
                    .tr(.forEach(Array(cells.enumerated())) { i, cell in
                        .td(.attr("data-label", i < headers.count ? headers[i] : ""), cell)
                    })
                })
            )
        )
    }
}
