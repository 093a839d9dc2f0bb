import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ParanomCLI

/// `paranom events` and `paranom plot` on the built binary.
@Suite struct ExportEventsPlotTests {
    /// The maximal runs of anomalous rows in an export, as (start, end, scenario).
    static func runs(_ records: [[String]], scenarioColumn: Int) -> [[String]] {
        var runs: [[String]] = []
        var i = 0
        while i < records.count {
            let scenario = records[i][scenarioColumn]
            guard !scenario.isEmpty else { i += 1; continue }
            var j = i
            while j < records.count && records[j][scenarioColumn] == scenario { j += 1 }
            runs.append([records[i][0], String(Int(records[i][0])! + j - i), String(j - i), scenario])
            i = j
        }
        return runs
    }

    @Test func eventsAsCSVMatchTheRows() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["2000", "5000"])
            let rows = try #require(parseCSV(try ws.succeed("export", "m").stdout)).dropFirst()
            let result = try ws.succeed("events", "m")
            #expect(result.stderr == "")
            let events = try #require(parseCSV(result.stdout))
            #expect(events.first == ["start", "end", "length", "scenario"])
            #expect(Array(events.dropFirst()) == Self.runs(Array(rows), scenarioColumn: 9))
            #expect(events.count - 1 == Int(try ws.info("m").events ?? -1))
            // Version 1 ends at row 2000: its events are those of the first 2000 rows, cut there.
            let old = try #require(parseCSV(try ws.succeed("events", "m", "--version", "1").stdout))
            #expect(Array(old.dropFirst()) == Self.runs(Array(rows.prefix(2000)), scenarioColumn: 9))
            #expect(try ws.succeed("events", "m", "--version", "0").stdout == "start,end,length,scenario\n")
        }
    }

    @Test func eventsAsNABWindows() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["3000"])
            let csv = try #require(parseCSV(try ws.succeed("events", "m").stdout)).dropFirst()
            try ws.succeed("events", "m", "--format", "json", "--out", "windows.json")
            let object = try #require(try JSONSerialization.jsonObject(with: ws.read("windows.json")) as? [String: [[String]]])
            let windows = try #require(object["machine.csv"])
            #expect(windows.count == csv.count)
            // 100 ms per row from 08:00:00: row r is at 08:00:00 + r/10 s.
            func time(_ row: Int) -> String {
                let tenths = row % 10, seconds = row / 10
                return String(format: "2026-03-01 %02d:%02d:%02d.%d00000", 8 + seconds / 3600, seconds / 60 % 60, seconds % 60, tenths)
            }
            for (window, event) in zip(windows, csv) {
                #expect(window == [time(Int(event[0])!), time(Int(event[1])! - 1)])
            }
            let bad = try ws.run("events", "m", "--format", "xml")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("paranom events: error: --format takes csv or json, not \"xml\"\n"))
            let missing = try ws.run("events", "m", "--version", "5")
            #expect(missing.status == 1)
            #expect(missing.stderr == "paranom events: error: m has no version 5 (versions 0 to 1)\n")
        }
    }

    @Test func plotWritesAnSVGWithOneRegionPerEvent() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["4000"])
            let result = try ws.succeed("plot", "m", "--rows", "1000:3500", "--columns", "rpm,vibration", "--out", "p.svg", "--width", "800")
            #expect(result.stdout == "" && result.stderr == "")
            #expect(!ws.exists("p.svg.partial"))
            let data = try ws.read("p.svg")
            final class Counter: NSObject, XMLParserDelegate {
                var events: [[String: String]] = []
                var paths: [String] = []
                var width: String?
                func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                            attributes: [String: String] = [:]) {
                    if name == "svg" { width = attributes["width"] }
                    if name == "rect" && attributes["class"] == "event" { events.append(attributes) }
                    if name == "path" && attributes["class"] == "series" { paths.append(attributes["data-column"] ?? "") }
                }
            }
            let parser = XMLParser(data: data)
            let counter = Counter()
            parser.delegate = counter
            #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
            let events = try #require(parseCSV(try ws.succeed("events", "m").stdout)).dropFirst()
                .filter { Int($0[0])! < 3500 && Int($0[1])! > 1000 }
            #expect(counter.events.count == events.count)
            #expect(counter.events.map { $0["data-scenario"] ?? "" } == events.map { $0[3] })
            #expect(counter.paths == ["rpm", "vibration"])
            #expect(counter.width == "800")
        }
    }

    @Test func plotMistakes() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["500"])
            let noOut = try ws.run("plot", "m")
            #expect(noOut.status == 2)
            #expect(noOut.stderr.hasPrefix("paranom plot: error: missing --out FILE.svg\n"))
            let category = try ws.run("plot", "m", "--columns", "state", "--out", "p.svg")
            #expect(category.status == 1)
            #expect(category.stderr.hasPrefix("paranom plot: error: \"state\" is a category variable"))
            let narrow = try ws.run("plot", "m", "--width", "50", "--out", "p.svg")
            #expect(narrow.status == 2)
            #expect(narrow.stderr.hasPrefix("paranom plot: error: --width takes a whole number from 300 to 20000, not \"50\"\n"))
            let past = try ws.run("plot", "m", "--rows", "100:600", "--out", "p.svg")
            #expect(past.status == 1)
            #expect(past.stderr == "paranom plot: error: rows 100:600 are past the end of version 1, which has 500 rows\n")
            #expect(!ws.exists("p.svg") && !ws.exists("p.svg.partial"))
        }
    }

    @Test(arguments: ["events", "plot"])
    func helpTexts(_ command: String) throws {
        try CLI.withWorkspace { ws in
            for arguments in [["help", command], [command, "--help"], [command, "m", "-h"]] {
                let result = try ws.run(arguments)
                #expect(result.status == 0)
                #expect(result.stdout == Help.text(for: command))
            }
            #expect(try ws.succeed("--help").stdout.contains("\n  \(command) DS "))
        }
    }
}
