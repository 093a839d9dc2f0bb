import Foundation
import Testing

/// `paranom export`: columns, row ranges, versions, output files, CSV quoting, and a damaged
/// segment.
@Suite struct ExportTests {
    static let valveHeader = "t,valve,mode,pressure,cycles,alarm,is_anomaly,scenario"

    /// A workspace with dataset `d`: the valve spec with 1,000-row segments, grown to 2,000 rows.
    static func withValve<T>(_ body: (Workspace) throws -> T) throws -> T {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["2000"])
            return try body(ws)
        }
    }

    @Test func headerColumnOrderAndRows() throws {
        try Self.withValve { ws in
            let result = try ws.succeed("export", "d")
            #expect(result.stderr == "")
            #expect(result.stdout.hasSuffix("\n"))
            let lines = result.lines
            #expect(lines.first == Self.valveHeader)
            #expect(lines.count == 2001)
            let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(rows.allSatisfy { $0.count == 8 })
            #expect(rows.map { Int($0[0]) } == (0..<2000).map { Optional($0) })
            #expect(rows.allSatisfy { ["open", "closed", "fault"].contains($0[2]) })
            #expect(rows.allSatisfy { ["0", "1"].contains($0[5]) && ["0", "1"].contains($0[6]) })
            #expect(rows.allSatisfy { ($0[6] == "0") == ($0[7] == "") })
            #expect(rows.allSatisfy { Double($0[1]) != nil && Double($0[3]) != nil && Int($0[4]) != nil })
        }
    }

    @Test(arguments: [
        ("998:1002", 998..<1002), (":3", 0..<3), ("1997:", 1997..<2000), (":", 0..<2000),
        ("1k:1.002k", 1000..<1002), ("5:5", 5..<5), ("0:2000", 0..<2000), ("2000:", 2000..<2000),
    ])
    func rowRange(_ range: String, _ expected: Range<Int>) throws {
        try Self.withValve { ws in
            let all = try ws.succeed("export", "d").lines
            let result = try ws.succeed("export", "d", "--rows", range)
            #expect(result.lines.first == Self.valveHeader)
            #expect(Array(result.lines.dropFirst()) == Array(all[(expected.lowerBound + 1)..<(expected.upperBound + 1)]))
        }
    }

    @Test(arguments: ["1990:2001", "2001:2002", "0:1M"])
    func rowsPastTheEnd(_ range: String) throws {
        try Self.withValve { ws in
            let result = try ws.run("export", "d", "--rows", range)
            #expect(result.status == 1, "\(result.summary)")
            #expect(result.stderr == "paranom export: error: rows \(range.replacingOccurrences(of: "1M", with: "1000000")) are past the end of version 1, which has 2000 rows\n")
            #expect(result.stdout == "")
        }
    }

    /// `--rows A:` with A past the end is the same request as `--rows A:B` past the end.
    @Test func openRangeStartingPastTheEnd() throws {
        try Self.withValve { ws in
            let result = try ws.run("export", "d", "--rows", "3000:")
            #expect(result.status == 1, "an open range starting past the end should be exit 1 like 3000:3001; \(result.summary)")
            #expect(result.stderr.contains("past the end of version 1, which has 2000 rows"), "\(result.summary)")
            #expect(result.stdout == "")
        }
    }

    @Test(arguments: ["5:3", "5", "a:b", "::", "1:2:3", "-1:5", "1.5:2"])
    func malformedRowRange(_ range: String) throws {
        try Self.withValve { ws in
            let result = try ws.run("export", "d", "--rows", range)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom export: error: --rows "), "\(result.summary)")
            #expect(result.stdout == "")
        }
    }

    @Test func columnSubsetInTheOrderAsked() throws {
        try Self.withValve { ws in
            let all = try ws.succeed("export", "d").lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let result = try ws.succeed("export", "d", "--columns", "scenario,t,alarm,valve")
            #expect(result.lines.first == "scenario,t,alarm,valve")
            let expected = all.map { [$0[7], $0[0], $0[5], $0[1]].joined(separator: ",") }
            #expect(Array(result.lines.dropFirst()) == expected)

            let single = try ws.succeed("export", "d", "--columns", "is_anomaly", "--rows", "10:12")
            #expect(single.stdout == "is_anomaly\n\(all[10][6])\n\(all[11][6])\n")
        }
    }

    @Test(arguments: ["t,nope", "", "t,,valve", "T", "valve "])
    func unknownColumn(_ columns: String) throws {
        try Self.withValve { ws in
            let result = try ws.run("export", "d", "--columns", columns)
            #expect(result.status == 1, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom export: error: "), "\(result.summary)")
            let name = columns.split(separator: ",", omittingEmptySubsequences: false).first { !["t", "valve"].contains($0) }.map(String.init) ?? ""
            if !columns.isEmpty {
                #expect(result.stderr.contains("unknown column \"\(name)\" (columns: t, valve, mode, pressure, cycles, alarm, is_anomaly, scenario)"),
                        "\(result.summary)")
            }
            #expect(result.stdout == "")
        }
    }

    @Test func olderVersionExportsOnlyItsRows() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["1000", "2500"])
            let latest = try ws.succeed("export", "d")
            #expect(latest.lines.count == 2501)
            let first = try ws.succeed("export", "d", "--version", "1")
            #expect(first.lines.count == 1001)
            #expect(first.lines == Array(latest.lines.prefix(1001)))
            #expect(try ws.succeed("export", "d", "--version", "2").stdoutData == latest.stdoutData)
            #expect(try ws.succeed("export", "d", "--version", "0").stdout == Self.valveHeader + "\n")
            let tail = try ws.succeed("export", "d", "--version", "1", "--rows", "900:")
            #expect(Array(tail.lines.dropFirst()) == Array(latest.lines[901..<1001]))

            let pastOld = try ws.run("export", "d", "--version", "1", "--rows", "900:1001")
            #expect(pastOld.status == 1, "\(pastOld.summary)")
            #expect(pastOld.stderr.contains("past the end of version 1, which has 1000 rows"))

            let missing = try ws.run("export", "d", "--version", "9")
            #expect(missing.status == 1)
            #expect(missing.stderr == "paranom export: error: d has no version 9 (versions 0 to 2)\n")
            for bad in ["-1", "one", "1.0", ""] {
                let result = try ws.run("export", "d", "--version", bad)
                #expect(result.status == 2, "\(result.summary)")
                #expect(result.stderr.hasPrefix("paranom export: error: --version takes a whole number"))
            }
        }
    }

    @Test func outWritesTheFileAndLeavesNoPartial() throws {
        try Self.withValve { ws in
            let expected = try ws.succeed("export", "d", "--rows", "990:1010")
            try ws.write("old contents\n", to: "slice.csv")
            let result = try ws.succeed("export", "d", "--rows", "990:1010", "--out", "slice.csv")
            #expect(result.stdout == "")
            #expect(result.stderr == "")
            #expect(try ws.read("slice.csv") == expected.stdoutData)
            #expect(try ws.list() == ["d", "slice.csv", "valve.json"])

            try ws.succeed("export", "d", "--out=all.csv", "--threads", "3")
            #expect(try ws.read("all.csv") == ws.succeed("export", "d").stdoutData)
            #expect(!ws.exists("all.csv.partial"))

            let nowhere = try ws.run("export", "d", "--out", "no/such/dir/x.csv")
            #expect(nowhere.status == 5, "\(nowhere.summary)")
            #expect(nowhere.stderr.contains("no/such/dir/x.csv"))
            #expect(try ws.list() == ["all.csv", "d", "slice.csv", "valve.json"])
        }
    }

    @Test func noHeader() throws {
        try Self.withValve { ws in
            let all = try ws.succeed("export", "d").lines
            let bare = try ws.succeed("export", "d", "--no-header")
            #expect(bare.lines == Array(all.dropFirst()))
            #expect(try ws.succeed("export", "d", "--no-header", "--columns", "t", "--rows", ":3").stdout == "0\n1\n2\n")
            #expect(try ws.succeed("export", "d", "--no-header", "--rows", "7:7").stdout == "")
            let bad = try ws.run("export", "d", "--no-header=yes")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("paranom export: error: --no-header takes no value"))
        }
    }

    /// Rows are a function of (spec, seed, row index): growing 0→1k→5k or 0→5k in one step
    /// gives the same bytes, with any number of threads.
    @Test func growthScheduleDoesNotChangeTheRows() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.machineSpec()
            try ws.dataset("steps", spec: spec, grow: ["1k", "5k"])
            try ws.dataset("once", spec: spec, grow: ["5k"])
            let stepsHead = try ws.succeed("export", "steps", "--rows", ":1000")
            let onceHead = try ws.succeed("export", "once", "--rows", ":1000")
            #expect(stepsHead.lines.count == 1001)
            #expect(stepsHead.stdoutData == onceHead.stdoutData)
            #expect(try ws.succeed("export", "steps", "--version", "1").stdoutData == onceHead.stdoutData)
            let stepsAll = try ws.succeed("export", "steps", "--threads", "1")
            #expect(try stepsAll.stdoutData == ws.succeed("export", "once", "--threads", "4").stdoutData)
            #expect(try ws.info("steps").digest == ws.info("once").digest)

            // A step that ends inside a segment leaves a short segment; the rows are the same.
            try ws.dataset("ragged", spec: spec, grow: ["1234", "5k"])
            #expect(try ws.list("ragged/segments").count == 6)
            #expect(try ws.succeed("export", "ragged").stdoutData == stepsAll.stdoutData)
            #expect(try ws.info("ragged").digest == ws.info("once").digest)
        }
    }

    @Test func categoryValuesAreQuotedPerRFC4180() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["4000"])
            let info = try ws.info("m")
            try #require((info.events ?? 0) > 0, "the machine spec should have anomalies in 4,000 rows")
            let result = try ws.succeed("export", "m")
            #expect(result.stdout.contains(",\"service, planned\","))
            #expect(result.stdout.contains(",\"alarm \"\"A\"\"\","))
            let records = try #require(parseCSV(result.stdout), "the export is not well-formed CSV")
            #expect(records.first == ["t", "rpm", "vibration", "temperature", "current", "load", "state", "door_open", "is_anomaly", "scenario"])
            #expect(records.count == 4001)
            #expect(records.allSatisfy { $0.count == 10 })
            let states = Set(records.dropFirst().map { $0[6] })
            #expect(states == ["run", "idle", "service, planned", "alarm \"A\""])
            #expect(Set(records.dropFirst().map { $0[9] }) == ["", "bearing_wear", "overheat", "sensor_dropout"])
            // The alarm value appears in anomalous rows only.
            #expect(records.dropFirst().filter { $0[6] == "alarm \"A\"" }.allSatisfy { $0[8] == "1" })
            #expect(records.dropFirst().filter { $0[8] == "1" }.count == Int(integer(info.object["anomalousRows"]) ?? -1))
        }
    }

    @Test func corruptSegmentIsReportedWithItsFile() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["3000"])
            let files = try ws.list("d/segments")
            try #require(files.count == 3, "\(files)")
            let victim = files[1]
            var bytes = try ws.read("d/segments/\(victim)")
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: ws.url("d/segments/\(victim)"))

            let result = try ws.run("export", "d")
            #expect(result.status == 4, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom export: error: corrupt dataset: "), "\(result.summary)")
            #expect(result.stderr.contains("d/segments/\(victim)"), "\(result.summary)")

            let toFile = try ws.run("export", "d", "--out", "out.csv")
            #expect(toFile.status == 4, "\(toFile.summary)")
            #expect(!ws.exists("out.csv"))
            #expect(!ws.exists("out.csv.partial"))

            // Rows in the intact segments still read.
            #expect(try ws.succeed("export", "d", "--rows", ":1000").lines.count == 1001)
        }
    }

    @Test func emptyDatasetExportsTheHeader() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            #expect(try ws.succeed("export", "d").stdout == Self.valveHeader + "\n")
        }
    }

    @Test func missingOrNonDataset() throws {
        try CLI.withWorkspace { ws in
            let missing = try ws.run("export", "nowhere")
            #expect(missing.status == 1)
            #expect(missing.stderr.hasPrefix("paranom export: error: no dataset at nowhere"))
            try ws.write("x", to: "file")
            let file = try ws.run("export", "file")
            #expect(file.status == 1)
            #expect(file.stderr == "paranom export: error: file is not a dataset directory\n")
            let unknown = try ws.run("export", "nowhere", "--frobnicate", "tsv")
            #expect(unknown.status == 2)
            #expect(unknown.stderr.hasPrefix("paranom export: error: unknown option --frobnicate"))
        }
    }
}
