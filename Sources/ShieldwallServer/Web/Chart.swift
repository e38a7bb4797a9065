import Foundation
import Plot

/// Small charts drawn as SVG on the server: no script, readable without colour (values are
/// written under each bar), with a text title for screen readers.
enum Chart {
    static func monthLabel(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "MMM yy"
        return f.string(from: date)
    }

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
