import Foundation
import Testing
@testable import Paranom

/// Hard and soft uniqueness per class, resolved in row order, with an index that persists.
@Suite struct UniquenessTests {
    /// Anomalous keys (x, m) come from 6 × 3 = 18 values; normal ones from 10000 × 2.
    static func spec(normal: String = "soft", anomalous: String = "hard", tries: Int = 1000, scope: String = "class",
                     anomalousRange: String = "[0, 5]") throws -> Spec {
        try Spec(jsonText: """
            { "name": "u", "seed": 5, "segmentRows": 1000,
              "anomalies": { "warmup": 100, "gap": { "integer": [20, 40] }, "duration": { "integer": [5, 10] },
                             "scenarios": [ { "name": "a" } ] },
              "variables": [
                { "name": "x", "type": "int64", "normal": { "integer": [0, 9999] }, "anomalous": { "integer": \(anomalousRange) } },
                { "name": "m", "type": "category", "normal": { "choice": { "values": ["p", "q"] } },
                  "anomalous": { "choice": { "values": ["u", "v", "w"] } } },
                { "name": "y", "normal": { "uniform": [0, 1] } }
              ],
              "uniqueness": { "key": ["x", "m"], "scope": "\(scope)",
                              "normal": { "mode": "\(normal)", "tries": \(tries) },
                              "anomalous": { "mode": "\(anomalous)", "tries": \(tries) } } }
            """)
    }

    /// Each row's (class, key), read back from the dataset.
    static func keys(_ dataset: Dataset) throws -> [(anomalous: Bool, key: String)] {
        let rows = try dataset.readRows()
        guard case let .integer(x) = rows.columns[0], case let .integer(m) = rows.columns[1] else { return [] }
        return (0..<rows.count).map { (rows.scenario[$0] != 0, "\(x[$0])/\(m[$0])") }
    }

    /// How many rows repeat a key seen earlier in their class.
    static func repeats(_ keys: [(anomalous: Bool, key: String)], anomalous: Bool) -> Int {
        var seen = Set<String>()
        var count = 0
        for row in keys where row.anomalous == anomalous {
            if !seen.insert(row.key).inserted { count += 1 }
        }
        return count
    }

    static func csv(_ dataset: Dataset, version: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try dataset.exportCSV(ExportOptions(version: version)) { bytes += $0 }
        return bytes
    }

    @Test func hardFailsAtTheFirstImpossibleRowAndCommitsNothing() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec()
            let generator = Generator(spec: spec)
            // The 19th anomalous row has no key left among the 18 possible.
            let codes = generator.scenarioCodes(0..<20_000, events: generator.events(after: nil, before: 20_000)[...])
            let anomalousRows = codes.indices.filter { codes[$0] != 0 }
            let impossible = Int64(anomalousRows[18])
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: spec)
            try dataset.grow(to: impossible - 5)
            let before = try Self.csv(dataset, version: 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments").sorted()
            do {
                try dataset.grow(to: 20_000)
                Issue.record("the grow should have failed")
            } catch let error as ParanomError {
                guard case let .uniquenessExhausted(row, detail) = error else { Issue.record("\(error)"); return }
                #expect(row == impossible)
                #expect(detail.contains("row \(impossible), an anomalous row (scenario a)"))
                #expect(detail.contains("after 1000 tries its key (x, m) = ("))
                #expect(detail.contains("the key (x, m) has at most 18 distinct anomalous values, and row \(impossible) is the 19th anomalous row"))
                #expect(error.exitCode == 7)
            }
            #expect(try dataset.currentVersion().version == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/d.pnm/segments").sorted() == files)
            #expect(try Self.csv(dataset, version: 1) == before)
            // The dataset stays usable: it still grows up to the impossible row.
            try dataset.grow(to: impossible)
            #expect(Self.repeats(try Self.keys(dataset), anomalous: true) == 0)
        }
    }

    @Test func softKeepsTheLastTryAndCountsDuplicates() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: try Self.spec(normal: "soft", anomalous: "soft", tries: 5))
            try dataset.grow(to: 3_000)
            try dataset.grow(to: 8_000)
            let version = try dataset.currentVersion()
            let keys = try Self.keys(dataset)
            #expect(version.anomalousDuplicates > 0)
            #expect(version.anomalousDuplicates == Int64(Self.repeats(keys, anomalous: true)))
            #expect(version.normalDuplicates == Int64(Self.repeats(keys, anomalous: false)))
            #expect(try dataset.version(1).anomalousDuplicates <= version.anomalousDuplicates)
        }
    }

    @Test func hardWithRoomGivesUniqueKeysAcrossVersions() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec(normal: "hard", anomalous: "hard", tries: 200, anomalousRange: "[0, 4000]")
            let dataset = try Dataset.create(at: dir + "/d.pnm", spec: spec)
            for rows: Int64 in [700, 2_500, 6_000] { try dataset.grow(to: rows, threads: 2) }
            let keys = try Self.keys(dataset)
            #expect(keys.count == 6_000)
            #expect(Self.repeats(keys, anomalous: true) == 0)
            #expect(Self.repeats(keys, anomalous: false) == 0)
            // Some rows did need another attempt: the check did something.
            let plan = Generator(spec: spec)
            let events = plan.events(after: nil, before: 6_000)
            let first = plan.rows(0..<6_000, events: events[...])
            #expect(first != (try dataset.readRows()))
        }
    }

    @Test func resultDoesNotDependOnGrowthOrThreads() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let spec = try Self.spec(normal: "soft", anomalous: "soft", tries: 4)
            let stepwise = try Dataset.create(at: dir + "/a.pnm", spec: spec)
            for rows: Int64 in [1_000, 1_777, 5_000] { try stepwise.grow(to: rows, threads: 1) }
            let once = try Dataset.create(at: dir + "/b.pnm", spec: spec)
            try once.grow(to: 5_000, threads: 4)
            #expect(try stepwise.currentVersion().digest == once.currentVersion().digest)
            #expect(try stepwise.readRows() == once.readRows())
            #expect(try stepwise.currentVersion().anomalousDuplicates == once.currentVersion().anomalousDuplicates)
            #expect(try stepwise.currentVersion().normalDuplicates == once.currentVersion().normalDuplicates)
        }
    }

    @Test func datasetScopeSpansBothClasses() throws {
        try TestSupport.withTemporaryDirectory { dir in
            // Both classes draw x from the same 200 values with the same m: in class scope a
            // normal and an anomalous row may share a key, in dataset scope never.
            func shared(_ scope: String) throws -> (Int, [(anomalous: Bool, key: String)]) {
                var spec = try Self.spec(normal: "hard", anomalous: "hard", tries: 500, scope: scope)
                spec.variables[0].normal = .integer(0, 199)
                spec.variables[0].anomalous = .integer(0, 199)
                spec.variables[1].anomalous = nil
                let dataset = try Dataset.create(at: dir + "/\(scope).pnm", spec: spec)
                try dataset.grow(to: 300)
                let keys = try Self.keys(dataset)
                let normal = Set(keys.filter { !$0.anomalous }.map(\.key))
                return (keys.filter { $0.anomalous && normal.contains($0.key) }.count, keys)
            }
            let (classShared, _) = try shared("class")
            let (datasetShared, keys) = try shared("dataset")
            #expect(classShared > 0)
            #expect(datasetShared == 0)
            #expect(Set(keys.map(\.key)).count == keys.count)
        }
    }

    @Test func specErrorsNameTheirPath() {
        func error(_ uniqueness: String) -> String? {
            do {
                _ = try Spec(jsonText: #"{ "variables": [ { "name": "x", "normal": { "uniform": [0, 1] } } ], "uniqueness": \#(uniqueness) }"#)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error(#"{ "key": ["y"] }"#) == #"invalid spec: uniqueness.key[0]: the key names "y", which is not a variable (variables: x)"#)
        #expect(error(#"{ "key": [] }"#) == "invalid spec: uniqueness.key: the key needs at least one variable")
        #expect(error(#"{ "normal": { "mode": "hard", "tries": 0 } }"#) == "invalid spec: uniqueness.normal.tries: 0 is out of range (1 to 1000000)")
        #expect(error(#"{ "normal": { "mode": "strict" } }"#) == #"invalid spec: uniqueness.normal.mode: unknown mode "strict" (expected none, soft or hard)"#)
        #expect(error(#"{ "scope": "global" }"#) == #"invalid spec: uniqueness.scope: unknown scope "global" (expected class or dataset)"#)
        #expect(error(#"{ "key": ["x", "x"] }"#) == #"invalid spec: uniqueness.key[1]: "x" is in the key twice"#)
    }

    @Test func valueSpaceBounds() throws {
        let spec = try Self.spec()
        let index = UniquenessIndex(generator: Generator(spec: spec), uniqueness: spec.uniqueness!)
        #expect(index.maxDistinctKeys(anomalous: true) == 18)
        #expect(index.maxDistinctKeys(anomalous: false) == 20_000)
        #expect(index.maxDistinctKeys(anomalous: nil) == Double((10_000 + 6) * 5), "\(String(describing: index.maxDistinctKeys(anomalous: nil)))")
        #expect(ordinalText(1) == "1st" && ordinalText(12) == "12th" && ordinalText(61) == "61st" && ordinalText(103) == "103rd")
    }
}

@Suite struct FingerprintSetTests {
    @Test func behavesLikeASet() {
        var random = SplitMix64(seed: 11)
        var set = FingerprintSet()
        var reference = Set<UInt64>()
        for _ in 0..<50_000 {
            // Small values too, so that repeats and the reserved 0 occur.
            let value = random.next() % 3 == 0 ? random.next() % 1000 : random.next()
            #expect(set.insert(value) == reference.insert(value == 0 ? 1 : value).inserted)
        }
        #expect(set.count == reference.count)
        for value in reference { #expect(set.contains(value)) }
        #expect(set.contains(0) == reference.contains(1))
        #expect(!set.contains(0xDEAD_BEEF_0000_0001) || reference.contains(0xDEAD_BEEF_0000_0001))
    }

    /// Adding in bulk (batches whose home slots are read first) gives the set that adding one
    /// by one gives: with repeats within a batch and across batches, the reserved 0, probes
    /// that wrap past the table's end, and the table growing in the middle of a bulk add.
    @Test func bulkInsertMatchesOneByOne() {
        var random = SplitMix64(seed: 12)
        var values: [UInt64] = (0..<20_000).map { _ in
            switch random.next() % 4 {
            case 0: return random.next() % 500                  // home slot 0, and 0 itself
            case 1: return UInt64.max - random.next() % 500     // the last home slot: probes wrap
            default: return random.next()
            }
        }
        values += values.prefix(3_000)
        var reference = Set<UInt64>(), oneByOne = FingerprintSet(), bulk = FingerprintSet()
        for value in values {
            reference.insert(value == 0 ? 1 : value)
            oneByOne.insert(value)
        }
        bulk.insert(contentsOf: Array(values.prefix(777)))
        bulk.insert(contentsOf: Array(values.dropFirst(777)))
        #expect(bulk.count == reference.count && oneByOne.count == reference.count)
        for value in reference { #expect(bulk.contains(value)) }
        var absent = 0
        for _ in 0..<1_000 {
            let value = random.next()
            if !reference.contains(value) {
                absent += 1
                #expect(!bulk.contains(value))
            }
        }
        #expect(absent > 900)
    }
}
