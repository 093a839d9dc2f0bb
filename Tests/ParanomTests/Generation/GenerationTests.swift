import Foundation
import Testing
@testable import Paranom

/// Rows as a pure function of (spec, seed, row): growth schedules, threads, segmentation.
@Suite struct GenerationTests {
    /// The valve spec with small segments, so a few thousand rows span many segment files.
    static func valve(segmentRows: Int = 4096) throws -> Spec {
        var spec = try TestSupport.spec("specs/valve.json")
        spec.segmentRows = segmentRows
        return spec
    }

    static func csv(_ dataset: Dataset, _ options: ExportOptions) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try dataset.exportCSV(options) { bytes += $0 }
        return bytes
    }

    @Test func growthScheduleDoesNotChangeRows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.valve(segmentRows: 65536)
            let stepwise = try Dataset.create(at: dir + "/stepwise.pnm", spec: spec)
            for rows: Int64 in [1_000, 50_000, 300_000] { try stepwise.grow(to: rows, threads: 2) }
            let once = try Dataset.create(at: dir + "/once.pnm", spec: spec)
            try once.grow(to: 300_000, threads: 2)

            #expect(try stepwise.currentVersion().digest == once.currentVersion().digest)
            #expect(try stepwise.readRows() == once.readRows())
            // The first version of the stepwise dataset is a prefix of the one-step dataset.
            let small = try Self.csv(stepwise, ExportOptions(version: 1))
            let prefix = try Self.csv(once, ExportOptions(rows: 0..<1_000))
            #expect(small == prefix)
            #expect(small.count > 20_000)
            #expect(try stepwise.version(1).digest == Dataset.create(at: dir + "/small.pnm", spec: spec).grow(to: 1_000)!.digest)
        }
    }

    @Test func threadCountDoesNotChangeRows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.valve()
            var digests: [Digest] = []
            for threads in [1, 4] {
                let dataset = try Dataset.create(at: dir + "/t\(threads).pnm", spec: spec)
                try dataset.grow(to: 40_000, threads: threads)
                digests.append(try dataset.currentVersion().digest)
            }
            #expect(digests[0] == digests[1])
        }
    }

    @Test func digestIgnoresSegmentation() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let a = try Dataset.create(at: dir + "/a.pnm", spec: try Self.valve(segmentRows: 1000))
            let b = try Dataset.create(at: dir + "/b.pnm", spec: try Self.valve(segmentRows: 30000))
            try a.grow(to: 25_000)
            try b.grow(to: 25_000)
            #expect(try a.segmentCount() == 25)
            #expect(try b.segmentCount() == 1)
            #expect(try a.currentVersion().digest == b.currentVersion().digest)
            #expect(try a.readRows() == b.readRows())
        }
    }

    @Test func digestChangesWithSeed() throws {
        let a = Generator(spec: try Self.valve())
        let b = Generator(spec: try TestSupport.spec("specs/valve.json", seed: 43))
        let rowsA = a.rows(0..<2000, events: a.events(after: nil, before: 2000)[...])
        let rowsB = b.rows(0..<2000, events: b.events(after: nil, before: 2000)[...])
        #expect(rowsA != rowsB)
    }

    @Test func rowsDoNotDependOnTheRangeTheyAreGeneratedIn() {
        let generator = try! Generator(spec: Self.valve())
        let events = generator.events(after: nil, before: 10_000)
        let whole = generator.rows(0..<10_000, events: events.overlapping(0..<10_000))
        let part = generator.rows(4_321..<4_400, events: events.overlapping(4_321..<4_400))
        for (w, p) in zip(whole.columns, part.columns) {
            switch (w, p) {
            case let (.double(a), .double(b)): #expect(Array(a[4_321..<4_400]).map(\.bitPattern) == b.map(\.bitPattern))
            case let (.integer(a), .integer(b)): #expect(Array(a[4_321..<4_400]) == b)
            default: Issue.record("column kinds differ")
            }
        }
        #expect(Array(whole.scenario[4_321..<4_400]) == part.scenario)
    }

    @Test func valuesRespectTheirSources() throws {
        let spec = try Self.valve()
        let generator = Generator(spec: spec)
        let rows = 50_000
        let block = generator.rows(0..<Int64(rows), events: generator.events(after: nil, before: Int64(rows))[...])
        guard case let .double(valve) = block.columns[0], case let .integer(mode) = block.columns[1],
              case let .double(pressure) = block.columns[2], case let .integer(cycles) = block.columns[3],
              case let .integer(alarm) = block.columns[4] else {
            Issue.record("unexpected column kinds")
            return
        }
        let stuck = 1, surge = 2
        for i in 0..<rows {
            let code = Int(block.scenario[i])
            // Rounded to 3 decimals: q / 1000 for an integer q.
            #expect((valve[i] * 1000).rounded() / 1000 == valve[i])
            if code == 0 {
                #expect(mode[i] == 0 || mode[i] == 1)
                #expect(pressure[i] >= 95 && pressure[i] <= 108)
                #expect((0...40).contains(cycles[i]))
            } else {
                #expect((0...2).contains(mode[i]))
                #expect((60...90).contains(cycles[i]))
                if code == stuck { #expect(valve[i] == 4.0) } else { #expect(valve[i] >= 7 && valve[i] <= 9) }
                if code == surge { #expect(pressure[i] >= 110) }
            }
            #expect(alarm[i] == 0 || alarm[i] == 1)
        }
        // Weighted choice 3:1 between "open" and "closed" in normal rows.
        let normalModes = zip(mode, block.scenario).filter { $0.1 == 0 }.map(\.0)
        let open = Double(normalModes.filter { $0 == 0 }.count) / Double(normalModes.count)
        #expect(abs(open - 0.75) < 0.01)
        #expect(surge == 2)
    }

    /// Golden digests pin every generated value of each example spec at a fixed size; a
    /// deliberate change to generation bumps `Generator.algorithmVersion` and these together.
    /// (The callback example `marotta` is pinned by the command-line tests, which run the
    /// program that registers its callbacks.)
    @Test(arguments: ["valve", "machine", "bench", "sensors", "mitdb"])
    func goldenDigest(_ name: String) throws {
        let golden = try JSONValue(parsing: TestSupport.readFixture("golden/digests.json"))
        let entry = try #require(golden[name], "no golden digest for \(name) in Fixtures/golden/digests.json")
        #expect(entry["algorithmVersion"]?.int64Value == Int64(Generator.algorithmVersion))
        let rows = try #require(entry["rows"]?.int64Value)
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Dataset.create(at: dir + "/\(name).pnm", spec: try TestSupport.spec("specs/\(name).json"),
                                             specDirectory: TestSupport.fixture("specs"))
            let version = try #require(try dataset.grow(to: rows))
            #expect(version.digest.description == entry["digest"]?.stringValue, "\(name): \(rows) rows now give digest \(version.digest)")
            // The digest is the rows' own: recomputing it from the decoded rows agrees.
            let decoded = try dataset.readRows()
            #expect(decoded.digest(columns: dataset.spec.variables.map(\.id)) == version.digest)
        }
    }
}

extension RowBlock {
    /// The digest of these rows, as a segment holding them would record it.
    func digest(columns ids: [UInt32]) -> Digest {
        zip(ids + [Generator.scenarioColumn], columns + [.integer(scenario)]).reduce(Digest.zero) { sum, pair in
            sum + Digest.of(column: pair.0, start: start, values: pair.1)
        }
    }
}
