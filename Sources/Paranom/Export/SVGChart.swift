import Foundation

/// Draws reduced series and anomaly events as an SVG line chart: a title, a legend of the
/// columns and scenarios, shaded events labelled with their scenario where there is room,
/// x (row) and y axes with ticks and grid lines.
///
/// The output is a standalone SVG 1.1 document. Elements carry classes (`series`, `event`,
/// `event-label`, `legend`, `x-tick`, `y-tick`) and `data-` attributes so scripts and tests can
/// find them.
struct SVGChart {
    /// The picture's size and the horizontal extent of the plot area.
    struct Frame {
        let width: Int
        let height: Int
        let left = 76
        let right = 24
        var plotWidth: Int { width - left - right }
    }

    let frame: Frame
    let title: String
    let rows: Range<Int64>
    let series: [PlotSeries]
    let events: [EventInterval]
    let scenarios: [String]

    init(frame: Frame, title: String, rows: Range<Int64>, series: [PlotSeries], events: [EventInterval], scenarios: [String]) {
        self.frame = frame
        self.title = title
        self.rows = rows
        self.series = series
        self.events = events
        self.scenarios = scenarios
    }

    static let seriesColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    static let scenarioColors = ["#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec"]
    /// An estimate of the width of one character at the chart's 12 px font.
    static let characterWidth = 7.0

    func render() -> String {
        var out = ""
        out.reserveCapacity(64 * 1024)
        let width = Double(frame.width), height = Double(frame.height)
        let left = Double(frame.left), plotWidth = Double(frame.plotWidth)

        // Legend, wrapped into lines under the title; its height decides the plot's top.
        var legend = ""
        var x = left, line = 0
        func place(_ textWidth: Double) -> (Double, Double) {
            if x + textWidth > width - Double(frame.right) && x > left { x = left; line += 1 }
            let at = (x, 42 + Double(line) * 18)
            x += textWidth + 18
            return at
        }
        for (i, s) in series.enumerated() {
            let color = SVGChart.seriesColors[i % SVGChart.seriesColors.count]
            let (lx, ly) = place(24 + Double(s.name.count) * SVGChart.characterWidth)
            legend += "<g class=\"legend-series\" data-column=\"\(xml(s.name))\"><line x1=\"\(n(lx))\" y1=\"\(n(ly - 4))\" x2=\"\(n(lx + 18))\" y2=\"\(n(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            legend += "<text x=\"\(n(lx + 22))\" y=\"\(n(ly))\">\(xml(s.name))</text></g>\n"
        }
        for (i, name) in scenarios.enumerated() {
            let (lx, ly) = place(24 + Double(name.count) * SVGChart.characterWidth)
            legend += "<g class=\"legend-scenario\" data-scenario=\"\(xml(name))\"><rect x=\"\(n(lx))\" y=\"\(n(ly - 10))\" width=\"18\" height=\"12\" fill=\"\(scenarioColor(i + 1))\"/>"
            legend += "<text x=\"\(n(lx + 22))\" y=\"\(n(ly))\">\(xml(name))</text></g>\n"
        }
        let top = 42 + Double(line) * 18 + 16
        let bottom = 48.0
        let plotHeight = max(height - top - bottom, 20)

        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(frame.width)\" height=\"\(frame.height)\" viewBox=\"0 0 \(frame.width) \(frame.height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title>\(xml(title))</title>\n"
        out += "<defs><clipPath id=\"plot-area\"><rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\"/></clipPath></defs>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text class=\"title\" x=\"\(n(left))\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(xml(title))</text>\n"
        out += "<g class=\"legend\">\n" + legend + "</g>\n"

        // Events, behind everything else.
        let count = Double(max(rows.count, 1))
        func xEdge(_ row: Int64) -> Double { left + Double(row - rows.lowerBound) * plotWidth / count }
        var labels = ""
        out += "<g class=\"events\">\n"
        for event in events {
            let x0 = xEdge(event.start)
            let w = max(xEdge(event.end) - x0, 1)
            let code = (scenarios.firstIndex(of: event.scenario) ?? -1) + 1
            out += "<rect class=\"event\" data-scenario=\"\(xml(event.scenario))\" data-start=\"\(event.start)\" data-end=\"\(event.end)\" x=\"\(n(x0))\" y=\"\(n(top))\" width=\"\(n(w))\" height=\"\(n(plotHeight))\" fill=\"\(scenarioColor(code))\" fill-opacity=\"0.7\">"
            out += "<title>\(xml(event.scenario)): rows \(event.start) to \(event.end)</title></rect>\n"
            // The label goes across when it fits, else upright along the region when that is
            // wide enough to read; the legend's colour names every region either way.
            let textWidth = Double(event.scenario.count) * SVGChart.characterWidth * 11 / 12
            if w >= textWidth + 6 {
                labels += "<text class=\"event-label\" x=\"\(n(x0 + w / 2))\" y=\"\(n(top + 13))\" text-anchor=\"middle\">\(xml(event.scenario))</text>\n"
            } else if w >= 9 && textWidth + 12 <= plotHeight {
                let lx = x0 + w / 2 + 4, ly = top + 6
                labels += "<text class=\"event-label\" x=\"\(n(lx))\" y=\"\(n(ly))\" text-anchor=\"end\" transform=\"rotate(-90 \(n(lx)) \(n(ly)))\">\(xml(event.scenario))</text>\n"
            }
        }
        out += "</g>\n"

        // Y range over every drawn value, padded; ticks at round numbers.
        var low = Double.infinity, high = -Double.infinity
        for s in series {
            for bin in s.bins where bin.count > 0 {
                low = min(low, bin.min)
                high = max(high, bin.max)
            }
        }
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.05
            low -= pad
            high += pad
        } else {
            let pad = (high - low) * 0.05
            low -= pad
            high += pad
        }
        func y(_ value: Double) -> Double { top + plotHeight * (high - value) / (high - low) }

        out += "<g class=\"axes\" stroke=\"#000\" stroke-width=\"1\">\n"
        out += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\"/>\n"
        out += "<line x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(top + plotHeight))\"/>\n"
        out += "</g>\n"
        out += "<g class=\"y-ticks\">\n"
        for tick in SVGChart.ticks(low, high, target: max(2, Int(plotHeight / 50))) {
            let ty = y(tick.value)
            out += "<g class=\"y-tick\"><line x1=\"\(n(left))\" y1=\"\(n(ty))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(ty))\" stroke=\"#ddd\"/>"
            out += "<line x1=\"\(n(left - 5))\" y1=\"\(n(ty))\" x2=\"\(n(left))\" y2=\"\(n(ty))\" stroke=\"#000\"/>"
            out += "<text x=\"\(n(left - 8))\" y=\"\(n(ty + 4))\" text-anchor=\"end\">\(tick.label)</text></g>\n"
        }
        out += "</g>\n"
        out += "<g class=\"x-ticks\">\n"
        let lastRow = Double(max(rows.upperBound - 1, rows.lowerBound))
        for tick in SVGChart.ticks(Double(rows.lowerBound), lastRow, target: max(2, Int(plotWidth / 110)), integers: true) {
            let tx = left + (tick.value - Double(rows.lowerBound) + 0.5) * plotWidth / count
            out += "<g class=\"x-tick\"><line x1=\"\(n(tx))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(tx))\" y2=\"\(n(top + plotHeight + 5))\" stroke=\"#000\"/>"
            out += "<text x=\"\(n(tx))\" y=\"\(n(top + plotHeight + 19))\" text-anchor=\"middle\">\(tick.label)</text></g>\n"
        }
        out += "</g>\n"
        out += "<text class=\"x-label\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">row</text>\n"

        // The series, clipped to the plot area.
        out += "<g class=\"lines\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke-width=\"1.2\" stroke-linejoin=\"round\">\n"
        for (i, s) in series.enumerated() {
            var d = ""
            var pen = false
            for bin in s.bins {
                for point in bin.points {
                    let px = left + (Double(point.row - rows.lowerBound) + 0.5) * plotWidth / count
                    d += (pen ? "L" : "M") + n(px) + " " + n(y(point.value))
                    pen = true
                }
                if bin.broken { pen = false }
            }
            out += "<path class=\"series\" data-column=\"\(xml(s.name))\" stroke=\"\(SVGChart.seriesColors[i % SVGChart.seriesColors.count])\" d=\"\(d)\"/>\n"
        }
        out += "</g>\n"
        // Event labels on top of the lines, with a white halo to stay readable.
        out += "<g class=\"event-labels\" font-size=\"11\" fill=\"#333\" stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n"
        out += labels + "</g>\n</svg>\n"
        return out
    }

    private func scenarioColor(_ code: Int) -> String {
        code <= 0 ? "#dddddd" : SVGChart.scenarioColors[(code - 1) % SVGChart.scenarioColors.count]
    }

    /// Ticks at multiples of 1, 2 or 5 × 10^e between `low` and `high`, about `target` of them,
    /// labelled with exactly the decimals the step needs (`0.5`, `1.0`, `1.5`; `2,000,000`).
    static func ticks(_ low: Double, _ high: Double, target: Int, integers: Bool = false) -> [(value: Double, label: String)] {
        guard high > low, low.isFinite, high.isFinite else {
            return low.isFinite ? [(low, integers ? groupedDigits(Int64(low)) : decimal(Int64(low), 0))] : []
        }
        let raw = (high - low) / Double(max(target, 1))
        var exponent = Int(floor(log10(raw)))
        let base = pow(10, Double(exponent))
        // The step of 1, 2 or 5 × 10^e nearest to the raw one (thresholds at the geometric means).
        let r = raw / base
        var mantissa: Int64 = r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10
        if mantissa == 10 { mantissa = 1; exponent += 1 }
        if integers && exponent < 0 { mantissa = 1; exponent = 0 }
        let step = Double(mantissa) * pow(10, Double(exponent))
        let first = Int64(ceil(low / step)), last = Int64(floor(high / step))
        guard first <= last, last - first < 1000 else { return [] }
        return (first...last).map { k in
            let q = k * mantissa
            let value = exponent >= 0 ? Double(q) * pow(10, Double(exponent)) : Double(q) / pow(10, Double(-exponent))
            if integers {
                var whole = q
                for _ in 0..<max(exponent, 0) { whole *= 10 }
                return (value, groupedDigits(whole))
            }
            if exponent >= 0 {
                var whole = q
                for _ in 0..<exponent { whole *= 10 }
                return (value, decimal(whole, 0))
            }
            return (value, decimal(q, -exponent))
        }
    }

    /// q × 10^-decimals with exactly `decimals` fraction digits.
    static func decimal(_ q: Int64, _ decimals: Int) -> String {
        var digits = String(q.magnitude)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (q < 0 ? "-" : "") + digits
    }

}

/// A coordinate with one decimal, without a trailing `.0`.
private func n(_ value: Double) -> String {
    let tenths = Int64((value * 10).rounded())
    let whole = tenths / 10, fraction = abs(tenths % 10)
    let sign = tenths < 0 && whole == 0 ? "-" : ""
    return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
}

/// Text escaped for XML content and attribute values.
private func xml(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\u{9}", "\u{A}", "\u{D}": out.unicodeScalars.append(c)
        default:
            // XML 1.0 cannot hold other control characters at all.
            if c.value >= 0x20 { out.unicodeScalars.append(c) } else { out += "?" }
        }
    }
    return out
}

/// An integer with `,` between groups of three digits: `1,234,567`.
public func groupedDigits<T: BinaryInteger>(_ value: T) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { result += "," }
        result.append(c)
    }
    return (value < 0 ? "-" : "") + result
}
