import Foundation
import Testing
@testable import Paranom

/// Anomaly transforms: each changes the normal value inside events as documented, and nothing
/// outside them; the normal value is the one the row would have had, so a spec without the
/// transforms gives it.
@Suite struct TransformTests {
    static let scenarios = ["scale", "shift", "hold", "spike", "noise", "ramp", "rowscale"]

    /// v (uniform, one transform per scenario), c (a category held in `hold` events) and w (a
    /// walk, held or ramped); `transforms: false` leaves the transforms out.
    static func spec(transforms: Bool = true, segmentRows: Int = 4096, only: [String]? = nil,
                     duration: String = "[5, 25]") throws -> Spec {
        let names = only ?? Self.scenarios
        func overrides(_ members: String) -> String { transforms ? #", "scenarios": { \#(members) }"# : "" }
        let v = [
            "scale": #""scale": { "scale": { "factor": [2, 3] } }"#,
            "shift": #""shift": { "shift": { "offset": { "uniform": [10, 20] } } }"#,
            "hold": #""hold": { "hold": {} }"#,
            "spike": #""spike": { "spike": { "magnitude": [50, 60] } }"#,
            "noise": #""noise": { "noise": { "normal": { "mean": 0, "std": 1 } } }"#,
            "ramp": #""ramp": { "ramp": { "delta": [5, 6] } }"#,
            "rowscale": #""rowscale": { "scale": { "factor": [2, 3], "per": "row" } }"#,
        ].filter { names.contains($0.key) }.map(\.value).sorted().joined(separator: ", ")
        let w = names.filter { ["hold", "ramp"].contains($0) }
            .map { $0 == "hold" ? #""hold": { "hold": {} }"# : #""ramp": { "ramp": { "delta": -4 } }"# }.joined(separator: ", ")
        return try Spec(jsonText: """
            { "name": "t", "seed": 3, "segmentRows": \(segmentRows),
              "anomalies": { "warmup": 20, "gap": { "integer": [30, 60] }, "duration": { "integer": \(duration) },
                             "scenarios": [ \(names.map { #"{ "name": "\#($0)" }"# }.joined(separator: ", ")) ] },
              "variables": [
                { "name": "v", "normal": { "uniform": [1, 2] }\(overrides(v)) },
                { "name": "c", "type": "category", "normal": { "choice": { "values": ["a", "b", "c", "d"] } }\(names.contains("hold") ? overrides(#""hold": { "hold": {} }"#) : "") },
                { "name": "w", "normal": { "walk": { "start": 0, "step": { "normal": { "mean": 0, "std": 1 } } } }\(w.isEmpty ? "" : overrides(w)) }
              ] }
            """)
    }

    /// The rows of a spec and of the same spec without transforms, and the events.
    static func pair(rows: Int64 = 20_000) throws -> (RowBlock, RowBlock, [AnomalyEvent], [String]) {
        let spec = try Self.spec()
        let transformed = Generator(spec: spec), plain = Generator(spec: try Self.spec(transforms: false))
        let events = transformed.events(after: nil, before: rows)
        return (transformed.rows(0..<rows, events: events[...]), plain.rows(0..<rows, events: events[...]), events, spec.scenarioNames)
    }

    @Test func nothingChangesOutsideEvents() throws {
        let (transformed, plain, events, _) = try Self.pair()
        #expect(events.count > 200)
        let anomalous = Set(events.flatMap { Array($0.start..<min($0.end, 20_000)) })
        for column in 0..<3 {
            for row in 0..<20_000 where !anomalous.contains(Int64(row)) {
                #expect(transformed.columns[column].bits(at: row) == plain.columns[column].bits(at: row), "column \(column), row \(row)")
            }
        }
        // Inside events the transforms do change v.
        let changed = anomalous.filter { transformed.columns[0].bits(at: Int($0)) != plain.columns[0].bits(at: Int($0)) }
        #expect(Double(changed.count) > 0.5 * Double(anomalous.count))
    }

    @Test func eachTransformDoesWhatItSays() throws {
        let (transformed, plain, events, names) = try Self.pair()
        let a = transformed.doubles(0), n = plain.doubles(0)
        var noise: [Double] = [], spikeOffsets = Set<Int64>(), seen = Set<String>()
        for event in events where event.end <= 20_000 {
            let rows = Array(Int(event.start)..<Int(event.end))
            let scenario = names[event.scenario - 1]
            seen.insert(scenario)
            switch scenario {
            case "scale", "rowscale":
                let ratios = rows.map { a[$0] / n[$0] }
                #expect(ratios.allSatisfy { $0 >= 2 && $0 <= 3 })
                let spread = ratios.max()! - ratios.min()!
                if scenario == "scale" { #expect(spread < 1e-12, "one factor per event") }
                if scenario == "rowscale" && rows.count > 2 { #expect(spread > 1e-6, "a factor per row") }
            case "shift":
                let offsets = rows.map { a[$0] - n[$0] }
                #expect(offsets.allSatisfy { $0 >= 10 - 1e-9 && $0 <= 20 + 1e-9 })
                #expect(offsets.max()! - offsets.min()! < 1e-9)
            case "hold":
                #expect(rows.allSatisfy { a[$0].bitPattern == n[rows[0]].bitPattern }, "v is stuck at the first row's value")
                #expect(rows.allSatisfy { transformed.integers(1)[$0] == plain.integers(1)[rows[0]] }, "so is the category")
                #expect(rows.allSatisfy { transformed.doubles(2)[$0].bitPattern == plain.doubles(2)[rows[0]].bitPattern }, "and the walk")
            case "spike":
                let differing = rows.filter { a[$0].bitPattern != n[$0].bitPattern }
                #expect(differing.count == 1)
                if let row = differing.first {
                    #expect(a[row] - n[row] >= 50 - 1e-9 && a[row] - n[row] <= 60 + 1e-9)
                    spikeOffsets.insert(Int64(row) - event.start)
                }
            case "noise":
                noise += rows.map { a[$0] - n[$0] }
            case "ramp":
                let deltas = rows.map { a[$0] - n[$0] }
                #expect(abs(deltas[0]) < 1e-12, "the ramp starts at 0")
                let total = deltas.last!
                #expect(total >= 5 - 1e-9 && total <= 6 + 1e-9, "and ends at delta")
                for (k, delta) in deltas.enumerated() {
                    #expect(abs(delta - total * Double(k) / Double(rows.count - 1)) < 1e-9, "linear across the event")
                }
                let walk = rows.map { transformed.doubles(2)[$0] - plain.doubles(2)[$0] }
                #expect(abs(walk.last! + 4) < 1e-9, "the walk ramps by -4")
            default:
                Issue.record("unexpected scenario \(scenario)")
            }
        }
        #expect(seen == Set(Self.scenarios))
        #expect(spikeOffsets.count > 3, "the spike's row is drawn per event")
        let mean = noise.reduce(0, +) / Double(noise.count)
        let std = (noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(noise.count)).squareRoot()
        #expect(noise.count > 300)
        #expect(abs(mean) < 0.2 && abs(std - 1) < 0.2, "noise N(0, 1): mean \(mean), std \(std)")
    }

    /// A held walk stays at the value of the event's first row even when that row was made by
    /// an earlier grow or segment: the state carries it.
    @Test func holdCarriesAcrossSegmentsAndGrows() throws {
        let spec = try Self.spec(segmentRows: 50, only: ["hold"], duration: "[40, 120]")
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try TestSupport.grow(spec, at: dir + "/d.pnm", to: stride(from: 37, through: 3000, by: 37).map { $0 } + [3000])
            let rows = try dataset.readRows()
            let generator = Generator(spec: spec)
            let events = generator.events(after: nil, before: 3000)
            #expect(rows == generator.rows(0..<3000, events: events[...]), "grown in 82 steps, the rows are those of one pass")
            let plain = Generator(spec: try Self.spec(transforms: false, only: ["hold"], duration: "[40, 120]")).rows(0..<3000, events: events[...])
            var spanning = 0
            for event in events where event.end <= 3000 {
                if event.start / 50 != (event.end - 1) / 50 { spanning += 1 }
                let held = plain.doubles(2)[Int(event.start)]
                #expect((event.start..<event.end).allSatisfy { rows.doubles(2)[Int($0)].bitPattern == held.bitPattern })
                // After the event the walk is where its normal path is: the process went on.
                if event.end < 3000 {
                    #expect(rows.doubles(2)[Int(event.end)].bitPattern == plain.doubles(2)[Int(event.end)].bitPattern)
                }
            }
            #expect(spanning > 5)
        }
    }

    @Test func canonicalFormReadsBack() throws {
        let spec = try Self.spec()
        let again = try Spec(json: spec.canonicalJSON)
        #expect(again == spec)
        let scale = try #require(spec.variables[0].scenarios.first { $0.name == "rowscale" }?.source)
        #expect(scale == .transform(Transform(.scale, parameter: .uniform(2, 3), perEvent: false)))
        #expect(spec.variables[0].scenarios.first { $0.name == "noise" }?.source
                == .transform(Transform(.noise, parameter: .normal(mean: 0, std: 1, min: -.infinity, max: .infinity))))
    }
}
