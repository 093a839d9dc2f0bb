import Foundation
import Testing
@testable import Paranom

/// Walks and AR(1) processes: evaluated in row order, resumed from the state stored with the
/// last segment, the same for any thread count and growth schedule, untouched by uniqueness.
@Suite struct SequentialTests {
    /// x (int64, the uniqueness key, small enough that soft uniqueness retries often), a
    /// bounded walk whose steps often overshoot its bounds, and an AR(1) process with
    /// observation noise and a shift in anomalous rows.
    static func spec(uniqueness: Bool = true, walk: String = #"{"start": 2, "step": {"uniform": [-1.5, 1.5]}, "min": 0, "max": 5}"#) throws -> Spec {
        try Spec(jsonText: """
            { "name": "seq", "seed": 11, "segmentRows": 500,
              "anomalies": { "warmup": 50, "gap": { "integer": [100, 300] }, "duration": { "integer": [20, 80] },
                             "scenarios": [ { "name": "a" } ] },
              "variables": [
                { "name": "x", "type": "int64", "normal": { "integer": [0, 40] }, "anomalous": { "integer": [100, 104] } },
                { "name": "drift", "normal": { "walk": \(walk) } },
                { "name": "level", "round": 4,
                  "normal": { "ar1": { "phi": 0.9, "mean": 10, "noise": { "normal": { "mean": 0, "std": 0.5 } } },
                              "noise": { "uniform": [-0.01, 0.01] } },
                  "anomalous": { "shift": { "offset": [3, 4] } } }
              ]\(uniqueness ? #", "uniqueness": { "key": ["x"], "normal": { "mode": "soft", "tries": 3 }, "anomalous": { "mode": "soft", "tries": 3 } }"# : "")
            }
            """)
    }

    static let philox = Philox4x64(key0: 11, key1: UInt64(Generator.algorithmVersion))

    static func stream(row: Int64, variable: UInt32, purpose: UInt64) -> RandomStream {
        RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: variable, attempt: 0), purpose: purpose)
    }

    @Test func fiveGrowsEqualOneWhateverTheThreads() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec()
            let once = try TestSupport.grow(spec, at: dir + "/once.pnm", to: [6000], threads: 1)
            let steps = try TestSupport.grow(spec, at: dir + "/steps.pnm", to: [7, 1000, 2501, 4999, 6000], threads: 2)
            let wide = try TestSupport.grow(spec, at: dir + "/wide.pnm", to: [6000], threads: 4)
            #expect(try once.currentVersion().digest == steps.currentVersion().digest)
            #expect(try once.currentVersion().digest == wide.currentVersion().digest)
            let rows = try once.readRows()
            #expect(try steps.readRows() == rows)
            #expect(try wide.readRows() == rows)
            #expect(try steps.versions().count == 6)
            // The key space is small: soft uniqueness retried rows and kept duplicates.
            #expect(try once.currentVersion().normalDuplicates > 0)
            #expect(Set(rows.doubles(1)).count > 5000, "the walk moves")
        }
    }

    @Test func growResumesFromTheStoredStateWithoutReadingOldRows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec()
            let resumed = try TestSupport.grow(spec, at: dir + "/resumed.pnm", to: [3000])
            // A grow that read old rows would fail now.
            for file in try FileManager.default.contentsOfDirectory(atPath: dir + "/resumed.pnm/segments") {
                try FileManager.default.removeItem(atPath: dir + "/resumed.pnm/segments/" + file)
            }
            try resumed.grow(to: 6000)
            let once = try TestSupport.grow(spec, at: dir + "/once.pnm", to: [6000])
            #expect(try resumed.readRows(3000..<6000) == once.readRows(3000..<6000))
            // The state stored with the last segment is the state computed in order from row 0.
            let stored = try resumed.manifest.sequentialStates(endingAt: 6000, upTo: 2)
            let computed = try Generator(spec: spec).sequentialStates(at: 6000)
            #expect(stored == [2: computed[0], 3: computed[1]])
            #expect(computed[0].json.hasPrefix(#"{"value":"#))
        }
    }

    @Test func walkReflectsOffItsBounds() throws {
        let generator = Generator(spec: try Self.spec(uniqueness: false))
        let rows = generator.rows(0..<20_000, events: generator.events(after: nil, before: 20_000)[...])
        let drift = rows.doubles(1)
        #expect(drift[0] == 2, "row 0 is the start")
        #expect(drift.allSatisfy { $0 >= 0 && $0 <= 5 })
        var reflections = 0
        for r in 1..<drift.count {
            var random = Self.stream(row: Int64(r), variable: 2, purpose: RandomStream.Purpose.process)
            var x = drift[r - 1] + random.uniform(-1.5, 1.5)
            if x < 0 || x > 5 { reflections += 1 }
            while x < 0 || x > 5 { x = x < 0 ? -x : 10 - x }
            #expect(abs(drift[r] - x) < 1e-12, "row \(r)")
        }
        #expect(reflections > 500, "steps overshoot the bounds often")
        #expect(drift.min()! < 0.01 && drift.max()! > 4.99)
    }

    @Test func walkWithOneBoundAndWideSteps() throws {
        let spec = try Self.spec(uniqueness: false, walk: #"{"start": 1, "step": {"uniform": [-40, 30]}, "min": 1}"#)
        let generator = Generator(spec: spec)
        let drift = generator.rows(0..<5000, events: generator.events(after: nil, before: 5000)[...]).doubles(1)
        #expect(drift.allSatisfy { $0 >= 1 })
        #expect(drift.contains { $0 > 100 }, "unbounded above")
        let narrow = try Self.spec(uniqueness: false, walk: #"{"start": 0.5, "step": {"uniform": [-40, 40]}, "min": 0, "max": 1}"#)
        let bounced = Generator(spec: narrow).rows(0..<5000, events: [])
        #expect(bounced.doubles(1).allSatisfy { $0 >= 0 && $0 <= 1 }, "steps 40 times the width bounce back in")
    }

    @Test func ar1FollowsItsRecursionAndShiftsOnlyWhatIsObserved() throws {
        let generator = Generator(spec: try Self.spec(uniqueness: false))
        let events = generator.events(after: nil, before: 8000)
        let rows = generator.rows(0..<8000, events: events[...])
        let level = rows.doubles(2)
        var x = 10.0
        var shifted = 0
        for r in 0..<8000 {
            var process = Self.stream(row: Int64(r), variable: 3, purpose: RandomStream.Purpose.process)
            x = 10 + 0.9 * (x - 10) + (0 + 0.5 * process.standardNormal())
            var value = Self.stream(row: Int64(r), variable: 3, purpose: RandomStream.Purpose.value)
            var observed = x + value.uniform(-0.01, 0.01)
            if let event = events.event(containing: Int64(r)) {
                var perEvent = RandomStream(Self.philox, row: UInt64(event.index), stream: RandomStream.streamID(variable: 3, attempt: 0),
                                            purpose: RandomStream.Purpose.event)
                let offset = perEvent.uniform(3, 4)
                observed += offset
                shifted += 1
            }
            #expect(level[r].bitPattern == roundToDecimals(observed, scale: 10_000).bitPattern, "row \(r)")
        }
        #expect(shifted > 500)
    }

    @Test func uniquenessRetriesLeaveSequentialValuesAlone() throws {
        let with = Generator(spec: try Self.spec())
        let without = Generator(spec: try Self.spec(uniqueness: false))
        try TestSupport.withTemporaryDirectory { dir in
            let unique = try TestSupport.grow(with.spec, at: dir + "/u.pnm", to: [4000]).readRows()
            let plain = try TestSupport.grow(without.spec, at: dir + "/p.pnm", to: [4000]).readRows()
            #expect(unique.integers(0) != plain.integers(0), "retries changed the key column")
            #expect(unique.doubles(1).map(\.bitPattern) == plain.doubles(1).map(\.bitPattern))
            #expect(unique.doubles(2).map(\.bitPattern) == plain.doubles(2).map(\.bitPattern))
        }
    }

    @Test func defaultKeyLeavesOutSequentialVariables() throws {
        let spec = try Spec(jsonText: """
            { "variables": [ { "name": "drift", "normal": { "walk": { "start": 0, "step": { "uniform": [-1, 1] } } } },
                             { "name": "x", "normal": { "uniform": [0, 1] } } ],
              "uniqueness": { "normal": { "mode": "hard" } } }
            """)
        #expect(spec.uniqueness?.key == ["x"])
        #expect(throws: ParanomError.self) {
            try Spec(jsonText: """
                { "variables": [ { "name": "drift", "normal": { "ar1": { "phi": 0.5, "noise": { "uniform": [-1, 1] } } } } ],
                  "uniqueness": { "normal": { "mode": "hard" } } }
                """)
        }
    }

    @Test func stateTextRoundTripsEveryDouble() throws {
        let process = try #require(Generator(spec: try Self.spec()).columns[1].role.sequentialProcess)
        for value in [2.0, -0.0, 0.1, .leastNonzeroMagnitude, 1.7976931348623157e308, -.infinity, .infinity, .nan, 1e-05] {
            let state = SequentialState(json: SequentialProcess.encode(value: value, held: value))
            let cursor = try process.cursor(state)
            #expect(cursor.value.bitPattern == value.bitPattern, "\(value)")
            #expect(cursor.held?.bitPattern == value.bitPattern, "\(value)")
        }
        #expect(throws: ParanomError.self) { try process.cursor(SequentialState(json: "{\"value\": true}")) }
    }
}

extension Generator.Role {
    var sequentialProcess: SequentialProcess? {
        if case let .sequential(process) = self { return process }
        return nil
    }
}
