import Foundation
import Testing
@testable import ParanomCLI

/// `paranom export` options beyond CSV slices: --format (and its inference from --out),
/// --only, --timestamps, --layout, and how their mistakes are reported.
@Suite struct ExportFormatsTests {
    static func withMachine<T>(_ body: (Workspace) throws -> T) throws -> T {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["3000"])
            return try body(ws)
        }
    }

    @Test func tsvHasTheCSVFieldsSeparatedByTabs() throws {
        try Self.withMachine { ws in
            let csv = try #require(parseCSV(try ws.succeed("export", "m").stdout))
            let tsv = try ws.succeed("export", "m", "--format", "tsv")
            #expect(tsv.lines.count == 3001)
            #expect(tsv.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) } == csv)
            #expect(tsv.stdout.contains("\tservice, planned\t"))
            #expect(tsv.stdout.contains("\talarm \"A\"\t"))
        }
    }

    @Test func jsonLinesHasOneObjectPerRow() throws {
        try Self.withMachine { ws in
            let csv = try #require(parseCSV(try ws.succeed("export", "m", "--rows", "1000:1300").stdout))
            let json = try ws.succeed("export", "m", "--rows", "1000:1300", "--format", "jsonl")
            #expect(json.lines.count == 300)
            for (line, record) in zip(json.lines, csv.dropFirst()) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
                #expect(object.count == 10)
                #expect((object["t"] as? NSNumber)?.stringValue == record[0])
                #expect(object["state"] as? String == record[6])
                #expect(object["door_open"] as? Bool == (record[7] == "1"))
                #expect((object["is_anomaly"] as? NSNumber)?.intValue == Int(record[8]))
                #expect(object["scenario"] as? String == record[9])
                // Numbers are the CSV text (compared as text: Foundation's JSON parser on Linux
                // does not always round to the nearest double).
                #expect(line.contains(",\"current\":\(record[4]),\"load\":\(record[5]),"))
            }
            #expect(json.lines.first?.hasPrefix("{\"t\":1000,\"rpm\":") == true)
            let bad = try ws.run("export", "m", "--format", "jsonl", "--no-header")
            #expect(bad.status == 2, "\(bad.summary)")
            #expect(bad.stderr.hasPrefix("paranom export: error: --no-header applies to CSV and TSV; JSON Lines has no header\n"))
        }
    }

    /// Without --format, the --out file's extension chooses; --format wins over it.
    @Test func formatFromTheOutputFileName() throws {
        try Self.withMachine { ws in
            let tsv = try ws.succeed("export", "m", "--rows", ":50", "--format", "tsv").stdoutData
            let jsonl = try ws.succeed("export", "m", "--rows", ":50", "--format", "jsonl").stdoutData
            let csv = try ws.succeed("export", "m", "--rows", ":50").stdoutData
            for (name, expected) in [("a.tsv", tsv), ("a.TAB", tsv), ("a.jsonl", jsonl), ("a.ndjson", jsonl), ("a.csv", csv), ("a.txt", csv)] {
                try ws.succeed("export", "m", "--rows", ":50", "--out", name)
                #expect(try ws.read(name) == expected, "\(name)")
            }
            try ws.succeed("export", "m", "--rows", ":50", "--out", "b.tsv", "--format", "csv")
            #expect(try ws.read("b.tsv") == csv)
        }
    }

    @Test func onlyOneClassOfRows() throws {
        try Self.withMachine { ws in
            let all = try #require(parseCSV(try ws.succeed("export", "m").stdout))
            let anomalous = try #require(parseCSV(try ws.succeed("export", "m", "--only", "anomalous").stdout))
            let normal = try #require(parseCSV(try ws.succeed("export", "m", "--only=normal").stdout))
            #expect(Array(anomalous.dropFirst()) == all.dropFirst().filter { $0[8] == "1" })
            #expect(Array(normal.dropFirst()) == all.dropFirst().filter { $0[8] == "0" })
            #expect(anomalous.count > 1 && normal.count > 1)
            let info = try ws.info("m")
            #expect(Int64(anomalous.count - 1) == integer(info.object["anomalousRows"]))
            let bad = try ws.run("export", "m", "--only", "weird")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("paranom export: error: --only takes all, anomalous or normal, not \"weird\"\n"))
        }
    }

    @Test func timestampsOnTheClock() throws {
        try Self.withMachine { ws in
            let result = try ws.succeed("export", "m", "--rows", "9:12", "--columns", "t,load", "--timestamps", "rfc3339")
            let loads = try ws.succeed("export", "m", "--rows", "9:12", "--columns", "load", "--no-header").lines
            #expect(result.lines == ["t,load", "2026-03-01T08:00:00.900Z,\(loads[0])", "2026-03-01T08:00:01.000Z,\(loads[1])",
                                     "2026-03-01T08:00:01.100Z,\(loads[2])"])
            #expect(try ws.succeed("export", "m", "--rows", "9:10", "--columns", "t", "--timestamps", "index").stdout == "t\n9\n")
            try ws.dataset("b", spec: try ws.spec("bench.json"), grow: ["10"])
            let noClock = try ws.run("export", "b", "--timestamps", "rfc3339")
            #expect(noClock.status == 1, "\(noClock.summary)")
            #expect(noClock.stderr == "paranom export: error: RFC 3339 timestamps need a clock, and the spec \"bench\" has none; use index timestamps\n")
            let bad = try ws.run("export", "m", "--timestamps", "unix")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("paranom export: error: --timestamps takes index or rfc3339, not \"unix\"\n"))
        }
    }

    @Test func timeevalLayout() throws {
        try Self.withMachine { ws in
            let all = try #require(parseCSV(try ws.succeed("export", "m").stdout))
            let timeeval = try #require(parseCSV(try ws.succeed("export", "m", "--layout", "timeeval").stdout))
            #expect(timeeval.first == ["timestamp", "rpm", "vibration", "temperature", "current", "load", "door_open", "is_anomaly"])
            #expect(Array(timeeval.dropFirst()) == all.dropFirst().map { [$0[0], $0[1], $0[2], $0[3], $0[4], $0[5], $0[7], $0[8]] })
            let chosen = try ws.succeed("export", "m", "--layout", "timeeval", "--columns", "vibration", "--rows", ":2", "--timestamps", "rfc3339")
            #expect(chosen.lines == ["timestamp,vibration,is_anomaly", "2026-03-01T08:00:00.000Z,\(all[1][2]),\(all[1][8])",
                                     "2026-03-01T08:00:00.100Z,\(all[2][2]),\(all[2][8])"])
            let unknown = try ws.run("export", "m", "--layout", "timeeval", "--columns", "t")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "paranom export: error: unknown variable \"t\" (variables: rpm, vibration, temperature, current, load, state, door_open)\n")
            let bad = try ws.run("export", "m", "--layout", "gutentag")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("paranom export: error: --layout takes standard or timeeval, not \"gutentag\"\n"))
        }
    }

    @Test func badFormat() throws {
        try Self.withMachine { ws in
            let bad = try ws.run("export", "m", "--format", "xml")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("paranom export: error: --format takes csv, tsv or jsonl, not \"xml\"\n"))
            #expect(bad.stdout == "")
            // A value that looks like --help is a value, not a request for help.
            let help = try ws.run("export", "m", "--format", "--help")
            #expect(help.status == 2)
            #expect(help.stderr.hasPrefix("paranom export: error: --format takes csv, tsv or jsonl, not \"--help\"\n"))
        }
    }

    /// Nothing but the data reaches standard error when it is not a terminal, also for a file.
    @Test func noProgressWhenStderrIsNotATerminal() throws {
        try Self.withMachine { ws in
            let result = try ws.succeed("export", "m", "--out", "all.jsonl")
            #expect(result.stderr == "")
            #expect(result.stdout == "")
            #expect(try ws.read("all.jsonl").count > 100_000)
        }
    }
}
