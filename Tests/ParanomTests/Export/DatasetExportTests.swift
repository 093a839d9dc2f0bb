import Foundation
import Testing
@testable import Paranom

/// `Dataset.export`: values read back bit for bit in every format, quoting and escaping,
/// slices on and across segment boundaries, empty and out-of-range requests, row classes,
/// timestamps, the TimeEval layout, thread counts and progress.
@Suite struct DatasetExportTests {
    /// The example specs and the awkward one, each with small segments.
    static let specs: [(String, Int64)] = [("valve.json", 2_000), ("machine.json", 3_000), ("bench.json", 2_500), ("awkward", 1_500)]

    static func specText(_ name: String) throws -> String {
        name == "awkward" ? ExportFixture.awkwardSpec : try ExportFixture.example(name)
    }

    @Test(arguments: specs.map(\.0))
    func csvReadsBackBitForBit(_ name: String) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let rows = Self.specs.first { $0.0 == name }!.1
            let dataset = try ExportFixture.dataset(try Self.specText(name), in: dir, grow: [rows / 3, rows], segmentRows: 400)
            let block = try dataset.readRows()
            let records = try #require(ExportFixture.parseCSV(try ExportFixture.text(dataset, ExportOptions())))
            let spec = dataset.spec
            #expect(records.first == ["t"] + spec.variables.map(\.name) + ["is_anomaly", "scenario"])
            #expect(records.count == Int(rows) + 1)
            var mismatches = 0
            for (r, record) in records.dropFirst().enumerated() {
                var ok = record.count == spec.variables.count + 3 && record[0] == String(r)
                for (k, variable) in spec.variables.enumerated() where ok {
                    switch block.columns[k] {
                    case let .double(v):
                        ok = Double(record[k + 1])?.bitPattern == v[r].bitPattern
                    case .integer:
                        ok = record[k + 1] == ExportFixture.expectedField(variable, block.columns[k], r)
                    }
                }
                let code = Int(block.scenario[r])
                ok = ok && record[spec.variables.count + 1] == (code == 0 ? "0" : "1")
                    && record[spec.variables.count + 2] == ([""] + spec.scenarioNames)[code]
                if !ok {
                    mismatches += 1
                    if mismatches <= 3 { Issue.record("row \(r): \(record)") }
                }
            }
            #expect(mismatches == 0)
            if name == "awkward" {
                // The awkward spec reaches what it is meant to: subnormals, -0.0, huge values.
                guard case let .double(sub) = block.columns[0], case let .double(zero) = block.columns[2],
                      case let .double(huge) = block.columns[1] else { Issue.record("kinds"); return }
                #expect(sub.contains { $0.isSubnormal })
                #expect(zero.contains { $0 == 0 && $0.sign == .minus })
                #expect(huge.contains { abs($0) > 1e307 })
                #expect(Set(records.dropFirst().map { $0[9] }).count == 9)
            }
        }
    }

    /// Categories and scenario names holding commas, quotes, CR, LF, tabs and backslashes come
    /// back unchanged from CSV, TSV and JSON Lines.
    @Test func awkwardStringsRoundTripInEveryFormat() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(ExportFixture.awkwardSpec, in: dir, grow: [1_500])
            let block = try dataset.readRows()
            let labels = dataset.spec.variables[8].categories
            let scenarios = [""] + dataset.spec.scenarioNames
            guard case let .integer(codes) = block.columns[8] else { Issue.record("label codes"); return }
            let expected = codes.indices.map { [labels[Int(codes[$0])], scenarios[Int(block.scenario[$0])]] }
            let options = ExportOptions(columns: ["label", "scenario"])

            let csv = try #require(ExportFixture.parseCSV(try ExportFixture.text(dataset, options)))
            #expect(Array(csv.dropFirst()) == expected)
            var tsvOptions = options
            tsvOptions.format = .tsv
            let tsvText = try ExportFixture.text(dataset, tsvOptions)
            #expect(tsvText.split(separator: "\n", omittingEmptySubsequences: false).count == 1_502, "one line per row plus the header")
            let tsv = try #require(ExportFixture.parseTSV(tsvText))
            #expect(Array(tsv.dropFirst()) == expected)
            var jsonOptions = options
            jsonOptions.format = .jsonl
            let json = try #require(ExportFixture.parseJSONL(try ExportFixture.text(dataset, jsonOptions)))
            #expect(json.map { [$0["label"] as? String ?? "?", $0["scenario"] as? String ?? "?"] } == expected)
            #expect(Set(expected.map { $0[0] }).count == labels.count)
            #expect(Set(expected.map { $0[1] }).count == scenarios.count)
        }
    }

    /// Every format carries the same values: TSV fields are CSV's, JSON Lines numbers are the
    /// same doubles and integers, bools are JSON booleans.
    @Test func formatsAgree() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("machine.json"), in: dir, grow: [2_500], segmentRows: 700)
            let csv = try #require(ExportFixture.parseCSV(try ExportFixture.text(dataset, ExportOptions())))
            let tsv = try #require(ExportFixture.parseTSV(try ExportFixture.text(dataset, ExportOptions(format: .tsv))))
            #expect(tsv == csv)
            let jsonText = try ExportFixture.text(dataset, ExportOptions(format: .jsonl))
            #expect(jsonText.hasPrefix("{\"t\":0,\"rpm\":"))
            let json = try #require(ExportFixture.parseJSONL(jsonText))
            #expect(json.count == csv.count - 1)
            // Numbers are the CSV text (Foundation's JSON parser on Linux does not round
            // correctly, so the lines are compared as text); strings are JSON strings.
            let names = csv[0]
            let lines = jsonText.split(separator: "\n").map(String.init)
            var mismatches = 0
            for (record, line) in zip(csv.dropFirst(), lines) {
                let members = zip(names, record).map { name, field -> String in
                    let value: String
                    switch name {
                    case "door_open": value = field == "1" ? "true" : "false"
                    case "state", "scenario": value = JSONValue.quoted(field)
                    default: value = field
                    }
                    return JSONValue.quoted(name) + ":" + value
                }
                if line != "{" + members.joined(separator: ",") + "}" {
                    mismatches += 1
                    if mismatches <= 3 { Issue.record("CSV \(record), JSON \(line)") }
                }
            }
            #expect(json.allSatisfy { $0.count == names.count })
            #expect(mismatches == 0)
            // Non-finite floats are null in JSON, nan/inf in CSV.
            let nanSpec = #"{"name": "n", "segmentRows": 10, "variables": [{"name": "x", "normal": {"constant": 1}}]}"#
            let other = try ExportFixture.dataset(nanSpec, in: dir, name: "n.pnm", grow: [3])
            #expect(try ExportFixture.text(other, ExportOptions(format: .jsonl)) == """
                {"t":0,"x":1.0,"is_anomaly":0,"scenario":""}
                {"t":1,"x":1.0,"is_anomaly":0,"scenario":""}
                {"t":2,"x":1.0,"is_anomaly":0,"scenario":""}

                """)
        }
    }

    /// Slices that start or end on segment boundaries, or span several, are exactly the lines
    /// of the whole export.
    @Test func slicesOnAndAcrossSegmentBoundaries() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [700, 2_000], segmentRows: 500)
            // Grows split at multiples of 500 and at 700: segments [0,500) [500,700) [700,1000) [1000,1500) [1500,2000).
            let all = try ExportFixture.text(dataset, ExportOptions(header: false)).split(separator: "\n").map(String.init)
            #expect(all.count == 2_000)
            let ranges: [Range<Int64>] = [0..<500, 500..<1_000, 499..<501, 500..<700, 700..<1_000, 699..<701, 1_000..<2_000,
                                          1_999..<2_000, 0..<1, 0..<2_000, 123..<1_877, 1_500..<1_500]
            for range in ranges {
                for format in [ExportOptions.Format.csv, .tsv] {
                    let text = try ExportFixture.text(dataset, ExportOptions(rows: range, header: false, threads: 3, format: format))
                    let lines = text.split(separator: "\n").map { format == .tsv ? $0.replacingOccurrences(of: "\t", with: ",") : String($0) }
                    #expect(lines == Array(all[Int(range.lowerBound)..<Int(range.upperBound)]), "\(range) \(format)")
                }
            }
        }
    }

    @Test func emptyRangesGiveOnlyTheHeader() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [1_000], segmentRows: 300)
            let header = "t,valve,mode,pressure,cycles,alarm,is_anomaly,scenario\n"
            for range: Range<Int64> in [0..<0, 300..<300, 1_000..<1_000, 17..<17] {
                #expect(try ExportFixture.text(dataset, ExportOptions(rows: range)) == header)
                #expect(try ExportFixture.text(dataset, ExportOptions(rows: range, header: false)) == "")
                #expect(try ExportFixture.text(dataset, ExportOptions(rows: range, format: .jsonl)) == "")
                #expect(try ExportFixture.text(dataset, ExportOptions(rows: range, format: .tsv)) == header.replacingOccurrences(of: ",", with: "\t"))
            }
            // Version 0 has no rows at all.
            #expect(try ExportFixture.text(dataset, ExportOptions(version: 0)) == header)
        }
    }

    @Test func rangesPastTheEndAreAnError() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [600, 1_000], segmentRows: 300)
            for (range, version) in [(990..<1_001, nil), (1_000..<1_001, nil), (0..<601, 1), (-1..<5, nil)] as [(Range<Int64>, Int?)] {
                var written = 0
                #expect {
                    try dataset.export(ExportOptions(version: version, rows: range)) { written += $0.count }
                } throws: { error in
                    guard case let .invalidArgument(message) = error as? ParanomError else { return false }
                    return message == "rows \(range.lowerBound):\(range.upperBound) are past the end of version \(version ?? 2), which has \(version == 1 ? 600 : 1_000) rows"
                }
                #expect(written == 0, "nothing is written before the request is checked")
            }
            #expect(throws: ParanomError.notFound("\(dir)/d.pnm has no version 7 (versions 0 to 2)")) {
                try dataset.export(ExportOptions(version: 7)) { _ in }
            }
        }
    }

    @Test func badColumnRequests() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [100])
            let cases: [(ExportOptions, String)] = [
                (ExportOptions(columns: ["t", "nope"]), "unknown column \"nope\" (columns: t, valve, mode, pressure, cycles, alarm, is_anomaly, scenario)"),
                (ExportOptions(columns: []), "--columns needs at least one column name"),
                (ExportOptions(columns: ["valve", "valve"], format: .jsonl), "column \"valve\" is asked for twice; JSON Lines objects need distinct keys"),
                (ExportOptions(columns: ["t"], layout: .timeeval), "unknown variable \"t\" (variables: valve, mode, pressure, cycles, alarm)"),
            ]
            for (options, message) in cases {
                #expect(throws: ParanomError.invalidArgument(message)) { try dataset.export(options) { _ in } }
            }
            // Repeats are fine in CSV.
            #expect(try ExportFixture.text(dataset, ExportOptions(rows: 0..<2, columns: ["t", "t"])) == "t,t\n0,0\n1,1\n")
        }
    }

    /// `only` keeps the rows of one class, with their original row numbers.
    @Test func onlyAnomalousOrNormalRows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [12_000], segmentRows: 1_000)
            let all = try ExportFixture.text(dataset, ExportOptions(header: false)).split(separator: "\n").map(String.init)
            let anomalous = try ExportFixture.text(dataset, ExportOptions(header: false, only: .anomalous)).split(separator: "\n").map(String.init)
            let normal = try ExportFixture.text(dataset, ExportOptions(header: false, only: .normal)).split(separator: "\n").map(String.init)
            #expect(anomalous == all.filter { $0.split(separator: ",", omittingEmptySubsequences: false)[6] == "1" })
            #expect(normal == all.filter { $0.split(separator: ",", omittingEmptySubsequences: false)[6] == "0" })
            #expect(Int64(anomalous.count) == (try dataset.currentVersion()).anomalousRows)
            #expect(!anomalous.isEmpty && !normal.isEmpty)
            // With a range and a column subset that does not show the class.
            let slice = try ExportFixture.text(dataset, ExportOptions(rows: 3_000..<9_000, columns: ["t"], header: false, only: .anomalous))
            let expected = anomalous.map { String($0.prefix { $0 != "," }) }.filter { (3_000..<9_000).contains(Int($0)!) }
            #expect(slice == expected.map { $0 + "\n" }.joined())
        }
    }

    @Test func rfc3339TimestampsFollowTheClock() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            // valve: 2026-01-01T00:00:00Z, 1 s; machine: 2026-03-01T08:00:00Z, 100 ms.
            let clocks: [(String, String, String)] = [
                ("2026-01-01T23:59:58Z", "1s", "2026-01-01T23:59:58Z 2026-01-01T23:59:59Z 2026-01-02T00:00:00Z 2026-01-02T00:00:01Z"),
                ("2028-02-28T23:59:59Z", "1s", "2028-02-28T23:59:59Z 2028-02-29T00:00:00Z 2028-02-29T00:00:01Z 2028-02-29T00:00:02Z"),
                ("2100-02-28T23:00:00Z", "1h", "2100-02-28T23:00:00Z 2100-03-01T00:00:00Z 2100-03-01T01:00:00Z 2100-03-01T02:00:00Z"),
                ("1969-12-31T23:59:59.5Z", "250ms", "1969-12-31T23:59:59.500Z 1969-12-31T23:59:59.750Z 1970-01-01T00:00:00.000Z 1970-01-01T00:00:00.250Z"),
                ("2026-06-30T12:00:00+02:00", "1500us", "2026-06-30T10:00:00.000000Z 2026-06-30T10:00:00.001500Z 2026-06-30T10:00:00.003000Z 2026-06-30T10:00:00.004500Z"),
                ("2026-01-01T00:00:00.000000001Z", "1d", "2026-01-01T00:00:00.000000001Z 2026-01-02T00:00:00.000000001Z 2026-01-03T00:00:00.000000001Z 2026-01-04T00:00:00.000000001Z"),
            ]
            for (i, (start, step, expected)) in clocks.enumerated() {
                let text = try ExportFixture.example("valve.json")
                    .replacingOccurrences(of: "\"start\": \"2026-01-01T00:00:00Z\", \"step\": \"1s\"", with: "\"start\": \"\(start)\", \"step\": \"\(step)\"")
                try #require(text.contains(start))
                let valve = try ExportFixture.dataset(text, in: dir, name: "v\(i).pnm", grow: [4])
                let times = try ExportFixture.text(valve, ExportOptions(columns: ["t"], header: false, timestamps: .rfc3339))
                #expect(times == expected.replacingOccurrences(of: " ", with: "\n") + "\n", "\(start) + \(step)")
            }
            let machine = try ExportFixture.dataset(try ExportFixture.example("machine.json"), in: dir, name: "m.pnm", grow: [1_000], segmentRows: 300)
            let lines = try ExportFixture.text(machine, ExportOptions(columns: ["t", "rpm"], header: false, timestamps: .rfc3339))
                .split(separator: "\n")
            let start = try #require(formatter.date(from: "2026-03-01T08:00:00.000Z"))
            for (row, line) in lines.enumerated() {
                let text = String(line.prefix { $0 != "," })
                #expect(text.count == 24)
                let date = try #require(formatter.date(from: text), "\(text)")
                #expect(abs(date.timeIntervalSince(start) - Double(row) / 10) < 1e-6, "\(text)")
            }
            #expect(lines[12].hasPrefix("2026-03-01T08:00:01.200Z,"))
            // Times past 2262 do not fit the clock's nanoseconds: an error before anything is written.
            let late = Clock(start: "2262-04-11T00:00:00Z", startNanoseconds: Int64.max - 86_400_000_000_000 * 2,
                             step: "1d", stepNanoseconds: 86_400_000_000_000)
            let lateFormatter = TimestampFormatter(clock: late, style: .rfc3339)
            #expect(throws: Never.self) { try lateFormatter.check(rows: 0..<3) }
            #expect(throws: ParanomError.invalidArgument("row 3 is past the year 2262 on the spec's clock; its time cannot be printed (use index timestamps)")) {
                try lateFormatter.check(rows: 0..<4)
            }
            #expect(lateFormatter.string(2).hasPrefix("2262-04-1"))
            // JSON Lines quotes the time.
            let json = try ExportFixture.text(machine, ExportOptions(rows: 0..<1, columns: ["t"], format: .jsonl, timestamps: .rfc3339))
            #expect(json == "{\"t\":\"2026-03-01T08:00:00.000Z\"}\n")
            // Without a clock there are no times to print.
            let bench = try ExportFixture.dataset(try ExportFixture.example("bench.json"), in: dir, name: "b.pnm", grow: [10])
            #expect(throws: ParanomError.invalidArgument("RFC 3339 timestamps need a clock, and the spec \"bench\" has none; use index timestamps")) {
                try bench.export(ExportOptions(timestamps: .rfc3339)) { _ in }
            }
        }
    }

    /// TimeEval's layout: timestamp, the numeric variables, is_anomaly, with the same values.
    @Test func timeevalLayout() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [3_000], segmentRows: 1_000)
            let standard = try #require(ExportFixture.parseCSV(try ExportFixture.text(dataset, ExportOptions())))
            let timeeval = try #require(ExportFixture.parseCSV(try ExportFixture.text(dataset, ExportOptions(layout: .timeeval))))
            #expect(timeeval[0] == ["timestamp", "valve", "pressure", "cycles", "alarm", "is_anomaly"])
            #expect(Array(timeeval.dropFirst()) == standard.dropFirst().map { [$0[0], $0[1], $0[3], $0[4], $0[5], $0[6]] })
            let chosen = try ExportFixture.text(dataset, ExportOptions(rows: 0..<2, columns: ["pressure", "mode"], timestamps: .rfc3339, layout: .timeeval))
            let rows = standard[1...2]
            #expect(chosen == "timestamp,pressure,mode,is_anomaly\n"
                + "2026-01-01T00:00:00Z,\(rows[1][3]),\(rows[1][2]),\(rows[1][6])\n"
                + "2026-01-01T00:00:01Z,\(rows[2][3]),\(rows[2][2]),\(rows[2][6])\n")
        }
    }

    /// The output is the same for any number of threads, also when segments hold several chunks
    /// (so that workers share the decoding of one segment).
    @Test func threadCountDoesNotChangeTheOutput() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [40_000], segmentRows: 25_000)
            let lineMax = RowFormatter(schema: try ExportSchema(spec: dataset.spec, options: ExportOptions())).lineMax
            try #require(Dataset.chunkRows(lineMax: lineMax) < 25_000 / 2, "segments should hold several chunks")
            let one = try ExportFixture.export(dataset, ExportOptions(threads: 1))
            for threads in [2, 3, 8] {
                #expect(try ExportFixture.export(dataset, ExportOptions(threads: threads)) == one, "\(threads) threads")
            }
            #expect(try ExportFixture.export(dataset, ExportOptions(rows: 24_000..<26_000, threads: 4))
                == Array("t,valve,mode,pressure,cycles,alarm,is_anomaly,scenario\n".utf8) + ExportFixture.export(dataset, ExportOptions(rows: 24_000..<26_000, header: false, threads: 1)))
            var lines = 0
            for b in one where b == 10 { lines += 1 }
            #expect(lines == 40_001)
        }
    }

    @Test func progressCountsRowsAndBytesInOrder() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [5_000], segmentRows: 1_000)
            var reports: [ExportProgress] = []
            var bytes = 0
            try dataset.export(ExportOptions(rows: 500..<4_700, only: .normal), progress: { reports.append($0) }) { bytes += $0.count }
            #expect(reports.count >= 5)
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.rowsDone < $1.rowsDone && $0.bytesWritten <= $1.bytesWritten })
            #expect(reports.allSatisfy { $0.rowsTotal == 4_200 })
            #expect(reports.last?.rowsDone == 4_200)
            #expect(reports.last?.bytesWritten == Int64(bytes))
        }
    }

    /// A damaged segment is reported with its file; the rows before it were already written.
    @Test func damagedSegmentIsCorruption() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(try ExportFixture.example("valve.json"), in: dir, grow: [3_000], segmentRows: 1_000)
            let victim = dir + "/d.pnm/segments/000000001000-1000.seg"
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: victim)))
            bytes[100] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: victim))
            #expect {
                try dataset.export(ExportOptions(threads: 2)) { _ in }
            } throws: { error in
                guard case let .corruption(file, _) = error as? ParanomError else { return false }
                return file == victim
            }
            #expect(try ExportFixture.text(dataset, ExportOptions(rows: 2_000..<3_000, header: false)).split(separator: "\n").count == 1_000)
        }
    }
}
