import Foundation
import Testing

/// `paranom init`: what it creates, and what it refuses without creating anything.
@Suite struct InitTests {
    @Test func createsEmptyDataset() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let result = try ws.succeed("init", "d", "--spec", spec)
            #expect(result.stdout == "created d: \"valve\", seed 42, 5 variables, version 0 (no rows)\n")
            #expect(result.stderr == "")
            #expect(ws.isDirectory("d"))
            #expect(ws.exists("d/manifest.sqlite") && !ws.isDirectory("d/manifest.sqlite"))
            #expect(ws.isDirectory("d/segments"))
            #expect(try ws.list("d/segments") == [])
            // Nothing else is left in the working directory (no staging directory).
            #expect(try ws.list() == ["d", spec])
            let info = try ws.info("d")
            #expect(info.rows == 0)
            #expect(info.version == 0)
            #expect(info.versions.count == 1)
        }
    }

    /// A replay file is found relative to the spec file, not the working directory, and the
    /// dataset keeps its own copy.
    @Test func replayFileIsCopiedIntoTheDataset() throws {
        try CLI.withWorkspace { ws in
            let spec = CLI.fixtureSpec("mitdb.json").path
            try ws.succeed("init", "d", "--spec", spec)
            #expect(try ws.list("d/replay") == ["mitdb.csv"])
            #expect(try ws.read("d/replay/mitdb.csv") == Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/data/mitdb.csv")))
            try ws.succeed("grow", "d", "--to", "8000")
            let records = try #require(parseCSV(try ws.succeed("export", "d", "--rows", "6934:6938", "--columns", "t,ecg").stdout))
            #expect(records == [["t", "ecg"], ["6934", "-0.37"], ["6935", "-0.355"], ["6936", "-0.195"], ["6937", "-0.21"]],
                    "the normal part, rows 0 to 6935 of the file, cycles")
            try ws.write("{\"variables\": [{\"name\": \"x\", \"normal\": {\"replay\": {\"file\": \"gone.csv\", \"column\": \"x\"}}}]}", to: "gone.json")
            let refused = try ws.run("init", "e", "--spec", "gone.json")
            #expect(refused.status == 1)
            #expect(refused.stderr == "paranom init: error: variables[0].normal.replay.file: the replay file gone.csv does not exist (looked for ./gone.csv)\n")
            #expect(!ws.exists("e"))
        }
    }

    @Test func existingDatasetIsLeftUntouched() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            try ws.dataset("d", spec: spec, grow: ["1500"])
            let infoBefore = try ws.info("d").text
            // Taken after a reader has opened the manifest, which adds SQLite's -shm and -wal files.
            let before = try ws.snapshot("d")
            let result = try ws.run("init", "d", "--spec", spec, "--seed", "7")
            #expect(result.status == 1)
            #expect(result.stderr.contains("d already exists"), "\(result.summary)")
            #expect(result.stdout == "")
            #expect(try ws.snapshot("d") == before)
            #expect(try ws.info("d").text == infoBefore)
            #expect(try ws.list() == ["d", spec])
        }
    }

    @Test func existingDirectoryOrFileIsLeftUntouched() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            try FileManager.default.createDirectory(atPath: ws.path("dir"), withIntermediateDirectories: false)
            try ws.write("keep me", to: "dir/notes.txt")
            try ws.write("plain file", to: "file")
            for target in ["dir", "file"] {
                let result = try ws.run("init", target, "--spec", spec)
                #expect(result.status == 1, "\(result.summary)")
                #expect(result.stderr.contains("already exists"))
            }
            #expect(try ws.list("dir") == ["notes.txt"])
            #expect(try ws.read("dir/notes.txt") == Data("keep me".utf8))
            #expect(try ws.read("file") == Data("plain file".utf8))
            #expect(try ws.list() == ["dir", "file", spec])
        }
    }

    /// A spec file that does not exist is reported naming it. The exit code is 5 (an
    /// input/output error) today; 1 ("cannot be done") would fit the help as well.
    @Test func missingSpecFile() throws {
        try CLI.withWorkspace { ws in
            let result = try ws.run("init", "d", "--spec", "nowhere.json")
            #expect([1, 5].contains(result.status), "\(result.summary)")
            #expect(result.stderr.contains("nowhere.json"))
            #expect(try ws.list() == [])
        }
    }

    @Test(arguments: BadSpec.all)
    func invalidSpec(_ bad: BadSpec) throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.write(bad.json, to: "bad.json")
            let result = try ws.run("init", "d", "--spec", spec)
            #expect(result.status == 3, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom init: error: invalid spec: \(bad.path): "), "\(result.summary)")
            #expect(result.stdout == "")
            #expect(try ws.list() == ["bad.json"])
        }
    }

    @Test func specThatIsNotJSON() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.write("{\"name\": \"x\", ", to: "broken.json")
            let result = try ws.run("init", "d", "--spec", spec)
            #expect(result.status == 3, "\(result.summary)")
            #expect(result.stderr.contains("not valid JSON"))
            #expect(!ws.exists("d"))
        }
    }

    @Test(arguments: ["abc", "-1", "1.5", "18446744073709551616", "", "0x10", "12 "])
    func malformedSeed(_ seed: String) throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let result = try ws.run("init", "d", "--spec", spec, "--seed", seed)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.contains("--seed takes a whole number from 0 to 18446744073709551615, not \"\(seed)\""))
            #expect(result.stderr.contains("usage: paranom init DS --spec FILE [--seed N]"))
            #expect(!ws.exists("d"))
        }
    }

    @Test(arguments: [
        (["init", "d"], "missing --spec FILE"),
        (["init", "--spec", "valve.json"], "missing dataset path"),
        (["init", "d", "e", "--spec", "valve.json"], "unexpected argument \"e\""),
        (["init", "d", "--spec"], "--spec needs a value"),
        (["init", "d", "--spec", "valve.json", "--spec", "valve.json"], "--spec is given twice"),
        (["init", "d", "--spec", "valve.json", "--rows", "5"], "unknown option --rows"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        try CLI.withWorkspace { ws in
            try ws.spec("valve.json")
            let result = try ws.run(arguments)
            #expect(result.status == 2, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom init: error: \(message)"), "\(result.summary)")
            #expect(try ws.list() == ["valve.json"])
        }
    }

    @Test func seedOverridesTheSpec() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let created = try ws.succeed("init", "seeded", "--spec", spec, "--seed", "12345")
            #expect(created.stdout == "created seeded: \"valve\", seed 12345, 5 variables, version 0 (no rows)\n")
            try ws.dataset("plain", spec: spec)
            #expect(try ws.info("seeded").seed == 12345)
            #expect(try ws.info("plain").seed == 42)
            let human = try ws.succeed("info", "seeded")
            #expect(human.lines.contains("seed        12345"))

            // The seed changes the rows.
            try ws.succeed("grow", "seeded", "--to", "1k")
            try ws.succeed("grow", "plain", "--to", "1k")
            #expect(try ws.info("seeded").digest != ws.info("plain").digest)

            // The largest seed is accepted.
            try ws.succeed("init", "big", "--spec", spec, "--seed", "18446744073709551615")
            #expect(try ws.succeed("info", "big").lines.contains("seed        18446744073709551615"))
        }
    }

    /// An empty dataset path is refused, and nothing is left behind.
    @Test func emptyPathIsRefusedAndLeavesNothing() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let result = try ws.run("init", "", "--spec", spec)
            #expect([1, 2].contains(result.status), "\(result.summary)")
            #expect(try ws.list() == [spec], "a staging directory was left behind")
            for arguments in [["grow", "", "--to", "1k"], ["info", ""], ["export", ""]] {
                let other = try ws.run(arguments)
                #expect([1, 2].contains(other.status), "\(other.summary)")
            }
            #expect(try ws.list() == [spec])
        }
    }

    @Test func missingParentDirectory() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let result = try ws.run("init", "no/such/d", "--spec", spec)
            #expect(result.status == 1, "\(result.summary)")
            #expect(result.stderr.contains("no/such"))
            #expect(try ws.list() == [spec])
        }
    }
}
