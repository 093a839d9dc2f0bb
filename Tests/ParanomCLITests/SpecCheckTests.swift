import Foundation
import Testing

/// `paranom spec check`: the example specs pass, bad ones name the JSON path, nothing is created.
@Suite struct SpecCheckTests {
    @Test(arguments: ["valve.json", "machine.json", "bench.json", "sensors.json", "mitdb.json"])
    func exampleSpecIsValid(_ name: String) throws {
        try CLI.withWorkspace { ws in
            let path = CLI.fixtureSpec(name).path
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.fixtureSpec(name))) as? [String: Any])
            let variables = try #require(json["variables"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            let result = try ws.run("spec", "check", path)
            #expect(result.status == 0, "\(result.summary)")
            #expect(result.stderr == "")
            let specName = try #require(json["name"] as? String)
            let seed = try #require(integer(json["seed"]))
            #expect(result.lines.first?.hasPrefix("\(path): valid spec \"\(specName)\", seed \(seed), \(variables.count) variables, ") == true,
                    "\(result.summary)")
            for variable in variables {
                #expect(result.lines.contains { $0.hasPrefix("  \(variable): ") }, "no line for \(variable)")
            }
            #expect(result.lines.last?.hasPrefix("  anomalies: ") == true)
            #expect(try ws.list() == [])
        }
    }

    @Test func valveSummaryText() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let result = try ws.succeed("spec", "check", spec)
            #expect(result.stdout == """
                valve.json: valid spec "valve", seed 42, 5 variables, segments of 1,000 rows, zstd level 3
                  valve: float64, rounded to 3 decimals
                  mode: category
                  pressure: float64, rounded to 2 decimals
                  cycles: int64
                  alarm: bool
                  anomalies: scenarios stuck, surge; durations 20 to 120 rows

                """)
        }
    }

    @Test(arguments: BadSpec.all)
    func badSpecIsRefused(_ bad: BadSpec) throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.write(bad.json, to: "bad.json")
            let result = try ws.run("spec", "check", spec)
            #expect(result.status == 3, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom spec: error: invalid spec: \(bad.path): "), "\(result.summary)")
            #expect(result.stdout == "")
            #expect(try ws.list() == ["bad.json"])
        }
    }

    @Test(arguments: [
        (["spec"], "missing subcommand"),
        (["spec", "lint", "valve.json"], "unknown subcommand \"lint\""),
        (["spec", "check"], "missing spec file"),
        (["spec", "check", "a.json", "b.json"], "unexpected argument \"b.json\""),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        try CLI.withWorkspace { ws in
            let result = try ws.run(arguments)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom spec: error: \(message)"), "\(result.summary)")
            #expect(result.stderr.contains("usage: paranom spec check FILE"))
        }
    }
}
