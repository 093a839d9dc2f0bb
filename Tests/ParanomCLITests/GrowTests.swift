import Foundation
import Testing
import Paranom

/// `paranom grow`: row counts, versions, refusals that change nothing, and thread-count
/// independence.
@Suite struct GrowTests {
    /// The summary line of a successful grow; captures the digest.
    static func summary(path: String, rows: String, version: Int, added: String) throws -> Regex<(Substring, Substring)> {
        let pattern = "grew \(NSRegularExpression.escapedPattern(for: path)) to \(rows) rows \\(version \(version)\\): "
            + "\(added) new rows in (?:[0-9]+\\.[0-9]+ s|[0-9]+ min [0-9]+ s), [0-9]+(?:\\.[0-9]+)?[kM]? rows/s, "
            + "digest ([0-9a-f]{32})\n"
        return try Regex(pattern, as: (Substring, Substring).self)
    }

    @Test func growToWithSuffixPrintsSummary() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let result = try ws.succeed("grow", "d", "--to", "2k")
            let match = try #require(result.stdout.wholeMatch(of: try Self.summary(path: "d", rows: "2,000", version: 1, added: "2,000")),
                                     "unexpected summary: \(result.stdout)")
            #expect(result.stderr == "", "no progress is drawn when standard error is not a terminal")
            let info = try ws.info("d")
            #expect(info.rows == 2000)
            #expect(info.version == 1)
            #expect(info.digest == String(match.output.1))
            #expect(info.versions.count == 2)
            #expect(try ws.list("d/segments").count == 2)
        }
    }

    @Test func rowCountSpellings() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            for (text, rows) in [("1_000", 1000), ("1.5k", 1500), ("0.002M", 2000), ("2.5K", 2500), ("3000", 3000)] as [(String, Int64)] {
                try ws.succeed("grow", "d", "--to=\(text)")
                #expect(try ws.info("d").rows == rows, "--to \(text)")
            }
            #expect(try ws.info("d").versions.count == 6)
        }
    }

    @Test func growByAddsRowsAndStoresTheMessage() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            try ws.succeed("grow", "d", "--by", "1.5k")
            let second = try ws.succeed("grow", "d", "--by", "1500", "--message", "second batch, 1.5k")
            #expect(second.stdout.wholeMatch(of: try Self.summary(path: "d", rows: "3,000", version: 2, added: "1,500")) != nil,
                    "unexpected summary: \(second.stdout)")
            let info = try ws.info("d")
            #expect(info.rows == 3000)
            #expect(info.versions.map { integer($0["rows"]) } == [0, 1500, 3000])
            #expect(info.versions.map { $0["message"] as? String } == ["init", "", "second batch, 1.5k"])
            #expect(try ws.list("d/segments").count == 4)
        }
    }

    @Test func growingToTheCurrentSizeDoesNothing() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["2000"])
            let before = try ws.info("d").text
            for arguments in [["--to", "2000"], ["--to", "2k"], ["--by", "0"]] {
                let result = try ws.run(["grow", "d"] + arguments)
                #expect(result.status == 0, "\(result.summary)")
                #expect(result.stdout == "d already has 2,000 rows; nothing to grow\n")
                #expect(result.stderr == "")
            }
            #expect(try ws.info("d").text == before)
        }
    }

    @Test func growingBelowTheCurrentSizeFailsAndChangesNothing() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["2500"])
            let before = try ws.info("d").text
            let segments = try ws.snapshot("d/segments")
            let result = try ws.run("grow", "d", "--to", "1k")
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("paranom grow: error: d already has "), "\(result.summary)")
            #expect(result.stderr.contains("a dataset only grows"))
            #expect(try ws.info("d").text == before)
            #expect(try ws.snapshot("d/segments") == segments)
        }
    }

    @Test(arguments: ["--to", "--by"], ["abc", "-5", "1.5", "1e3", "2.5x", "", "k", "1.0001k", " 100", "1,000",
                                         "99999999999999999999", "9999999G", "1.2.3", "1..", ".5k"])
    func malformedRowCount(_ option: String, _ value: String) throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let before = try ws.info("d").text
            let result = try ws.run("grow", "d", option, value)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom grow: error: \(option) "), "\(result.summary)")
            #expect(result.stderr.contains("usage: paranom grow DS --to ROWS | --by ROWS"))
            #expect(result.stdout == "")
            #expect(try ws.info("d").text == before)
        }
    }

    @Test(arguments: [[], ["--to", "1k", "--by", "1k"], ["--message", "x"]])
    func needsExactlyOneOfToAndBy(_ arguments: [String]) throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let result = try ws.run(["grow", "d"] + arguments)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom grow: error: give one of --to ROWS or --by ROWS\n"), "\(result.summary)")
            #expect(try ws.info("d").rows == 0)
        }
    }

    @Test(arguments: [
        (["--to", "1k", "--frobnicate"], "unknown option --frobnicate (options: --by, --message, --plan, --tasks, --threads, --to, --wait)"),
        (["--to", "1k", "--frobnicate=3"], "unknown option --frobnicate"),
        (["--to", "1k", "--threads", "0"], "--threads takes a whole number from 1 to 1024, not \"0\""),
        (["--to", "1k", "--threads", "many"], "--threads takes a whole number from 1 to 1024, not \"many\""),
        (["--to", "1k", "--to", "2k"], "--to is given twice"),
        (["--to"], "--to needs a value"),
        (["e", "--to", "1k"], "unexpected argument \"e\""),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"))
            let result = try ws.run(["grow", "d"] + arguments)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom grow: error: \(message)"), "\(result.summary)")
            #expect(try ws.info("d").rows == 0)
        }
    }

    @Test func missingDataset() throws {
        try CLI.withWorkspace { ws in
            let result = try ws.run("grow", "nowhere", "--to", "1k")
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("paranom grow: error: no dataset at nowhere"), "\(result.summary)")
            #expect(try ws.list() == [])
        }
    }

    @Test func pathThatIsNotADataset() throws {
        try CLI.withWorkspace { ws in
            try ws.write("just text", to: "file.txt")
            try FileManager.default.createDirectory(atPath: ws.path("empty"), withIntermediateDirectories: false)
            let onFile = try ws.run("grow", "file.txt", "--to", "1k")
            #expect(onFile.status == 1)
            #expect(onFile.stderr.contains("file.txt is not a dataset directory"), "\(onFile.summary)")
            #expect(try ws.read("file.txt") == Data("just text".utf8))
            let onDirectory = try ws.run("grow", "empty", "--to", "1k")
            #expect(onDirectory.status == 1)
            #expect(onDirectory.stderr.contains("empty is not a Paranom dataset"), "\(onDirectory.summary)")
            #expect(try ws.list("empty") == [])
        }
    }

    @Test func threadCountDoesNotChangeTheRows() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.machineSpec()
            try ws.dataset("one", spec: spec, grow: ["3500"], threads: 1)
            try ws.dataset("four", spec: spec, grow: ["3500"], threads: 4)
            let one = try ws.info("one"), four = try ws.info("four")
            #expect(isDigest(one.digest))
            #expect(one.digest == four.digest)
            #expect(one.events == four.events)
            #expect(one.versions.map { $0["digest"] as? String } == four.versions.map { $0["digest"] as? String })
            #expect(try ws.succeed("export", "one").stdoutData == ws.succeed("export", "four").stdoutData)
        }
    }

    /// A grow while another process holds the dataset's write lock fails with exit 6 and
    /// changes nothing; readers still work.
    @Test func lockedDatasetIsBusy() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["1k"])
            let before = try ws.info("d").text
            let lock = try #require(try SystemCall.lockFile(ws.path("d/lock"), wait: false))
            defer { SystemCall.close(lock) }
            let result = try ws.run("grow", "d", "--to", "2k")
            #expect(result.status == 6, "\(result.summary)")
            #expect(result.stderr.contains("is being written by another process"))
            #expect(try ws.info("d").text == before)
            #expect(try ws.succeed("export", "d", "--rows", ":10").lines.count == 11)
        }
    }
}
