import Foundation
import Testing
@testable import Paranom

/// The example specs in `Fixtures/specs/*.json`, by file name.
private let exampleSpecNames: [String] = jsonFiles(in: "specs")

/// The invalid specs in `Fixtures/specs/bad/*.json` (not `expected.json`), by file name.
private let badSpecNames: [String] = jsonFiles(in: "specs/bad").filter { $0 != "expected.json" }

private func jsonFiles(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.fixture(folder))) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
}

/// `Fixtures/specs/bad/expected.json`: file name → the `description` of the error it throws.
private func expectedMessages() throws -> [(file: String, message: String)] {
    let json = try JSONValue(parsing: try TestSupport.readFixture("specs/bad/expected.json"))
    let members = try #require(json.objectMembers, "expected.json is not an object")
    return try members.map { member in
        (member.key, try #require(member.value.stringValue, "expected.json: \(member.key) is not a string"))
    }
}

/// The error `text` throws as a spec, or nil (recording an issue) if it parses.
private func specError(_ text: String, seed: UInt64? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> ParanomError? {
    do {
        let spec = try Spec(jsonText: text, seed: seed)
        Issue.record("expected an invalid spec, got \(spec.canonicalJSON.serialized)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A small valid spec with the given variables (JSON text of the array's items).
private func smallSpec(variables: String, anomalies: Bool = true) -> String {
    let schedule = anomalies
        ? #""anomalies": {"gap": {"integer": [10, 20]}, "duration": {"integer": [2, 5]}, "scenarios": [{"name": "stuck"}, {"name": "surge"}]},"#
        : ""
    return #"{"name": "test", "seed": 5, \#(schedule) "variables": [\#(variables)]}"#
}

@Suite struct SpecTests {
    // MARK: (a) invalid specs

    @Test func everyBadFixtureHasAnExpectedMessage() throws {
        let expected = try expectedMessages()
        #expect(badSpecNames.count >= 25)
        #expect(expected.map(\.file).sorted() == badSpecNames, "expected.json and the bad fixtures must name the same files")
        #expect(Set(expected.map(\.file)).count == expected.count, "a file is listed twice in expected.json")
    }

    @Test(arguments: badSpecNames)
    func badFixtureFailsWithItsMessage(_ file: String) throws {
        let expected = try #require(try expectedMessages().first { $0.file == file }?.message, "no expected message for \(file)")
        let text = try TestSupport.readFixture("specs/bad/" + file)
        guard let error = specError(text) else { return }
        guard case .invalidSpec = error else {
            Issue.record("\(file): expected an invalidSpec error, got \(error)")
            return
        }
        #expect(error.description == expected, "\(file)")
        #expect(error.exitCode == 3)
    }

    @Test func badFixturesAreOtherwiseValid() throws {
        // Each bad fixture has one mistake; the base it was made from is itself valid.
        let base = try TestSupport.readFixture("specs/bad/variables-empty.json")
            .replacingOccurrences(of: #""variables": []"#, with: #""variables": [{"name": "level", "normal": {"uniform": [0, 1]}}]"#)
        let parsed = try Spec(jsonText: base)
        #expect(parsed.variables.map(\.name) == ["level"])
        #expect(parsed.scenarioNames == ["stuck"])
    }

    @Test func errorDescriptionWithoutPath() {
        #expect(ParanomError.invalidSpec(path: "", message: "m").description == "invalid spec: m")
        #expect(ParanomError.invalidSpec(path: "variables[0]", message: "m").description == "invalid spec: variables[0]: m")
    }

    // MARK: (b) example specs

    @Test func thereAreExampleSpecs() {
        #expect(exampleSpecNames.contains("valve.json"))
        #expect(exampleSpecNames.contains("machine.json"))
    }

    @Test(arguments: exampleSpecNames)
    func exampleSpecParses(_ file: String) throws {
        let spec = try TestSupport.spec("specs/" + file)
        #expect(!spec.variables.isEmpty)
    }

    @Test func valveSpecContents() throws {
        let spec = try TestSupport.spec("specs/valve.json")
        #expect(spec.name == "valve")
        #expect(spec.seed == 42)
        #expect(spec.segmentRows == 262_144)
        #expect(spec.compressionLevel == 3)
        #expect(spec.variables.map(\.name) == ["valve", "mode", "pressure", "cycles", "alarm"])
        #expect(spec.variables.map(\.type) == [.float64, .category, .float64, .int64, .bool])
        #expect(spec.variables.map(\.round) == [3, nil, 2, nil, nil])
        #expect(spec.scenarioNames == ["stuck", "surge"])
        let anomalies = try #require(spec.anomalies)
        #expect(anomalies.warmup == 1000)
        #expect(anomalies.gap == .integer(2000...8000))
        #expect(anomalies.duration == 20...120)
        #expect(anomalies.scenarios == [.init(name: "stuck", weight: 1), .init(name: "surge", weight: 2)])
        let valve = spec.variables[0]
        #expect(valve.normal == .noisy(base: .sine(period: 500, amplitude: 2, offset: 4, phase: 0),
                                       noise: .normal(mean: 0, std: 0.05, min: -.infinity, max: .infinity)))
        #expect(valve.anomalous == .uniform(7, 9))
        #expect(valve.source(forScenario: "stuck") == .constant(.number(4)))
        #expect(valve.source(forScenario: "surge") == .uniform(7, 9))
        #expect(valve.source(forScenario: nil) == valve.normal)
        let pressure = spec.variables[2]
        #expect(pressure.normal == .normal(mean: 101.3, std: 1.5, min: 95, max: 108))
        #expect(pressure.source(forScenario: "stuck") == pressure.normal, "no anomalous source keeps the normal one")
        #expect(spec.variables[3].anomalous == .integer(60, 90))
        #expect(spec.variables[4].normal == .choice(values: [.bool(false), .bool(true)], weights: [999, 1]))
    }

    @Test func defaultsFillIn() throws {
        let spec = try Spec(jsonText: #"{"variables": [{"name": "x", "normal": {"sine": {"period": 10, "amplitude": 1}}}]}"#)
        #expect(spec.name == "dataset")
        #expect(spec.seed == 0)
        #expect(spec.segmentRows == Spec.defaultSegmentRows)
        #expect(spec.compressionLevel == Spec.defaultCompressionLevel)
        #expect(spec.clock == nil)
        #expect(spec.anomalies == nil)
        #expect(spec.scenarioNames == [])
        #expect(spec.variables[0].type == .float64)
        #expect(spec.variables[0].round == nil)
        #expect(spec.variables[0].anomalous == nil)
        #expect(spec.variables[0].normal == .sine(period: 10, amplitude: 1, offset: 0, phase: 0))
        let anomalies = try #require(try Spec(jsonText: smallSpec(variables: #"{"name": "x", "normal": {"constant": 1}}"#)
            .replacingOccurrences(of: #", "scenarios": [{"name": "stuck"}, {"name": "surge"}]"#, with: "")).anomalies)
        #expect(anomalies.warmup == 0)
        #expect(anomalies.scenarios == [.init(name: "anomaly", weight: 1)], "no scenarios gives one named anomaly")
    }

    // MARK: (c) canonical round trip

    @Test(arguments: exampleSpecNames)
    func canonicalRoundTrip(_ file: String) throws {
        let spec = try TestSupport.spec("specs/" + file)
        let canonical = spec.canonicalJSON
        let again = try Spec(json: canonical)
        #expect(again == spec)
        // The canonical text is stable: serializing twice, or after a round trip, gives the same text.
        let text = canonical.serialized
        #expect(spec.canonicalJSON.serialized == text)
        #expect(again.canonicalJSON.serialized == text)
        let fromText = try Spec(jsonText: text)
        #expect(fromText == spec)
        #expect(fromText.canonicalJSON.serialized == text)
        #expect(try Spec(jsonText: canonical.prettyPrinted).canonicalJSON.serialized == text)
    }

    @Test func canonicalFormIsExplicit() throws {
        let spec = try Spec(jsonText: #"{"variables": [{"name": "x", "normal": {"uniform": [0, 1]}}]}"#)
        #expect(spec.canonicalJSON.serialized
            == #"{"name":"dataset","seed":0,"segmentRows":262144,"compression":{"level":3},"variables":[{"id":1,"name":"x","type":"float64","normal":{"uniform":[0.0,1.0]}}]}"#)
    }

    @Test func canonicalRoundTripOfEveryKind() throws {
        let text = #"""
            {"name": "kinds", "seed": 18446744073709551615, "segmentRows": 1, "compression": {"level": -7},
             "clock": {"start": "2024-02-29T23:59:59.123456789+05:30", "step": "250ms"},
             "anomalies": {"warmup": 0, "gap": {"geometric": 0.00001}, "duration": {"integer": [1, 1]},
                           "scenarios": [{"name": "a", "weight": 0.25}, {"name": "b"}]},
             "variables": [
               {"id": 4294967294, "name": "f", "round": 0, "normal": {"normal": {"mean": -1e-7, "std": 1e300, "max": 0.1}},
                "anomalous": {"integer": [-9007199254740992, 9007199254740992]},
                "scenarios": {"b": {"constant": -0.0}, "a": {"choice": {"values": [1, 2.5, 1e21]}}}},
               {"name": "i", "type": "int64", "normal": {"integer": [-9223372036854775808, 9223372036854775807]},
                "anomalous": {"choice": {"values": [3, -4], "weights": [0, 1e-3]}}, "scenarios": {"a": {"constant": 7}}},
               {"name": "b", "type": "bool", "normal": {"constant": true}, "anomalous": {"choice": {"values": [true, false]}}},
               {"name": "c", "type": "category", "normal": {"constant": "\u00e9t\u00e9 \"q\""}},
               {"name": "s", "normal": {"sine": {"period": 0.5, "amplitude": -3, "offset": 1e-300, "phase": 3.141592653589793},
                "noise": {"uniform": [-1, 1], "noise": {"normal": {"mean": 0, "std": 1, "min": -1}}}}}
             ]}
            """#
        let spec = try Spec(jsonText: text)
        #expect(spec.seed == .max)
        #expect(spec.variables.map(\.id) == [4_294_967_294, 2, 3, 4, 5])
        let canonical = spec.canonicalJSON.serialized
        let again = try Spec(jsonText: canonical)
        #expect(again == spec)
        #expect(again.canonicalJSON.serialized == canonical)
        #expect(again.variables[0].scenarios.map(\.name) == ["b", "a"], "overrides keep their declared order")
        #expect(again.variables[3].categories == ["\u{e9}t\u{e9} \"q\""])
        #expect(again.clock == spec.clock)
        #expect(again.anomalies?.gap == .geometric(0.00001))
    }

    @Test func canonicalRoundTripOfSequentialReplayCallbackAndTransforms() throws {
        let text = #"""
            {"anomalies": {"gap": {"integer": [5, 9]}, "duration": {"integer": [1, 3]}, "scenarios": [{"name": "a"}, {"name": "b"}]},
             "variables": [
               {"name": "w", "normal": {"walk": {"start": -1, "step": {"normal": {"mean": 0, "std": 2, "min": -3, "max": 3}}, "max": 4},
                                        "noise": {"uniform": [0, 0.5]}},
                "anomalous": {"ramp": {"delta": {"uniform": [1, 2]}, "per": "row"}}, "scenarios": {"b": {"uniform": [9, 10]}}},
               {"name": "r", "normal": {"ar1": {"phi": -0.5, "noise": {"replay": {"file": "a/b.csv", "column": "z", "rows": [3, 9], "xxh64": "00ff00ff00ff00ff"}}}},
                "scenarios": {"a": {"spike": {"magnitude": -4}}, "b": {"shift": {"offset": {"sine": {"period": 9, "amplitude": 1}}}}}},
               {"name": "k", "type": "int64", "normal": {"callback": "k_1"}},
               {"name": "h", "type": "category", "normal": {"choice": {"values": ["x", "y"]}}, "anomalous": {"hold": {}}}
             ]}
            """#
        let spec = try Spec(jsonText: text)
        let canonical = spec.canonicalJSON.serialized
        let again = try Spec(jsonText: canonical)
        #expect(again == spec)
        #expect(again.canonicalJSON.serialized == canonical)
        #expect(spec.variables[0].normal == .noisy(base: .walk(start: -1, step: .normal(mean: 0, std: 2, min: -3, max: 3), min: -.infinity, max: 4),
                                                   noise: .uniform(0, 0.5)))
        #expect(spec.variables[0].anomalous == .transform(Transform(.ramp, parameter: .uniform(1, 2), perEvent: false)))
        let replay = ReplaySource(file: "a/b.csv", column: "z", rows: 3...9, checksum: 0x00ff_00ff_00ff_00ff)
        #expect(spec.variables[1].normal == .ar1(phi: -0.5, mean: 0, noise: .replay(replay)))
        #expect(spec.replayUses.map(\.path) == ["variables[1].normal.ar1.noise.replay"])
        #expect(spec.variables[1].source(forScenario: "a") == .transform(Transform(.spike, parameter: .constant(.number(-4)))))
        #expect(spec.variables[2].normal == .callback("k_1"))
        #expect(spec.variables[3].anomalous == .transform(Transform(.hold)))
        #expect(canonical.contains(#""ramp":{"delta":{"uniform":[1.0,2.0]},"per":"row"}"#))
        #expect(canonical.contains(#""replay":{"file":"a/b.csv","column":"z","rows":[3,9],"xxh64":"00ff00ff00ff00ff"}"#))
    }

    // MARK: (d) variable ids

    @Test func variableIDsDefaultToDeclarationOrder() throws {
        for file in exampleSpecNames {
            let spec = try TestSupport.spec("specs/" + file)
            #expect(spec.variables.map(\.id) == (1...UInt32(spec.variables.count)).map { $0 }, "\(file)")
        }
    }

    @Test func explicitVariableIDIsKept() throws {
        let text = smallSpec(variables: """
            {"name": "a", "normal": {"constant": 1}},
            {"name": "b", "id": 10, "normal": {"constant": 2}},
            {"name": "c", "normal": {"constant": 3}}
            """)
        let parsed = try Spec(jsonText: text)
        #expect(parsed.variables.map(\.id) == [1, 10, 3])
        let again = try Spec(json: parsed.canonicalJSON)
        #expect(again.variables.map(\.id) == [1, 10, 3])
        // Once stored, ids do not follow positions: the canonical form names every id.
        let members = try #require(parsed.canonicalJSON["variables"]?.arrayValue)
        #expect(members.compactMap { $0["id"]?.int64Value } == [1, 10, 3])
    }

    @Test func explicitIDsMayBeReordered() throws {
        let parsed = try Spec(jsonText: smallSpec(variables: """
            {"name": "a", "id": 3, "normal": {"constant": 1}},
            {"name": "b", "id": 1, "normal": {"constant": 2}},
            {"name": "c", "id": 2, "normal": {"constant": 3}}
            """))
        #expect(parsed.variables.map(\.id) == [3, 1, 2])
    }

    @Test func variableIDOutOfRange() {
        for id in ["0", "4294967295", "-1", "1.5"] {
            let error = specError(smallSpec(variables: #"{"name": "a", "id": \#(id), "normal": {"constant": 1}}"#))
            #expect(error?.description.hasPrefix("invalid spec: variables[0].id: ") == true, "\(id): \(String(describing: error))")
        }
    }

    // MARK: (e) categories

    @Test func categoriesInOrderOfFirstAppearance() throws {
        let parsed = try Spec(jsonText: smallSpec(variables: """
            {"name": "mode", "type": "category",
             "normal": {"choice": {"values": ["b", "a"], "weights": [1, 2]}},
             "anomalous": {"choice": {"values": ["c", "a"]}},
             "scenarios": {"surge": {"constant": "e"}, "stuck": {"choice": {"values": ["d", "b", "e", "f"]}}}},
            {"name": "other", "type": "category", "normal": {"constant": "z"}, "scenarios": {"stuck": {"constant": "a"}}}
            """))
        #expect(parsed.variables[0].categories == ["b", "a", "c", "e", "d", "f"])
        #expect(parsed.variables[1].categories == ["z", "a"], "each variable has its own set")
        #expect(try Spec(json: parsed.canonicalJSON).variables[0].categories == ["b", "a", "c", "e", "d", "f"])
    }

    @Test func categoriesOfExampleSpecs() throws {
        let valve = try TestSupport.spec("specs/valve.json")
        #expect(valve.variables[1].categories == ["open", "closed", "fault"])
        let machine = try TestSupport.spec("specs/machine.json")
        #expect(machine.variables.first { $0.name == "state" }?.categories == ["run", "idle", "service, planned", "alarm \"A\""])
        for variable in valve.variables + machine.variables where variable.type != .category {
            #expect(variable.categories == [], "\(variable.name)")
        }
    }

    // MARK: (f) seed override

    @Test func seedOverride() throws {
        let text = try TestSupport.readFixture("specs/valve.json")
        #expect(try Spec(jsonText: text).seed == 42)
        #expect(try Spec(jsonText: text, seed: 7).seed == 7)
        #expect(try Spec(jsonText: text, seed: 0).seed == 0)
        #expect(try Spec(jsonText: text, seed: .max).seed == .max)
        let overridden = try Spec(jsonText: text, seed: 99)
        #expect(overridden.canonicalJSON["seed"]?.uint64Value == 99)
        #expect(try Spec(json: overridden.canonicalJSON) == overridden)
        var expected = try Spec(jsonText: text)
        expected.seed = 99
        #expect(overridden == expected, "only the seed changes")
        let noSeed = #"{"variables": [{"name": "x", "normal": {"constant": 1}}]}"#
        #expect(try Spec(jsonText: noSeed).seed == 0)
        #expect(try Spec(jsonText: noSeed, seed: 123).seed == 123)
        #expect(try Spec(json: try JSONValue(parsing: noSeed), seed: 5).seed == 5)
    }

    @Test func seedOverrideDoesNotHideAnInvalidSeed() {
        let error = specError(#"{"seed": -1, "variables": [{"name": "x", "normal": {"constant": 1}}]}"#, seed: 3)
        #expect(error?.description == "invalid spec: seed: expected an integer from 0 to 18446744073709551615, got -1")
    }

    // MARK: (g) clock

    @Test func timestampsOfKnownInstants() {
        let cases: [(String, Int64)] = [
            ("1970-01-01T00:00:00Z", 0),
            ("2000-01-01T00:00:00Z", 946_684_800_000_000_000),
            ("2026-01-01T00:00:00Z", 1_767_225_600_000_000_000),
            ("2026-03-01T08:00:00Z", 1_772_352_000_000_000_000),
            ("2038-01-19T03:14:07Z", 2_147_483_647_000_000_000),
            ("2024-02-29T12:34:56Z", 1_709_210_096_000_000_000),
            ("1969-07-20T20:17:40Z", -14_182_940_000_000_000),
            ("1969-12-31T23:59:59Z", -1_000_000_000),
            ("1969-12-31T23:59:59.5Z", -500_000_000),
        ]
        for (text, nanos) in cases {
            #expect(Clock.parseTimestamp(text) == nanos, "\(text)")
        }
    }

    @Test func timestampsWithOffsets() {
        let utc = Clock.parseTimestamp("2026-01-01T00:00:00Z")
        #expect(utc != nil)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00+00:00") == utc)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00-00:00") == utc)
        #expect(Clock.parseTimestamp("2026-01-01T01:00:00+01:00") == utc)
        #expect(Clock.parseTimestamp("2026-01-01T05:30:00+05:30") == utc)
        #expect(Clock.parseTimestamp("2025-12-31T19:30:00-04:30") == utc)
        #expect(Clock.parseTimestamp("2025-12-31T00:01:00-23:59") == utc)
        #expect(Clock.parseTimestamp("2026-01-01t00:00:00z") == utc, "RFC 3339 allows lower-case t and z")
        for bad in ["2026-01-01T00:00:00+0100", "2026-01-01T00:00:00+01", "2026-01-01T00:00:00+24:00",
                    "2026-01-01T00:00:00+01:60", "2026-01-01T00:00:00 +01:00", "2026-01-01T00:00:00+01:00Z"] {
            #expect(Clock.parseTimestamp(bad) == nil, "\(bad)")
        }
    }

    @Test func timestampsWithFractions() throws {
        let base = try #require(Clock.parseTimestamp("2026-01-01T00:00:00Z"))
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.5Z") == base + 500_000_000)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.25Z") == base + 250_000_000)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.001Z") == base + 1_000_000)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.000000001Z") == base + 1)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.123456789Z") == base + 123_456_789)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.000Z") == base)
        #expect(Clock.parseTimestamp("2026-01-01T01:00:00.75+01:00") == base + 750_000_000)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.1234567891Z") == nil, "more than nanoseconds")
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00.Z") == nil)
        #expect(Clock.parseTimestamp("2026-01-01T00:00:00,5Z") == nil)
    }

    @Test func leapDays() {
        #expect(Clock.parseTimestamp("2024-02-29T00:00:00Z") == 1_709_164_800_000_000_000)
        #expect(Clock.parseTimestamp("2026-02-29T00:00:00Z") == nil)
        #expect(Clock.parseTimestamp("2000-02-29T00:00:00Z") != nil, "2000 is a leap year")
        #expect(Clock.parseTimestamp("1900-02-29T00:00:00Z") == nil, "1900 is not")
        #expect(Clock.parseTimestamp("2024-02-30T00:00:00Z") == nil)
        #expect(Clock.parseTimestamp("2026-02-28T00:00:00Z") != nil)
        #expect(Clock.parseTimestamp("2026-03-01T00:00:00Z") == Clock.parseTimestamp("2026-02-28T00:00:00Z").map { $0 + 86_400_000_000_000 })
        #expect(Clock.parseTimestamp("2024-03-01T00:00:00Z") == Clock.parseTimestamp("2024-02-28T00:00:00Z").map { $0 + 2 * 86_400_000_000_000 })
    }

    @Test func malformedTimestamps() {
        for bad in ["", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-1-01T00:00:00Z",
                    "2026-00-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-00T00:00:00Z",
                    "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00Z",
                    "2026-01-01T00:00:00ZZ", "２026-01-01T00:00:00Z", "2026/01/01T00:00:00Z"] {
            #expect(Clock.parseTimestamp(bad) == nil, "\(bad)")
        }
    }

    @Test func durations() {
        let cases: [(String, Int64)] = [
            ("250ms", 250_000_000), ("1s", 1_000_000_000), ("5m", 300_000_000_000), ("2h", 7_200_000_000_000),
            ("1d", 86_400_000_000_000), ("100ms", 100_000_000), ("10us", 10_000), ("7ns", 7), ("90s", 90_000_000_000),
            ("0s", 0),
        ]
        for (text, nanos) in cases {
            #expect(Clock.parseDuration(text) == nanos, "\(text)")
        }
        for bad in ["", "s", "1", "ms", "1.5s", "-1s", "+1s", "1 s", "1sec", "1S", "1w", "1y", "s1", "99999999999999d"] {
            #expect(Clock.parseDuration(bad) == nil, "\(bad)")
        }
    }

    @Test func clockInSpecs() throws {
        let valve = try #require(try TestSupport.spec("specs/valve.json").clock)
        #expect(valve == Clock(start: "2026-01-01T00:00:00Z", startNanoseconds: 1_767_225_600_000_000_000,
                               step: "1s", stepNanoseconds: 1_000_000_000))
        let machine = try #require(try TestSupport.spec("specs/machine.json").clock)
        #expect(machine.startNanoseconds == 1_772_352_000_000_000_000)
        #expect(machine.stepNanoseconds == 100_000_000)
        // The start and step are kept as written.
        let text = smallSpec(variables: #"{"name": "x", "normal": {"constant": 1}}"#, anomalies: false)
            .replacingOccurrences(of: #""seed": 5,"#, with: #""seed": 5, "clock": {"start": "2024-02-29T05:30:00.5+05:30", "step": "2h"},"#)
        let clock = try #require(try Spec(jsonText: text).clock)
        #expect(clock.start == "2024-02-29T05:30:00.5+05:30")
        #expect(clock.startNanoseconds == 1_709_164_800_500_000_000)
        #expect(clock.step == "2h")
        #expect(clock.stepNanoseconds == 7_200_000_000_000)
    }

    @Test func clockErrors() {
        func clockSpec(_ start: String, _ step: String) -> String {
            #"{"clock": {"start": "\#(start)", "step": "\#(step)"}, "variables": [{"name": "x", "normal": {"constant": 1}}]}"#
        }
        #expect(specError(clockSpec("2026-02-29T00:00:00Z", "1s"))?.description
            == #"invalid spec: clock.start: "2026-02-29T00:00:00Z" is not a valid RFC 3339 time between 1678 and 2262, such as 2026-01-01T00:00:00Z"#)
        #expect(specError(clockSpec("2024-02-29T00:00:00Z", "0s"))?.description
            == #"invalid spec: clock.step: "0s" is not a positive duration such as 1s, 250ms, 5m, 1h"#)
        #expect(specError(clockSpec("2024-02-29T00:00:00Z", "1.5s"))?.description
            == #"invalid spec: clock.step: "1.5s" is not a positive duration such as 1s, 250ms, 5m, 1h"#)
        #expect(specError(#"{"clock": {"start": "2026-01-01T00:00:00Z"}, "variables": [{"name": "x", "normal": {"constant": 1}}]}"#)?.description
            == #"invalid spec: clock: missing required key "step""#)
    }
}
