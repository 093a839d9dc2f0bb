import Foundation
import Testing
@testable import Paranom

/// A row callback: the earlier variable `base`, plus a draw from the row's random source, plus
/// 1000 plus the offset in the event for anomalous rows.
struct Wobble: RowCallback {
    let name = "wobble"
    func normal(_ context: inout CallbackContext) -> Double {
        (context.value("base") ?? .nan) + context.random.uniform(0, 0.001)
    }
    func anomalous(_ context: inout CallbackContext) -> Double {
        normal(&context) + 1000 + Double(context.anomaly?.offset ?? -1_000_000)
    }
}

/// A sequential callback that counts the rows it has seen and checks they come in order: its
/// value at row r is r + 1 while they do, and −1 from the first row out of order.
struct Counter: SequentialCallback {
    let name = "counter"
    struct State: Codable, Sendable, Equatable {
        var count: Int64 = 0
        var lastRow: Int64 = -1
        var inOrder = true
        var total = 0.0
    }
    var initialState: State { State() }
    func normal(_ state: inout State, _ context: inout CallbackContext) -> Double {
        step(&state, context)
    }
    func anomalous(_ state: inout State, _ context: inout CallbackContext) -> Double {
        // Sequential callbacks see no other variables.
        step(&state, context) + (context.value("base") == nil ? 0 : 0.5)
    }
    private func step(_ state: inout State, _ context: CallbackContext) -> Double {
        if context.row != state.lastRow + 1 { state.inOrder = false }
        state.lastRow = context.row
        state.count += 1
        state.total += 0.1  // a Double that must round-trip exactly through the stored state
        return state.inOrder ? Double(state.count) : -1
    }
}

/// A row callback that is a small random integer: a uniqueness key needs retries.
struct Dice: RowCallback {
    let name = "dice"
    func normal(_ context: inout CallbackContext) -> Double { Double(context.random.integer(0, 5000)) }
}

/// Callback variables: deterministic for any thread count and growth, a sequential callback
/// called in row order with its state kept across grows, errors that name the callback.
@Suite struct CallbackTests {
    static let callbacks = try! CallbackRegistry([Wobble(), Counter(), Dice()])

    static func spec(uniqueness: String = "") throws -> Spec {
        try Spec(jsonText: """
            { "name": "cb", "seed": 21, "segmentRows": 300,
              "clock": { "start": "2026-01-01T00:00:00Z", "step": "250ms" },
              "anomalies": { "warmup": 40, "gap": { "integer": [50, 150] }, "duration": { "integer": [5, 30] },
                             "scenarios": [ { "name": "a" }, { "name": "b" } ] },
              "variables": [
                { "name": "base", "type": "int64", "normal": { "integer": [0, 9] } },
                { "name": "wobble", "normal": { "callback": "wobble" } },
                { "name": "dice", "type": "int64", "normal": { "callback": "dice" } },
                { "name": "count", "type": "int64", "normal": { "callback": "counter" } }
              ]\(uniqueness) }
            """)
    }

    @Test func deterministicAcrossThreadsAndGrowth() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec()
            let one = try TestSupport.grow(spec, at: dir + "/one.pnm", to: [5000], threads: 1, callbacks: Self.callbacks)
            let four = try TestSupport.grow(spec, at: dir + "/four.pnm", to: [5000], threads: 4, callbacks: Self.callbacks)
            let steps = try TestSupport.grow(spec, at: dir + "/steps.pnm", to: [1, 299, 301, 2222, 5000], threads: 2, callbacks: Self.callbacks)
            let rows = try one.readRows()
            #expect(try four.readRows() == rows)
            #expect(try steps.readRows() == rows)
            #expect(try one.currentVersion().digest == steps.currentVersion().digest)
        }
    }

    @Test func rowCallbackSeesTheRowItsEventAndEarlierVariables() throws {
        let generator = Generator(spec: try Self.spec(), inputs: GeneratorInputs(callbacks: Self.callbacks))
        try generator.requireInputs()
        let events = generator.events(after: nil, before: 3000)
        let rows = generator.rows(0..<3000, events: events[...])
        let base = rows.integers(0), wobble = rows.doubles(1)
        for r in 0..<3000 {
            var random = RandomStream(generator.philox, row: UInt64(r), stream: RandomStream.streamID(variable: 2, attempt: 0),
                                      purpose: RandomStream.Purpose.value)
            var expected = Double(base[r]) + random.uniform(0, 0.001)
            if let event = events.event(containing: Int64(r)) { expected = expected + 1000 + Double(Int64(r) - event.start) }
            #expect(wobble[r].bitPattern == expected.bitPattern, "row \(r)")
        }
    }

    @Test func sequentialCallbackSeesRowsInOrderAndItsStateSurvivesGrows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            try TestSupport.grow(try Self.spec(), at: dir + "/d.pnm", to: [1000, 1001, 2700], threads: 2,
                                               callbacks: Self.callbacks)
            // A new process: the state comes from the manifest alone.
            let reopened = try Dataset.open(at: dir + "/d.pnm", callbacks: Self.callbacks)
            try reopened.grow(to: 4000, threads: 3)
            let count = try reopened.readRows().integers(3)
            #expect(count == (1...4000).map(Int64.init), "every row seen once, in order")
            let stored = try #require(try reopened.manifest.sequentialStates(endingAt: 4000, upTo: 4)[4])
            let state = try JSONDecoder().decode(Counter.State.self, from: Data(stored.json.utf8))
            var total = 0.0
            for _ in 0..<4000 { total += 0.1 }
            #expect(state == Counter.State(count: 4000, lastRow: 3999, inOrder: true, total: total))
        }
    }

    @Test func contextTimestampAndAnomaly() throws {
        struct Probe: RowCallback {
            let name = "probe"
            func normal(_ context: inout CallbackContext) -> Double {
                context.anomaly == nil ? Double(context.timestamp! - 1_767_225_600_000_000_000) : .nan
            }
            func anomalous(_ context: inout CallbackContext) -> Double {
                let anomaly = context.anomaly!
                var events = anomaly.random
                // Same per event, whatever the row.
                return Double(anomaly.event) * 1e6 + Double(anomaly.length) * 1e3 + (anomaly.scenario == "b" ? 1 : 0) + events.unitDouble() * 1e-3
            }
        }
        let spec = try Spec(jsonText: try Self.spec().canonicalJSON.serialized.replacingOccurrences(of: "\"wobble\"}", with: "\"probe\"}"))
        let generator = Generator(spec: spec, inputs: GeneratorInputs(callbacks: try CallbackRegistry([Probe(), Counter(), Dice()])))
        let events = generator.events(after: nil, before: 2000)
        let probe = generator.rows(0..<2000, events: events[...]).doubles(1)
        for r in 0..<2000 {
            if let event = events.event(containing: Int64(r)) {
                let whole = Double(event.index) * 1e6 + Double(event.length) * 1e3 + (event.scenario == 2 ? 1 : 0)
                #expect(probe[r] >= whole && probe[r] < whole + 1e-3)
                #expect(probe[r] == probe[Int(event.start)], "the event's stream is the same in all its rows")
            } else {
                #expect(probe[r] == Double(r) * 250_000_000, "timestamps step by 250 ms from the clock's start")
            }
        }
    }

    @Test func rowCallbackInAUniquenessKeyRetries() throws {
        let spec = try Self.spec(uniqueness: #", "uniqueness": { "key": ["dice"], "normal": { "mode": "hard", "tries": 50 }, "anomalous": { "mode": "hard", "tries": 50 } }"#)
        try TestSupport.withTemporaryDirectory { dir in
            let one = try TestSupport.grow(spec, at: dir + "/one.pnm", to: [3000], threads: 1, callbacks: Self.callbacks)
            let two = try TestSupport.grow(spec, at: dir + "/two.pnm", to: [700, 3000], threads: 2, callbacks: Self.callbacks)
            let rows = try one.readRows()
            #expect(try two.readRows() == rows)
            for anomalous in [false, true] {
                let dice = rows.integers(2).indices.filter { (rows.scenario[$0] != 0) == anomalous }.map { rows.integers(2)[$0] }
                #expect(Set(dice).count == dice.count, "keys are unique in each class")
            }
        }
    }

    @Test func sequentialCallbackCannotBeInAKey() throws {
        let spec = try Self.spec(uniqueness: #", "uniqueness": { "key": ["base", "count"], "normal": { "mode": "soft" } }"#)
        try TestSupport.withTemporaryDirectory { dir in
            #expect(throws: ParanomError.invalidSpec(path: "uniqueness.key[1]", message: "\"count\" is a sequential callback, which cannot be part of a uniqueness key (its value depends on the rows before it, not on the attempt)")) {
                try Dataset.create(at: dir + "/d.pnm", spec: spec, callbacks: Self.callbacks)
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/d.pnm"))
        }
    }

    @Test func aMissingCallbackIsNamedAndNothingIsWritten() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec()
            let partial = try CallbackRegistry([Wobble(), Dice()])
            let message = "the variable \"count\" uses the callback \"counter\", which this program does not register (it registers: dice, wobble); use the program that defines it, one that embeds the command line with ParanomCLI.main(callbacks:)"
            #expect(throws: ParanomError.notFound(message)) { try Dataset.create(at: dir + "/d.pnm", spec: spec, callbacks: partial) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: [500], callbacks: Self.callbacks)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments")
            let without = try Dataset.open(at: dir + "/d.pnm")
            #expect(throws: ParanomError.self) { try without.grow(to: 1000) }
            #expect(try without.currentVersion().rows == 500)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments") == files)
            // Reading needs no callbacks.
            #expect(try without.readRows() == dataset.readRows())
        }
    }

    @Test func registryRefusesDuplicatesAndBadNames() {
        struct Named: RowCallback {
            let name: String
            func normal(_ context: inout CallbackContext) -> Double { 0 }
        }
        #expect(throws: ParanomError.invalidArgument("two callbacks are registered under the name \"x\"")) {
            try CallbackRegistry([Named(name: "x"), Named(name: "x")])
        }
        #expect(throws: ParanomError.self) { try CallbackRegistry([Named(name: "1x")]) }
        #expect(try! CallbackRegistry([Named(name: "b"), Counter()]).names == ["b", "counter"])
    }
}
