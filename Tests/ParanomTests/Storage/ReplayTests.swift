import Foundation
import Testing
@testable import Paranom

/// Replay of real series: values equal the file's, cycling past its end; `init` copies the
/// file into the dataset with its checksum; every broken file is a clear error that writes
/// nothing.
@Suite struct ReplayTests {
    static let csv = "time,\"level\",note\r\n0,1.5,a\n1, -2.25 ,b\n2,1e-3,c\n3,4,\"d, e\"\n4,-0.0,f\n5,12.125,g\n"
    static let level = [1.5, -2.25, 1e-3, 4, -0.0, 12.125]

    static func spec(file: String = "data/series.csv", column: String = "level", rows: String = "",
                     extra: String = "") -> String {
        """
        { "name": "r", "seed": 5, "segmentRows": 7,
          "anomalies": { "warmup": 10, "gap": { "integer": [10, 20] }, "duration": { "integer": [3, 6] },
                         "scenarios": [ { "name": "up" } ] },
          "variables": [
            { "name": "x", "normal": { "replay": { "file": "\(file)", "column": "\(column)"\(rows) } },
              "anomalous": { "shift": { "offset": 100 } } }\(extra)
          ] }
        """
    }

    /// Writes the series file under `dir/specs/data/` and the spec under `dir/specs/`.
    static func setUp(_ dir: String, spec text: String = spec(), csv: String = csv) throws -> Spec {
        try FileManager.default.createDirectory(atPath: dir + "/specs/data", withIntermediateDirectories: true)
        try csv.write(toFile: dir + "/specs/data/series.csv", atomically: true, encoding: .utf8)
        return try Spec(jsonText: text)
    }

    @Test func replayedValuesEqualTheFileAndCycle() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.setUp(dir)
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [5, 40, 100], specDirectory: dir + "/specs")
            let rows = try dataset.readRows()
            var anomalous = 0
            for r in 0..<100 {
                let expected = rows.scenario[r] == 0 ? Self.level[r % 6] : Self.level[r % 6] + 100
                if rows.scenario[r] != 0 { anomalous += 1 }
                #expect(rows.doubles(0)[r].bitPattern == expected.bitPattern, "row \(r)")
            }
            #expect(anomalous > 10)
            // The dataset holds its own copy, recorded with its checksum.
            let copy = try Data(contentsOf: URL(fileURLWithPath: dir + "/d.pnm/replay/series.csv"))
            #expect(copy == Data(Self.csv.utf8))
            let stored = try #require(dataset.spec.replayUses.first?.source)
            #expect(stored.file == "replay/series.csv")
            #expect(stored.checksum == Array(copy).withUnsafeBytes { XXH64.hash($0) })
            // Removing the original does not matter to the dataset.
            try FileManager.default.removeItem(atPath: dir + "/specs/data/series.csv")
            try Dataset.open(at: dir + "/d.pnm").grow(to: 120)
        }
    }

    @Test func rowsChooseAPartOfTheSeries() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.setUp(dir, spec: Self.spec(rows: #", "rows": [1, 3]"#))
            let rows = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [30], specDirectory: dir + "/specs").readRows()
            for r in 0..<10 where rows.scenario[r] == 0 { #expect(rows.doubles(0)[r] == Self.level[1 + r % 3]) }
        }
    }

    @Test func mitdbNormalPartReplaysWithInjectedAnomalies() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try TestSupport.spec("specs/mitdb.json")
            let dataset = try TestSupport.grow(spec, at: dir + "/m.pnm", to: [16_000], specDirectory: TestSupport.fixture("specs"))
            let lines = try TestSupport.readFixture("data/mitdb.csv").split(separator: "\n").dropFirst()
            let series = lines.prefix(6936).map { Double($0.split(separator: ",")[0])! }
            let rows = try dataset.readRows()
            let events = try dataset.events()
            #expect(events.count >= 1 && events.allSatisfy { (300...400).contains($0.length) })
            var changed = 0
            for r in 0..<16_000 {
                if rows.scenario[r] == 0 {
                    #expect(rows.doubles(0)[r] == series[r % 6936], "row \(r)")
                } else if rows.doubles(0)[r] != series[r % 6936] {
                    changed += 1
                }
            }
            #expect(changed > events.count * 150)
        }
    }

    @Test func copiesOfFilesWithTheSameNameAreKeptApart() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let extra = #", { "name": "y", "normal": { "replay": { "file": "other/series.csv", "column": "v" } } }"#
            let spec = try Self.setUp(dir, spec: Self.spec(extra: extra))
            try FileManager.default.createDirectory(atPath: dir + "/specs/other", withIntermediateDirectories: true)
            try "v\n7\n8\n".write(toFile: dir + "/specs/other/series.csv", atomically: true, encoding: .utf8)
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [9], specDirectory: dir + "/specs")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/replay").sorted() == ["series-2.csv", "series.csv"])
            #expect(try dataset.readRows().doubles(1) == [7, 8, 7, 8, 7, 8, 7, 8, 7])
        }
    }

    /// Each broken replay file fails `create` with its message and leaves nothing behind.
    @Test(arguments: [
        ("missing", Self.spec(file: "data/none.csv"), Self.csv,
         "variables[0].normal.replay.file: the replay file data/none.csv does not exist (looked for DIR/specs/data/none.csv)"),
        ("no such column", Self.spec(column: "levels"), Self.csv,
         "invalid spec: variables[0].normal.replay.column: data/series.csv has no column \"levels\" (its columns: time, level, note)"),
        ("not a number", Self.spec(), "time,level\n0,1\n1,nan\n",
         "invalid spec: variables[0].normal.replay.file: data/series.csv line 3, column \"level\": \"nan\" is not a number"),
        ("empty field", Self.spec(), "time,level\n0,1\n1,\n",
         "invalid spec: variables[0].normal.replay.file: data/series.csv line 3, column \"level\": \"\" is not a number"),
        ("short line", Self.spec(), "time,level\n0\n",
         "invalid spec: variables[0].normal.replay.file: data/series.csv line 2 has 1 fields, fewer than the header's 2"),
        ("rows past the end", Self.spec(rows: #", "rows": [2, 6]"#), Self.csv,
         "invalid spec: variables[0].normal.replay.rows: rows 2 to 6 go past the end of data/series.csv, which has 6 data rows (0 to 5)"),
        ("no data rows", Self.spec(), "time,level\n",
         "invalid spec: variables[0].normal.replay.file: data/series.csv has no data rows"),
        ("wrong checksum", Self.spec(rows: #", "xxh64": "0123456789abcdef""#), Self.csv,
         "invalid spec: variables[0].normal.replay.xxh64: data/series.csv has XXH64 HASH, not 0123456789abcdef"),
    ])
    func brokenFilesAreRefused(_ name: String, _ text: String, _ csv: String, _ message: String) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.setUp(dir, spec: text, csv: csv)
            let hash = hex16(Array(csv.utf8).withUnsafeBytes { XXH64.hash($0) })
            do {
                _ = try Dataset.create(at: dir + "/d.pnm", spec: spec, specDirectory: dir + "/specs")
                Issue.record("\(name): create should fail")
            } catch let error as ParanomError {
                #expect(error.description == message.replacingOccurrences(of: "DIR", with: dir).replacingOccurrences(of: "HASH", with: hash), "\(name)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["specs"], "\(name): nothing is created")
        }
    }

    @Test func aChangedOrMissingCopyStopsGrowthButNotReading() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.setUp(dir)
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [20], specDirectory: dir + "/specs")
            let before = try dataset.readRows()
            let copy = dir + "/d.pnm/replay/series.csv"
            try (Self.csv + "6,1\n").write(toFile: copy, atomically: true, encoding: .utf8)
            let changed = try Dataset.open(at: dir + "/d.pnm")
            do {
                try changed.grow(to: 40)
                Issue.record("the grow should fail")
            } catch let error as ParanomError {
                guard case let .corruption(file, detail) = error else { Issue.record("\(error)"); return }
                #expect(file == copy)
                #expect(detail.hasPrefix("the replay file no longer matches its checksum (XXH64 "))
                #expect(error.exitCode == 4)
            }
            #expect(try changed.currentVersion().rows == 20)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments").count == 3)
            #expect(try changed.readRows() == before)
            try FileManager.default.removeItem(atPath: copy)
            #expect(throws: ParanomError.corruption(file: copy, detail: "the replay file is missing (init copied it into the dataset; restore it to grow)")) {
                try Dataset.open(at: dir + "/d.pnm").grow(to: 40)
            }
            try Self.csv.write(toFile: copy, atomically: true, encoding: .utf8)
            try Dataset.open(at: dir + "/d.pnm").grow(to: 40)
        }
    }

    @Test func numbersAndCSV() {
        #expect(ReplayFile.number(" 12 ") == 12)
        #expect(ReplayFile.number("-.5") == -0.5)
        #expect(ReplayFile.number("+1.25E+2") == 125)
        for bad in ["", "nan", "inf", "0x10", "1e", ".", "1,5", "- 1", "1e400"] { #expect(ReplayFile.number(bad) == nil, "\(bad)") }
        #expect(ReplayFile.parseCSV(Array("a,\"b\"\"c\"\r\n1,\"2\n3\"\n\n".utf8)) == [["a", "b\"c"], ["1", "2\n3"]])
        #expect(ReplayFile.parseCSV(Array("a,\"b".utf8)) == nil)
    }
}
