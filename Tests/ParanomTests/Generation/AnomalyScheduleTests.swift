import Testing
@testable import Paranom

/// The anomaly schedule: event i depends on (seed, i) only; gaps, durations and scenarios
/// stay within the spec; events never overlap.
@Suite struct AnomalyScheduleTests {
    static func spec(anomalies: String) throws -> Spec {
        try Spec(jsonText: """
            { "seed": 9, "anomalies": \(anomalies),
              "variables": [ { "name": "x", "normal": { "uniform": [0, 1] } } ] }
            """)
    }

    @Test func eventsStayWithinTheSpec() throws {
        let spec = try Self.spec(anomalies: """
            { "warmup": 500, "gap": { "integer": [100, 300] }, "duration": { "integer": [5, 20] },
              "scenarios": [ { "name": "a", "weight": 1 }, { "name": "b", "weight": 3 } ] }
            """)
        let events = Generator(spec: spec).events(after: nil, before: 2_000_000)
        #expect(events.count > 8_000)
        var counts = [0, 0, 0]
        var previousEnd: Int64 = 500
        for (i, event) in events.enumerated() {
            #expect(event.index == Int64(i))
            #expect((100...300).contains(event.start - previousEnd), "gap of event \(i)")
            #expect((5...20).contains(event.length))
            counts[event.scenario] += 1
            previousEnd = event.end
        }
        #expect(events.first!.start >= 600)
        #expect(events.last!.start < 2_000_000)
        // Weights 1:3.
        let share = Double(counts[2]) / Double(counts[1] + counts[2])
        #expect(abs(share - 0.75) < 0.02)
        #expect(counts[0] == 0)
        // Gaps cover the whole range: both ends are drawn.
        let gaps = zip(events.dropFirst(), events).map { $0.start - $1.end }
        #expect(gaps.min() == 100 && gaps.max() == 300)
    }

    @Test func extendingTheScheduleGivesTheSameEvents() throws {
        let spec = try TestSupport.spec("specs/valve.json")
        let generator = Generator(spec: spec)
        let all = generator.events(after: nil, before: 1_000_000)
        let first = generator.events(after: nil, before: 123_457)
        let rest = generator.events(after: first.last, before: 1_000_000)
        #expect(first + rest == all)
        #expect(first.allSatisfy { $0.start < 123_457 })
    }

    @Test func geometricGapsHaveTheRequestedRate() throws {
        let spec = try Self.spec(anomalies: """
            { "gap": { "geometric": 0.001 }, "duration": { "integer": [10, 10] } }
            """)
        let events = Generator(spec: spec).events(after: nil, before: 5_000_000)
        let gaps = zip(events.dropFirst(), events).map { Double($0.start - $1.end) }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        #expect(gaps.min()! >= 1)
        #expect(abs(mean - 1000) < 40, "mean gap \(mean)")
        #expect(events.allSatisfy { $0.length == 10 && $0.scenario == 1 })
    }

    @Test func rateZeroAndNoBlockGiveNoAnomalies() throws {
        let zero = try Self.spec(anomalies: #"{ "gap": { "geometric": 0 }, "duration": { "integer": [1, 5] } }"#)
        #expect(Generator(spec: zero).events(after: nil, before: 10_000_000).isEmpty)
        let none = try Spec(jsonText: #"{ "variables": [ { "name": "x", "normal": { "constant": 1.5 } } ] }"#)
        let generator = Generator(spec: none)
        #expect(generator.events(after: nil, before: 10_000_000).isEmpty)
        let block = generator.rows(0..<1000, events: [])
        #expect(block.scenario.allSatisfy { $0 == 0 })
        #expect(block.columns[0] == .double(Array(repeating: 1.5, count: 1000)))
    }

    @Test func warmupHoldsNoEvents() throws {
        let spec = try Self.spec(anomalies: """
            { "warmup": 100000, "gap": { "integer": [1, 2] }, "duration": { "integer": [1, 2] } }
            """)
        let events = Generator(spec: spec).events(after: nil, before: 200_000)
        #expect(events.first!.start >= 100_001)
        #expect(events.first!.start <= 100_002)
    }

    @Test func overlappingFindsEventsInARange() {
        let events = (0..<10).map { AnomalyEvent(index: Int64($0), start: Int64($0 * 100), length: 10, scenario: 1) }
        #expect(events.overlapping(0..<5).map(\.index) == [0])
        #expect(events.overlapping(10..<100).isEmpty)
        #expect(events.overlapping(105..<305).map(\.index) == [1, 2, 3])
        #expect(events.overlapping(909..<2000).map(\.index) == [9])
        #expect(events.overlapping(910..<2000).isEmpty)
    }
}
