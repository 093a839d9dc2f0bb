import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Paranom

/// `Dataset.plotSVG`: well-formed XML, one shaded region per event in range, the M4 reduction,
/// a size that does not grow with the rows, and bad requests.
@Suite struct PlotTests {
    /// The elements of an SVG document with their attributes, in document order, and the text
    /// of each `text` element.
    final class Elements: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
            if name == "text" { inText = true; texts.append("") }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { texts[texts.count - 1] += string }
        }

        func all(_ name: String, class className: String? = nil) -> [[String: String]] {
            elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }.map(\.attributes)
        }
    }

    static func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Elements {
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        try #require(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        return elements
    }

    static func machine(in dir: String, rows: Int64 = 6_000) throws -> Dataset {
        let spec = try ExportFixture.example("machine.json")
            .replacingOccurrences(of: "\"warmup\": 5000", with: "\"warmup\": 100")
            .replacingOccurrences(of: "\"geometric\": 0.0005", with: "\"geometric\": 0.004")
        return try ExportFixture.dataset(spec, in: dir, grow: [rows], segmentRows: 1_000)
    }

    @Test(arguments: [nil, 0..<6_000, 1_234..<4_321, 2_000..<2_050, 5_999..<6_000] as [Range<Int64>?])
    func svgIsXMLWithOneShadedRegionPerEventInRange(_ rows: Range<Int64>?) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.machine(in: dir)
            let svg = try dataset.plotSVG(PlotOptions(rows: rows, columns: ["rpm", "temperature", "door_open"], width: 900, height: 400))
            let doc = try Self.parse(svg)
            let root = try #require(doc.elements.first)
            #expect(root.name == "svg" && root.attributes["width"] == "900" && root.attributes["height"] == "400")
            let range = rows ?? 0..<6_000
            let expected = try dataset.eventIntervals().filter { $0.start < range.upperBound && $0.end > range.lowerBound }
            let regions = doc.all("rect", class: "event")
            #expect(regions.count == expected.count)
            for (region, event) in zip(regions, expected) {
                #expect(region["data-scenario"] == event.scenario)
                #expect(region["data-start"] == String(max(event.start, range.lowerBound)))
                #expect(region["data-end"] == String(min(event.end, range.upperBound)))
                #expect((Double(region["width"] ?? "") ?? 0) >= 1)
            }
            #expect(doc.all("path", class: "series").map { $0["data-column"] } == ["rpm", "temperature", "door_open"])
            #expect(doc.all("g", class: "legend-series").count == 3)
            #expect(doc.all("g", class: "legend-scenario").map { $0["data-scenario"] } == ["bearing_wear", "overheat", "sensor_dropout"])
            #expect(doc.all("g", class: "x-tick").count >= min(2, range.count))
            #expect(doc.all("g", class: "y-tick").count >= 2)
            // Every path has as many points as rows, at most four per pixel column.
            for path in doc.all("path", class: "series") {
                let points = (path["d"] ?? "").filter { $0 == "M" || $0 == "L" }.count
                #expect(points >= min(Int(range.count), 2) && points <= min(Int(range.count), 4 * 900))
            }
        }
    }

    /// The first, smallest, largest and last value of every pixel column are the true ones.
    @Test func reductionKeepsEachPixelColumnsExtremes() throws {
        var bins = [PlotSeries.Bin](repeating: PlotSeries.Bin(), count: 7)
        var random = SplitMix64(seed: 3)
        let range: Range<Int64> = 1_000..<1_100
        let values = range.map { _ in random.gaussian() }
        for (i, row) in range.enumerated() { bins[PlotSeries.bin(of: row, in: range, binCount: 7)].add(row, values[i]) }
        var merged = [PlotSeries.Bin](repeating: PlotSeries.Bin(), count: 7)
        for half in [range.lowerBound..<1_043, 1_043..<range.upperBound] {
            var part = [PlotSeries.Bin](repeating: PlotSeries.Bin(), count: 7)
            for row in half { part[PlotSeries.bin(of: row, in: range, binCount: 7)].add(row, values[Int(row - range.lowerBound)]) }
            for k in 0..<7 { merged[k].merge(part[k]) }
        }
        for k in 0..<7 {
            let rows = range.filter { PlotSeries.bin(of: $0, in: range, binCount: 7) == k }
            let v = rows.map { values[Int($0 - range.lowerBound)] }
            for bin in [bins[k], merged[k]] {
                #expect(bin.count == rows.count)
                #expect(bin.first == v.first && bin.last == v.last && bin.min == v.min() && bin.max == v.max())
                #expect(bin.firstRow == rows.first && bin.lastRow == rows.last)
                #expect(values[Int(bin.minRow - range.lowerBound)] == bin.min && values[Int(bin.maxRow - range.lowerBound)] == bin.max)
                #expect(bin.points.map(\.row) == bin.points.map(\.row).sorted())
            }
        }
        #expect((0..<7).map { k in range.filter { PlotSeries.bin(of: $0, in: range, binCount: 7) == k }.count }.allSatisfy { $0 >= 14 })
        var gap = PlotSeries.Bin()
        gap.add(1, .nan)
        gap.add(2, 5)
        #expect(gap.count == 1 && gap.broken && gap.min == 5)
    }

    /// Four times the rows give a picture of about the same size.
    @Test func sizeDoesNotGrowWithTheRows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.machine(in: dir, rows: 40_000)
            let small = try dataset.plotSVG(PlotOptions(rows: 0..<10_000, columns: ["vibration"], width: 600, height: 300))
            let large = try dataset.plotSVG(PlotOptions(rows: 0..<40_000, columns: ["vibration"], width: 600, height: 300))
            let events = try dataset.eventIntervals().count
            #expect(large.utf8.count < 600 * 4 * 16 + events * 400 + 20_000)
            #expect(Double(large.utf8.count) < Double(small.utf8.count) * 2.5)
        }
    }

    @Test func emptyRangeAndConstantColumnsStillDraw() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.machine(in: dir, rows: 2_000)
            let empty = try Self.parse(try dataset.plotSVG(PlotOptions(rows: 500..<500)))
            #expect(empty.all("rect", class: "event").isEmpty)
            #expect(empty.all("path", class: "series").allSatisfy { $0["d"] == "" })
            let flat = #"{"name": "flat", "variables": [{"name": "c", "normal": {"constant": 3}}]}"#
            let constant = try ExportFixture.dataset(flat, in: dir, name: "f.pnm", grow: [50])
            let doc = try Self.parse(try constant.plotSVG(PlotOptions()))
            #expect(doc.texts.contains { Double($0) == 3 }, "a y tick at the constant value: \(doc.texts)")
        }
    }

    @Test func badRequests() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Self.machine(in: dir, rows: 1_000)
            let numeric = "rpm, vibration, temperature, current, load, door_open"
            let cases: [(PlotOptions, String)] = [
                (PlotOptions(columns: ["state"]), "\"state\" is a category variable, which has no numeric values to plot (variables to plot: \(numeric))"),
                (PlotOptions(columns: ["nope"]), "unknown variable \"nope\" (variables to plot: \(numeric))"),
                (PlotOptions(columns: ["rpm", "rpm"]), "\"rpm\" is named twice in --columns"),
                (PlotOptions(rows: 900..<1_001), "rows 900:1001 are past the end of version 1, which has 1000 rows"),
                (PlotOptions(width: 100), "the plot must be 300 to 20000 pixels wide and 200 to 10000 high, not 100 × 480"),
            ]
            for (options, message) in cases {
                #expect(throws: ParanomError.invalidArgument(message)) { try dataset.plotSVG(options) }
            }
        }
    }

    @Test func tickLabelsAreRoundNumbers() {
        #expect(SVGChart.ticks(0, 1, target: 5).map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(SVGChart.ticks(-0.07, 0.31, target: 4).map(\.label) == ["0.0", "0.1", "0.2", "0.3"])
        #expect(SVGChart.ticks(95, 1_205, target: 5).map(\.label) == ["200", "400", "600", "800", "1000", "1200"])
        #expect(SVGChart.ticks(0, 1_999_999, target: 8, integers: true).map(\.label)
            == ["0", "200,000", "400,000", "600,000", "800,000", "1,000,000", "1,200,000", "1,400,000", "1,600,000", "1,800,000"])
        #expect(SVGChart.ticks(3, 7, target: 10, integers: true).map(\.label) == ["3", "4", "5", "6", "7"])
    }
}
