import Foundation
import Testing
import Paranom
@testable import ParanomCLI
#if canImport(Glibc)
import Glibc
#endif

/// `paranom log`, `checkout`, `verify`, `repair`, `grow --wait`: output, files, exit codes,
/// and one writer with consistent readers.
@Suite struct VersionsTests {
    /// The machine spec (frequent events) in segments of 1000 rows, grown to 1500, 4200, 7000.
    static func grown(_ ws: Workspace, _ name: String = "d") throws {
        try ws.dataset(name, spec: try ws.machineSpec(), grow: ["1500"])
        try ws.succeed("grow", name, "--to", "4200", "--message", "second, with a message")
        try ws.succeed("grow", name, "--to", "7000")
    }

    static func digests(_ info: InfoJSON) -> [String?] { info.versions.map { $0["digest"] as? String } }

    @Test func logListsEveryVersion() throws {
        try CLI.withWorkspace { ws in
            try Self.grown(ws)
            let info = try ws.info("d")
            let result = try ws.succeed("log", "d")
            #expect(result.stderr == "")
            let lines = result.lines
            try #require(lines.count == 5, "\(result.stdout)")
            #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true)
                    == ["version", "rows", "added", "created", "duration", "digest", "message"])
            let expected: [(String, String, String, String)] = [
                ("0", "0", "", "init"), ("1", "1,500", "1,500", ""), ("2", "4,200", "2,700", "second, with a message"),
                ("3", "7,000", "2,800", ""),
            ]
            for (i, (line, (version, rows, added, message))) in zip(lines.dropFirst(), expected).enumerated() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                #expect(fields.first == version, "\(line)")
                #expect(fields.dropFirst().first == rows, "\(line)")
                if !added.isEmpty { #expect(fields.dropFirst(2).first == added, "\(line)") }
                #expect(fields.contains(info.versions[i]["digest"] as! String), "\(line)")
                #expect(fields.contains { $0.hasSuffix("Z") && $0.count == 20 }, "a commit time: \(line)")
                #expect(line.contains(" s  "), "a duration: \(line)")
                #expect(line.hasSuffix(message), "\(line)")
            }
            // Columns line up: every line has the digest at the same place.
            let digestColumn = try #require(lines[0].range(of: "digest")).lowerBound.utf16Offset(in: lines[0])
            for line in lines.dropFirst() {
                let start = line.index(line.startIndex, offsetBy: digestColumn)
                #expect(isDigest(String(line[start...].prefix(32))), "\(line)")
            }
        }
    }

    @Test func logJSON() throws {
        try CLI.withWorkspace { ws in
            try Self.grown(ws)
            let result = try ws.succeed("log", "d", "--json")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            #expect(object["path"] as? String == "d")
            let versions = try #require(object["versions"] as? [[String: Any]])
            #expect(versions.map { integer($0["version"]) } == [0, 1, 2, 3])
            #expect(versions.map { integer($0["rows"]) } == [0, 1500, 4200, 7000])
            #expect(versions.map { integer($0["added"]) } == [0, 1500, 2700, 2800])
            #expect(versions.map { $0["message"] as? String } == ["init", "", "second, with a message", ""])
            #expect(versions.map { $0["digest"] as? String } == Self.digests(try ws.info("d")))
            #expect(versions.allSatisfy { integer($0["durationMs"]) != nil && ($0["createdAt"] as? String)?.hasSuffix("Z") == true })
        }
    }

    @Test(arguments: [["--rows", "2500"], ["--rows", "3k"], ["--rows", "4200"], ["--version", "1"], ["--rows", "0"], ["--rows", "7000"]])
    func checkoutHoldsExactlyThoseRowsAndGrowsBackTheSame(_ cut: [String]) throws {
        try CLI.withWorkspace { ws in
            try Self.grown(ws)
            let source = try ws.info("d")
            let sourceFiles = try ws.snapshot("d")
            let result = try ws.succeed(["checkout", "d"] + cut + ["--out", "c"])
            let rows: Int64 = cut[0] == "--version" ? 1500 : (cut[1] == "3k" ? 3000 : Int64(cut[1])!)
            let pattern = "checked out \(rows.withSeparators) rows of d to c \\(version [0-9]+\\): [0-9]+ segments? linked(, 1 rewritten at the cut)? "
                + "in [0-9.]+ s, digest ([0-9a-f]{32})\n"
            #expect(result.stdout.wholeMatch(of: try Regex(pattern)) != nil, "\(result.stdout)")
            #expect(try ws.snapshot("d") == sourceFiles, "the source is unchanged")
            let copy = try ws.info("c")
            #expect(copy.rows == rows)
            #expect(try ws.succeed("export", "c").stdoutData == ws.succeed("export", "d", "--rows", ":\(rows)").stdoutData)
            try ws.succeed("verify", "c", "--deep")
            // Grown to the source's sizes, it has the source's digests there.
            for version in source.versions {
                guard let size = integer(version["rows"]), size > rows else { continue }
                try ws.succeed("grow", "c", "--to", String(size))
                #expect(try ws.info("c").digest == version["digest"] as? String, "at \(size) rows")
            }
            #expect(try ws.succeed("export", "c").stdoutData == ws.succeed("export", "d").stdoutData)
        }
    }

    @Test(arguments: [
        (["checkout", "d", "--out", "c"], Int32(2), "paranom checkout: error: give one of --rows N or --version V"),
        (["checkout", "d", "--rows", "1", "--version", "1", "--out", "c"], 2, "paranom checkout: error: give one of --rows N or --version V"),
        (["checkout", "d", "--rows", "1k"], 2, "paranom checkout: error: missing --out DST"),
        (["checkout", "d", "--rows", "lots", "--out", "c"], 2, "paranom checkout: error: --rows takes a row count"),
        (["checkout", "d", "--version", "-1", "--out", "c"], 2, "paranom checkout: error: --version takes a whole number"),
        (["checkout", "d", "--rows", "7001", "--out", "c"], 1, "paranom checkout: error: d has 7000 rows (version 3); it cannot check out 7001"),
        (["checkout", "d", "--version", "4", "--out", "c"], 1, "paranom checkout: error: d has no version 4 (versions 0 to 3)"),
        (["checkout", "d", "--rows", "10", "--out", "d"], 1, "paranom checkout: error: d already exists"),
        (["checkout", "d", "--rows", "10", "--out", "spec.json"], 1, "paranom checkout: error: spec.json already exists"),
        (["checkout", "d", "--rows", "10", "--out", "no/such/c"], 1, "paranom checkout: error: the directory no/such does not exist"),
        (["checkout", "nowhere", "--rows", "10", "--out", "c"], 1, "paranom checkout: error: no dataset at nowhere"),
    ])
    func checkoutRefusals(_ arguments: [String], _ status: Int32, _ message: String) throws {
        try CLI.withWorkspace { ws in
            try Self.grown(ws)
            try ws.write("{}", to: "spec.json")
            let before = try ws.list()
            let result = try ws.run(arguments)
            #expect(result.status == status, "\(result.summary)")
            #expect(result.stderr.hasPrefix(message), "\(result.summary)")
            #expect(result.stdout == "")
            #expect(try ws.list() == before, "nothing is created")
        }
    }

    @Test func verifyReportsSoundAndDamagedDatasets() throws {
        try CLI.withWorkspace { ws in
            try Self.grown(ws)
            let info = try ws.info("d")
            for deep in [[], ["--deep"]] {
                let result = try ws.succeed(["verify", "d"] + deep)
                let checked = deep.isEmpty ? "every checksum matches" : "every checksum matches and every row matches the spec"
                #expect(result.stdout.hasPrefix("d: sound: \(checked); version 3, 7,000 rows, digest \(info.digest!); 4 versions, 9 segments, "),
                        "\(result.stdout)")
                #expect(result.stderr == "")
            }
            // Damage in two segments: each problem is named, and the exit code is 4.
            let segment = "d/segments/000000002000-1000.seg"
            var bytes = try ws.read(segment)
            bytes[100] ^= 0x01
            try bytes.write(to: ws.url(segment))
            try FileManager.default.removeItem(atPath: ws.path("d/segments/000000006000-1000.seg"))
            let result = try ws.run("verify", "d")
            #expect(result.status == 4, "\(result.summary)")
            #expect(result.lines.contains("d/segments/000000002000-1000.seg: rows 2000:3000: checksum mismatch: the file changed after it was written"),
                    "\(result.stdout)")
            #expect(result.lines.contains { $0.hasPrefix("d/segments/000000002000-1000.seg: column ") && $0.contains(": rows 2000:3000: ") },
                    "the damaged column is named: \(result.stdout)")
            #expect(result.lines.contains("d/segments/000000006000-1000.seg: rows 6000:7000: the segment file is missing"), "\(result.stdout)")
            #expect(result.stderr.hasPrefix("paranom verify: error: corrupt dataset: d: verify found "), "\(result.summary)")
        }
    }

    @Test func verifyNotesUnnamedFilesAndRepairRemovesThem() throws {
        try CLI.withWorkspace { ws in
            try Self.grown(ws)
            try ws.write("partial", to: "d/segments/000000007000-1000.seg")
            let verify = try ws.succeed("verify", "d")
            #expect(verify.lines.first == "note: 1 files in d/segments are named by no committed version (left by an interrupted grow, "
                    + "or being written by a running one; paranom repair removes them): 000000007000-1000.seg")
            #expect(verify.lines.last?.hasPrefix("d: sound: ") == true)
            let repair = try ws.succeed("repair", "d")
            #expect(repair.stdout == "removed 1 files (7 bytes) from d/segments that no committed version names: 000000007000-1000.seg\n")
            #expect(!ws.exists("d/segments/000000007000-1000.seg"))
            #expect(try ws.succeed("repair", "d").stdout
                    == "d: nothing to repair: every file in its segments directory is named by a committed version\n")
            #expect(try ws.succeed("verify", "d").lines.count == 1)
        }
    }

    @Test(arguments: [
        (["verify"], Int32(2), "paranom verify: error: missing dataset path"),
        (["verify", "d", "--deeper"], 2, "paranom verify: error: unknown option --deeper (options: --deep, --threads)"),
        (["verify", "d", "--threads", "0"], 2, "paranom verify: error: --threads takes a whole number from 1 to 1024"),
        (["verify", "nowhere"], 1, "paranom verify: error: no dataset at nowhere"),
        (["log", "d", "e"], 2, "paranom log: error: unexpected argument \"e\""),
        (["log", "nowhere"], 1, "paranom log: error: no dataset at nowhere"),
        (["repair", "d", "--force"], 2, "paranom repair: error: unknown option --force (options: --wait)"),
        (["repair", "nowhere"], 1, "paranom repair: error: no dataset at nowhere"),
    ])
    func usageAndMissingDatasets(_ arguments: [String], _ status: Int32, _ message: String) throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["1k"])
            let result = try ws.run(arguments)
            #expect(result.status == status, "\(result.summary)")
            #expect(result.stderr.hasPrefix(message), "\(result.summary)")
            #expect(result.stdout == "")
        }
    }

    static let firstLines: [String: String] = [
        "log": "usage: paranom log DS [--json]",
        "checkout": "usage: paranom checkout DS --rows N | --version V --out DST",
        "verify": "usage: paranom verify DS [--deep] [--threads N]",
        "repair": "usage: paranom repair DS [--wait]",
    ]

    @Test(arguments: ["log", "checkout", "verify", "repair"])
    func help(_ command: String) throws {
        try CLI.withWorkspace { ws in
            let expected = try #require(Help.text(for: command))
            for arguments in [["help", command], [command, "--help"], [command, "d", "-h"]] {
                let result = try ws.run(arguments)
                #expect(result.status == 0, "\(result.summary)")
                #expect(result.stdout == expected)
                #expect(result.lines.first == Self.firstLines[command])
            }
            #expect(Help.main.contains("\n  \(command) DS"), "the command list names \(command)")
        }
    }

    /// While a grow is stopped just before its commit (its files written and synced, the lock
    /// held), a second grow fails at once with exit code 6, `grow --wait` waits, `repair` is
    /// busy, and every reader sees the last committed version; then both grows complete and
    /// give the digests of a clean run.
    @Test func oneWriterAndConsistentReaders() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.machineSpec()
            try ws.dataset("clean", spec: spec, grow: ["2000", "6000", "7000"])
            try ws.dataset("d", spec: spec, grow: ["2000"])
            let before = try ws.info("d")
            let export = try ws.succeed("export", "d").stdoutData
            let first = try ws.launch(["grow", "d", "--to", "6000"], environment: ["PARANOM_TEST_SIGNAL": "STOP:fsync:/segments"])
            defer { first.end() }
            try first.wait(until: { first.isStopped }, "the grow stops before its commit")
            #expect(try ws.list("d/segments").count == 6, "its four new files are written")

            let second = try ws.run("grow", "d", "--to", "7000")
            #expect(second.status == 6, "\(second.summary)")
            #expect(second.stderr == "paranom grow: error: d is being written by another process (its write lock is held); wait for it to finish, or give --wait to wait for it\n")
            let busyRepair = try ws.run("repair", "d")
            #expect(busyRepair.status == 6, "\(busyRepair.summary)")
            let waiting = try ws.launch(["grow", "d", "--to", "7000", "--wait"])
            defer { waiting.end() }
            try waiting.wait(until: { waiting.stderrSoFar.contains("waiting") }, "the second grow waits")
            #expect(waiting.stderrSoFar == "paranom grow: d is being written by another process; waiting for it to finish\n")

            let during = try ws.info("d")
            #expect(during.rows == 2000 && during.version == 1 && during.digest == before.digest)
            #expect(try ws.succeed("log", "d", "--json").stdout.contains("\"rows\": 2000"))
            #expect(try ws.succeed("export", "d").stdoutData == export)
            let verify = try ws.succeed("verify", "d", "--deep")
            #expect(verify.lines.first?.hasPrefix("note: 4 files in d/segments are named by no committed version") == true, "\(verify.stdout)")
            try ws.succeed("checkout", "d", "--rows", "1500", "--out", "c")
            #expect(try ws.info("c").rows == 1500)
            try ws.succeed("checkout", "d", "--version", "1", "--out", "c1")
            #expect(try ws.info("c1").digest == before.digest)

            first.signal(SIGCONT)
            let (grown, killed) = try first.finish()
            #expect(killed == nil && grown.status == 0, "\(grown.summary)")
            let (then, killedToo) = try waiting.finish()
            #expect(killedToo == nil && then.status == 0, "\(then.summary)")
            #expect(then.stdout.hasPrefix("grew d to 7,000 rows (version 3): 1,000 new rows in "), "\(then.stdout)")
            let after = try ws.info("d")
            #expect(Self.digests(after) == Self.digests(try ws.info("clean")))
            try ws.succeed("verify", "d", "--deep")
        }
    }
}

extension Int64 {
    /// With thousands separators, as the command line prints counts.
    var withSeparators: String {
        let digits = String(self)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result += "," }
            result.append(c)
        }
        return result
    }
}
