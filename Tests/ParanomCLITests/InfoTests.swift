import Foundation
import Testing

/// `paranom info`: the human summary and the JSON form.
@Suite struct InfoTests {
    @Test func humanOutputShowsRowsDigestAndEveryVersion() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["2000"])
            try ws.succeed("grow", "d", "--by", "1000", "--message", "third thousand")
            let json = try ws.info("d")
            let digest = try #require(json.digest)
            let result = try ws.succeed("info", "d")
            let lines = result.lines
            #expect(result.stderr == "")
            #expect(lines.first == "dataset     d")
            for expected in ["name        valve", "seed        42", "rows        3,000 (version 2)", "digest      \(digest)",
                             "variables   valve (float64), mode (category), pressure (float64), cycles (int64), alarm (bool)",
                             "segments    3 of up to 1,000 rows"] {
                #expect(lines.contains(expected), "missing line \"\(expected)\" in:\n\(result.stdout)")
            }
            // The version table: a header, then one line per version with its rows, rows added,
            // digest and message.
            let header = try #require(lines.firstIndex { $0.hasPrefix("version  rows") }, "no version table:\n\(result.stdout)")
            let table = Array(lines[(header + 1)...])
            try #require(table.count == 3, "expected 3 version lines:\n\(result.stdout)")
            let expected: [(String, String, String, String)] = [("0", "0", "", "init"), ("1", "2,000", "2,000", ""),
                                                                ("2", "3,000", "1,000", "third thousand")]
            for (line, (version, rows, added, message)) in zip(table, expected) {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                let versionDigest = try #require(json.versions[Int(version)!]["digest"] as? String)
                #expect(fields.first == version, "\(line)")
                #expect(fields.dropFirst().first == rows, "\(line)")
                #expect(fields.contains(versionDigest), "\(line)")
                if !added.isEmpty { #expect(fields.dropFirst(2).first == added, "\(line)") }
                #expect(line.hasSuffix(message), "\(line)")
            }
            #expect(table.last?.contains(digest) == true)
        }
    }

    @Test func jsonHasRowsVersionsAndDigests() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.machineSpec(), grow: ["1k", "2500"])
            let result = try ws.succeed("info", "d", "--json")
            let parsed = try JSONSerialization.jsonObject(with: result.stdoutData)
            let object = try #require(parsed as? [String: Any])
            #expect(object["name"] as? String == "machine")
            #expect(object["path"] as? String == "d")
            #expect(integer(object["rows"]) == 2500)
            #expect(integer(object["version"]) == 2)
            #expect(integer(object["seed"]) == 7)
            #expect(integer(object["segments"]) == 3)
            let digest = object["digest"] as? String
            #expect(isDigest(digest))
            let versions = try #require(object["versions"] as? [[String: Any]])
            #expect(versions.map { integer($0["version"]) } == [0, 1, 2])
            #expect(versions.map { integer($0["rows"]) } == [0, 1000, 2500])
            #expect(versions.allSatisfy { isDigest($0["digest"] as? String) })
            #expect(versions[0]["digest"] as? String == String(repeating: "0", count: 32))
            #expect(versions[2]["digest"] as? String == digest)
            #expect(Set(versions.compactMap { $0["digest"] as? String }).count == 3)
            #expect(versions.allSatisfy { ($0["createdAt"] as? String)?.hasSuffix("Z") == true })
            #expect(integer(object["anomalousRows"]) == integer(versions[2]["anomalousRows"]))
        }
    }

    @Test func emptyDatasetInfo() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let info = try ws.info("d")
            #expect(info.rows == 0)
            #expect(info.digest == String(repeating: "0", count: 32))
            let human = try ws.succeed("info", "d")
            #expect(human.lines.contains("rows        0 (version 0)"))
        }
    }

    @Test(arguments: [
        (["info", "nowhere"], Int32(1), "paranom info: error: no dataset at nowhere"),
        (["info"], 2, "paranom info: error: missing dataset path"),
        (["info", "d", "e"], 2, "paranom info: error: unexpected argument \"e\""),
        (["info", "d", "--verbose"], 2, "paranom info: error: unknown option --verbose (options: --json)"),
        (["info", "d", "--json=yes"], 2, "paranom info: error: --json takes no value"),
    ])
    func errors(_ arguments: [String], _ status: Int32, _ message: String) throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let result = try ws.run(arguments)
            #expect(result.status == status, "\(result.summary)")
            #expect(result.stderr.hasPrefix(message), "\(result.summary)")
            #expect(result.stdout == "")
        }
    }
}
