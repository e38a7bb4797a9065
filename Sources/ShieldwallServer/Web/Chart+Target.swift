import Foundation
import Plot

extension Chart {
    /// One measure over months as a line, its target as a dashed line, each value written above its point. A month
    /// without a value leaves a gap. `maximum` sets the scale (100 for percentages and scores).
    static func target(title: String, labels: [String], values: [Double?], target: Double?, maximum: Double, targetLabel: String) -> Node<HTML.BodyContext> {
        let left = 40, top = 24, plot = 160
        let step = max(70, 480 / max(labels.count, 1))
        let width = left + step * max(labels.count, 1) + 30
        let height = top + plot + 40
        let top100 = max(maximum, 1)
        func x(_ i: Int) -> Int { left + 20 + i * step }
        func y(_ v: Double) -> Int { top + plot - Int((min(max(v, 0), top100) / top100 * Double(plot)).rounded()) }
        var nodes: [Node<HTML.BodyContext>] = [.element(named: "title", nodes: [.text(title)])]
        for grid in [0, top100 / 2, top100] {
            nodes.append(.selfClosedElement(named: "line", attributes: [.attr("x1", String(left)), .attr("x2", String(width - 10)),
                .attr("y1", String(y(grid))), .attr("y2", String(y(grid))), .attr("stroke", "#ccc")]))
            nodes.append(.element(named: "text", nodes: [.attr("x", String(left - 6)), .attr("y", String(y(grid) + 4)),
                .attr("font-size", "10"), .attr("text-anchor", "end"), .text(Format.number(grid))]))
        }
        if let target {
            nodes.append(.selfClosedElement(named: "line", attributes: [.attr("x1", String(left)), .attr("x2", String(width - 10)),
                .attr("y1", String(y(target))), .attr("y2", String(y(target))), .attr("stroke", "#b3261e"), .attr("stroke-dasharray", "6 4"),
                .attr("class", "target-line")]))
            nodes.append(.element(named: "text", nodes: [.attr("x", String(width - 12)), .attr("y", String(y(target) - 4)), .attr("font-size", "10"),
                .attr("text-anchor", "end"), .attr("fill", "#b3261e"), .text(targetLabel)]))
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                nodes.append(.selfClosedElement(named: "polyline", attributes: [.attr("points", segment.joined(separator: " ")), .attr("fill", "none"),
                    .attr("stroke", "#1f4e8c"), .attr("stroke-width", "2")]))
            }
            segment = []
        }
        for (i, label) in labels.enumerated() {
            nodes.append(.element(named: "text", nodes: [.attr("x", String(x(i))), .attr("y", String(top + plot + 16)), .attr("font-size", "10"),
                .attr("text-anchor", "middle"), .text(label)]))
            guard i < values.count, let v = values[i] else { flush(); continue }
            segment.append("\(x(i)),\(y(v))")
            nodes.append(.selfClosedElement(named: "circle", attributes: [.attr("cx", String(x(i))), .attr("cy", String(y(v))), .attr("r", "3"),
                .attr("fill", "#1f4e8c")]))
            nodes.append(.element(named: "text", nodes: [.attr("x", String(x(i))), .attr("y", String(y(v) - 7)), .attr("font-size", "10"),
                .attr("text-anchor", "middle"), .text(Format.number(v))]))
        }
        flush()
        return .element(named: "svg", nodes: [
            .attr("xmlns", "http://www.w3.org/2000/svg"), .attr("viewBox", "0 0 \(width) \(height)"), .attr("role", "img"),
            .attr("aria-label", title), .attr("class", "chart"),
        ] + nodes)
    }
}
