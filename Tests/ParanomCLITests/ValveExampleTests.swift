import Foundation
import Testing

/// The example program `paranom-valve`, which embeds the command line with its callbacks
/// registered (a sequential Marotta valve current and a row callback for the flow), run end
/// to end like any user's program.
@Suite struct ValveExampleTests {
    func valve(_ ws: Workspace, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try ws.run(arguments, program: CLI.valveBinary, sourceLocation: sourceLocation)
        try #require(result.status == 0, "\(result.summary)", sourceLocation: sourceLocation)
        return result
    }

    func digest(_ ws: Workspace, _ dataset: String) throws -> String? {
        try InfoJSON(try valve(ws, "info", dataset, "--json").stdout).digest
    }

    /// The `current` and `flow` columns and the scenario column of an export.
    func columns(_ ws: Workspace, _ dataset: String) throws -> [(current: Double, flow: Double, anomalous: Bool)] {
        let records = try #require(parseCSV(try valve(ws, "export", dataset, "--columns", "current,flow,is_anomaly").stdout))
        return records.dropFirst().map { (Double($0[0])!, Double($0[1])!, $0[2] == "1") }
    }

    @Test func sameRowsForAnyThreadsAndGrowthAndTheGoldenDigest() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("marotta.json", segmentRows: 3000)
            _ = try valve(ws, "init", "one", "--spec", spec)
            _ = try valve(ws, "grow", "one", "--to", "20k", "--threads", "1")
            _ = try valve(ws, "init", "steps", "--spec", spec)
            for (rows, threads) in [("1", "2"), ("4999", "2"), ("12k", "1"), ("20k", "2")] {
                _ = try valve(ws, "grow", "steps", "--to", rows, "--threads", threads)
            }
            let one = try digest(ws, "one")
            #expect(one == (try digest(ws, "steps")))
            let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/golden/digests.json")))
            let marotta = try #require((golden as? [String: Any])?["marotta"] as? [String: Any])
            #expect(integer(marotta["rows"]) == 20_000)
            #expect(one == marotta["digest"] as? String, "the example's golden digest in Fixtures/golden/digests.json")
        }
    }

    /// Anomalous cycles are distorted and nothing else is: with the same seed and no
    /// anomalies, every row outside the events is the same and rows inside them differ.
    @Test func anomalousCyclesAreDistortedAndNormalOnesAreNot() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("marotta.json", segmentRows: 4000)
            let plain = try ws.spec("marotta.json", segmentRows: 4000, edits: [
                (#""gap":      { "integer": [3000, 9000] }"#, #""gap":      { "geometric": 0 }"#),
            ], as: "plain.json")
            _ = try valve(ws, "init", "a", "--spec", spec)
            _ = try valve(ws, "grow", "a", "--to", "30k")
            _ = try valve(ws, "init", "p", "--spec", plain)
            _ = try valve(ws, "grow", "p", "--to", "30k")
            let anomalous = try columns(ws, "a"), normal = try columns(ws, "p")
            #expect(normal.allSatisfy { !$0.anomalous })
            var inside = 0, distorted = 0, leaking = 0
            for (a, n) in zip(anomalous, normal) {
                if a.anomalous {
                    inside += 1
                    if abs(a.current - n.current) > 0.05 { distorted += 1 }
                    if n.flow > 6 && a.flow < 0.8 * n.flow { leaking += 1 }
                } else {
                    #expect(a.current == n.current && a.flow == n.flow)
                }
            }
            #expect(inside > 400)
            #expect(distorted > inside / 4, "\(distorted) of \(inside) anomalous rows distorted")
            #expect(leaking > inside / 4, "the flow of an open valve leaks in anomalous rows")
            // The cycles: the current rises above 3.5 A and falls back below 0.2 A again and again.
            let highs = zip(normal.dropFirst(), normal).filter { $0.0.current > 3.5 && $0.1.current <= 3.5 }.count
            #expect(highs > 120 && highs < 180, "\(highs) cycles of 180 to 220 rows in 30,000 rows")
        }
    }

    @Test func thePlainProgramNamesTheMissingCallback() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("marotta.json")
            let refused = try ws.run("init", "d", "--spec", spec)
            #expect(refused.status == 1, "\(refused.summary)")
            #expect(refused.stderr.contains("the variable \"current\" uses the callback \"marotta\", which this program does not register (it registers: none)"),
                    "\(refused.summary)")
            #expect(!ws.exists("d"))
            _ = try valve(ws, "init", "d", "--spec", spec)
            _ = try valve(ws, "grow", "d", "--to", "2000")
            let grow = try ws.run("grow", "d", "--to", "3000")
            #expect(grow.status == 1)
            #expect(grow.stderr.hasPrefix("paranom grow: error: the variable \"current\" uses the callback \"marotta\""))
            #expect(try ws.info("d").rows == 2000, "the plain program still reads the dataset")
            let checked = try valve(ws, "spec", "check", spec)
            #expect(checked.stdout.contains("  current: float64, rounded to 4 decimals, callback marotta\n"))
        }
    }
}
