import Foundation
import Testing
@testable import Paranom

/// `Dataset.eventIntervals`, `eventsCSV` and `eventsNAB` against the schedule and against the
/// scenario column itself.
@Suite struct EventIntervalTests {
    /// The maximal runs of rows with the same non-zero scenario code: what the data says the
    /// events are.
    static func runs(_ scenario: [Int64], start: Int64 = 0) -> [(Int64, Int64, Int64)] {
        var runs: [(Int64, Int64, Int64)] = []
        var i = 0
        while i < scenario.count {
            guard scenario[i] != 0 else { i += 1; continue }
            var j = i
            while j < scenario.count && scenario[j] == scenario[i] { j += 1 }
            runs.append((start + Int64(i), start + Int64(j), scenario[i]))
            i = j
        }
        return runs
    }

    @Test func intervalsMatchTheScheduleAndTheScenarioColumn() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try ExportFixture.example("machine.json")
                .replacingOccurrences(of: "\"warmup\": 5000", with: "\"warmup\": 100")
                .replacingOccurrences(of: "\"geometric\": 0.0005", with: "\"geometric\": 0.004")
            let dataset = try ExportFixture.dataset(spec, in: dir, grow: [4_000, 9_000], segmentRows: 1_000)
            let intervals = try dataset.eventIntervals()
            try #require(intervals.count >= 8, "the spec should give several events in 9,000 rows")
            let names = dataset.spec.scenarioNames
            // The schedule, straight from the generator.
            let schedule = dataset.generator.events(after: nil, before: 9_000)
            #expect(intervals.map(\.index) == schedule.map(\.index))
            #expect(intervals.map(\.start) == schedule.map(\.start))
            #expect(intervals.map(\.end) == schedule.map { min($0.end, 9_000) })
            #expect(intervals.map(\.scenario) == schedule.map { names[$0.scenario - 1] })
            // The data.
            let block = try dataset.readRows()
            let runs = Self.runs(block.scenario)
            #expect(runs.count == intervals.count)
            for (run, interval) in zip(runs, intervals) {
                #expect(run.0 == interval.start && run.1 == interval.end && names[Int(run.2) - 1] == interval.scenario)
            }
            // An older version has the events that start before its end, cut there.
            let old = try dataset.eventIntervals(version: 1)
            #expect(old.map(\.start) == intervals.filter { $0.start < 4_000 }.map(\.start))
            #expect(old.allSatisfy { $0.end <= 4_000 })
            #expect(Self.runs(Array(block.scenario[0..<4_000])).map(\.1) == old.map(\.end))
            #expect(try dataset.eventIntervals(version: 0).isEmpty)
        }
    }

    /// An event that the dataset's end cuts is cut in every output; growing on completes it.
    @Test func eventsCutByTheEnd() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try ExportFixture.example("valve.json")
            let probe = try ExportFixture.dataset(spec, in: dir, name: "probe.pnm", grow: [20_000], segmentRows: 5_000)
            let full = try #require(try probe.eventIntervals().first { $0.length > 10 })
            let cut = full.start + 5
            let dataset = try ExportFixture.dataset(spec, in: dir, grow: [cut, 20_000], segmentRows: 5_000)
            let short = try #require(try dataset.eventIntervals(version: 1).last)
            #expect(short.start == full.start && short.end == cut && short.length == 5 && short.isCut)
            #expect(try dataset.eventIntervals(version: 1).dropLast().allSatisfy { !$0.isCut })
            let whole = try #require(try dataset.eventIntervals().first { $0.start == full.start })
            #expect(whole.end == full.end && !whole.isCut)

            let csv = try dataset.eventsCSV(version: 1)
            #expect(csv.hasPrefix("start,end,length,scenario\n"))
            #expect(csv.hasSuffix("\(full.start),\(cut),5,\(full.scenario)\n"))
            let nab = try dataset.eventsNAB(version: 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(nab.utf8)) as? [String: [[String]]])
            let windows = try #require(object["valve.csv"])
            #expect(windows.count == (try dataset.eventIntervals(version: 1)).count)
            // The last row of the cut event is row cut - 1, at 1 s per row from midnight.
            let last = cut - 1
            let clock = String(format: "2026-01-01 %02lld:%02lld:%02lld.000000", last / 3600, last / 60 % 60, last % 60)
            #expect(windows.last?.last == clock)
        }
    }

    @Test func csvAndNABText() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try ExportFixture.dataset(ExportFixture.awkwardSpec, in: dir, grow: [400])
            let intervals = try dataset.eventIntervals()
            try #require(intervals.count >= 3)
            let csv = try dataset.eventsCSV()
            let records = try #require(ExportFixture.parseCSV(csv))
            #expect(records.first == ["start", "end", "length", "scenario"])
            #expect(Array(records.dropFirst()) == intervals.map { [String($0.start), String($0.end), String($0.length), $0.scenario] })
            // Without a clock, NAB windows are inclusive row numbers.
            let nab = try dataset.eventsNAB()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(nab.utf8)) as? [String: [[Int]]])
            #expect(object.keys.sorted() == ["awkward.csv"])
            #expect(object["awkward.csv"]!.map { $0.map(Int64.init) } == intervals.map { [$0.start, $0.end - 1] })
            // No events: an empty list.
            let plain = try ExportFixture.dataset(#"{"name": "plain", "variables": [{"name": "x", "normal": {"uniform": [0, 1]}}]}"#,
                                                  in: dir, name: "p.pnm", grow: [100])
            #expect(try plain.eventsCSV() == "start,end,length,scenario\n")
            #expect(try plain.eventsNAB() == "{\n  \"plain.csv\": []\n}\n")
        }
    }
}
