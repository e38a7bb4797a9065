import Foundation
import Plot

/// Small charts drawn as SVG on the server: no script, readable without colour (values are
/// written under each bar), with a text title for screen readers.
enum Chart {
    /// "Nov 26", "nov 26": the month's short name in the reader's language (Foundation's locale data).
    static func monthLabel(_ date: Date, language: String = "en") -> String {
        date.formatted(Date.FormatStyle(locale: Locale(identifier: language == "en" ? "en_GB" : language), timeZone: utc)
            .month(.abbreviated).year(.twoDigits))
    }

    private static let utc = TimeZone(identifier: "UTC") ?? .gmt

    /// Two series side by side per label: A as dark bars, B as light bars.
    static func bars(title: String, points: [(String, Int, Int)], seriesA: String, seriesB: String) -> Node<HTML.BodyContext> {
        let width = 40 * max(points.count, 1) + 40, height = 200, base = 160
        let top = max(1, points.map { max($0.1, $0.2) }.max() ?? 1)
        func h(_ v: Int) -> Int { Int(Double(v) / Double(top) * 120) }
        var nodes: [Node<HTML.BodyContext>] = [.element(named: "title", nodes: [.text(title)])]
        for (i, point) in points.enumerated() {
            let x = 30 + i * 40
            nodes.append(.selfClosedElement(named: "rect", attributes: [
                .attr("x", String(x)), .attr("y", String(base - h(point.1))), .attr("width", "14"), .attr("height", String(h(point.1))),
                .attr("fill", "#1f4e8c")]))
            nodes.append(.selfClosedElement(named: "rect", attributes: [
                .attr("x", String(x + 15)), .attr("y", String(base - h(point.2))), .attr("width", "14"), .attr("height", String(h(point.2))),
                .attr("fill", "#9dbbe3")]))
            nodes.append(.element(named: "text", nodes: [.attr("x", String(x + 14)), .attr("y", String(base + 14)),
                                                         .attr("font-size", "10"), .attr("text-anchor", "middle"), .text("\(point.1)/\(point.2)")]))
            nodes.append(.element(named: "text", nodes: [.attr("x", String(x + 14)), .attr("y", String(base + 28)),
                                                         .attr("font-size", "10"), .attr("text-anchor", "middle"), .text(point.0)]))
        }
        nodes.append(.element(named: "text", nodes: [.attr("x", "30"), .attr("y", "16"), .attr("font-size", "12"),
                                                     .text("■ \(seriesA)   □ \(seriesB)")]))
        return .element(named: "svg", nodes: [
            .attr("xmlns", "http://www.w3.org/2000/svg"), .attr("viewBox", "0 0 \(width) \(height)"), .attr("role", "img"),
            .attr("aria-label", title), .attr("class", "chart"),
        ] + nodes)
    }
}

extension Chart {
    /// Scores (0–100) over time as lines, one per series, with the values written at each point.
    static func lines(title: String, labels: [String], series: [(name: String, values: [Int?], color: String)]) -> Node<HTML.BodyContext> {
        let left = 40, top = 24, plot = 180
        let step = max(90, 560 / max(labels.count, 1))
        let width = max(680, left + step * max(labels.count, 1) + 20)
        let legendRows = (series.count + 1) / 2
        let height = top + plot + 40 + 16 * legendRows
        func x(_ i: Int) -> Int { left + 20 + i * step }
        func y(_ v: Int) -> Int { top + plot - v * plot / 100 }
        var nodes: [Node<HTML.BodyContext>] = [.element(named: "title", nodes: [.text(title)])]
        for grid in [0, 50, 100] {
            nodes.append(.selfClosedElement(named: "line", attributes: [.attr("x1", String(left)), .attr("x2", String(width - 10)),
                .attr("y1", String(y(grid))), .attr("y2", String(y(grid))), .attr("stroke", "#ccc")]))
            nodes.append(.element(named: "text", nodes: [.attr("x", String(left - 6)), .attr("y", String(y(grid) + 4)),
                .attr("font-size", "10"), .attr("text-anchor", "end"), .text(String(grid))]))
        }
        for (i, label) in labels.enumerated() {
            nodes.append(.element(named: "text", nodes: [.attr("x", String(x(i))), .attr("y", String(top + plot + 16)),
                .attr("font-size", "10"), .attr("text-anchor", "middle"), .text(label)]))
        }
        for (n, s) in series.enumerated() {
            let points = s.values.enumerated().compactMap { i, v in v.map { "\(x(i)),\(y($0))" } }
            if points.count > 1 {
                nodes.append(.selfClosedElement(named: "polyline", attributes: [.attr("points", points.joined(separator: " ")),
                    .attr("fill", "none"), .attr("stroke", s.color), .attr("stroke-width", n == 0 ? "3" : "1.5")]))
            }
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                nodes.append(.selfClosedElement(named: "circle", attributes: [.attr("cx", String(x(i))), .attr("cy", String(y(v))),
                    .attr("r", n == 0 ? "4" : "2.5"), .attr("fill", s.color)]))
                if n == 0 {
                    nodes.append(.element(named: "text", nodes: [.attr("x", String(x(i))), .attr("y", String(y(v) - 8)),
                        .attr("font-size", "11"), .attr("text-anchor", "middle"), .text(String(v))]))
                }
            }
            nodes.append(.element(named: "text", nodes: [.attr("x", String(left + (n % 2) * 300)), .attr("y", String(top + plot + 34 + 16 * (n / 2))),
                .attr("font-size", "11"), .attr("fill", s.color), .text("— \(s.name)")]))
        }
        return .element(named: "svg", nodes: [
            .attr("xmlns", "http://www.w3.org/2000/svg"), .attr("viewBox", "0 0 \(width) \(height)"), .attr("role", "img"),
            .attr("aria-label", title), .attr("class", "chart"), .attr("id", "progress-chart"),
        ] + nodes)
    }
}
