import Foundation
import Plot

/// How dates appear on pages: unambiguous, in UTC, inside a `<time>` element machines can read.
enum Format {
    /// ISO 8601 in UTC ("2026-11-15T05:37:00Z"), formatted without ICU: a formatter made per call cost a tenth of a
    /// list page's time (perf, BENCHMARKS.md).
    private static let isoStyle = Date.ISO8601FormatStyle()

    /// "2026-11-15 05:37 UTC".
    static func dateTime(_ date: Date) -> String {
        let iso = iso(date)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    static func iso(_ date: Date) -> String {
        date.formatted(isoStyle)
    }

    /// A measured value with at most one decimal: "85", "66.7" — for forms and files, the same in every language.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    /// The same value to be read, as the language writes numbers (Foundation's locale data): "66.7", "66,7".
    static func number(_ value: Double, language: String) -> String {
        guard language != "en" else { return number(value) }
        return ((value * 10).rounded() / 10).formatted(.number.precision(.fractionLength(0...1)).grouping(.never).locale(Locale(identifier: language)))
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
