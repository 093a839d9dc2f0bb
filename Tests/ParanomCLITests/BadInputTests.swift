import Foundation
import Testing
@testable import Paranom
#if canImport(Glibc)
import Glibc
#endif

/// Damaged datasets, bad paths and failing writes, for every command: a clear error that
/// names the problem and a distinct exit code, never a crash, a hang or a wrong answer.
@Suite struct BadInputTests {
    /// Every command that takes a dataset, run on dataset `d` (the checkout writes `c`).
    static let commands: [[String]] = [
        ["info", "d"], ["info", "d", "--json"], ["log", "d"], ["verify", "d"], ["verify", "d", "--deep"],
        ["export", "d"], ["grow", "d", "--to", "5000"], ["checkout", "d", "--rows", "2500", "--out", "c"], ["repair", "d"],
    ]

    static func dataset(_ ws: Workspace) throws {
        try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["1500", "3200"])
    }

    /// Runs every command on `d`, expecting each to fail with `status` and an error that
    /// contains `message`; the dataset's files are left as they were.
    static func everyCommandFails(_ ws: Workspace, status: Int32, message: String, commands: [[String]] = commands,
                                  prefix: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try ws.snapshot("d")
        for arguments in commands {
            let result = try ws.run(arguments, environment: [:], prefix: prefix, sourceLocation: sourceLocation)
            #expect(result.status == status, "\(result.summary)", sourceLocation: sourceLocation)
            // verify lists what it finds on standard output.
            #expect(result.stderr.hasPrefix("paranom \(arguments[0]): error: ") && (result.stderr + result.stdout).contains(message),
                    "\(result.summary)", sourceLocation: sourceLocation)
            #expect(!ws.exists("c"), "paranom \(arguments.joined(separator: " ")) created c", sourceLocation: sourceLocation)
        }
        #expect(try ws.snapshot("d").filter { !$0.key.hasPrefix("manifest.sqlite-") && $0.key != "lock" }
                == before.filter { !$0.key.hasPrefix("manifest.sqlite-") && $0.key != "lock" },
                "the commands changed the dataset", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("random bytes", "garbage"), ("an empty file", "empty"), ("the first 100 bytes", "100"),
        ("the first two pages", "8192"), ("half of it", "half"), ("another database", "other"),
    ])
    func corruptOrTruncatedManifest(_ what: String, _ how: String) throws {
        try CLI.withWorkspace { ws in
            try Self.dataset(ws)
            let manifest = ws.url("d/manifest.sqlite")
            let original = try ws.read("d/manifest.sqlite")
            switch how {
            case "garbage":
                var random = TestRandom(seed: 7)
                try Data((0..<original.count).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(to: manifest)
            case "empty": try Data().write(to: manifest)
            case "100": try original.prefix(100).write(to: manifest)
            case "8192": try original.prefix(8192).write(to: manifest)
            case "half": try original.prefix(original.count / 2).write(to: manifest)
            default:
                try FileManager.default.removeItem(at: manifest)
                try Database(path: manifest.path, create: true).execute("CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('hello')")
            }
            try Self.everyCommandFails(ws, status: 4, message: "d/manifest.sqlite")
        }
    }

    @Test func newerFormatIsRefusedByEveryCommand() throws {
        try CLI.withWorkspace { ws in
            try Self.dataset(ws)
            try Database(path: ws.path("d/manifest.sqlite")).execute("UPDATE meta SET value = '2' WHERE key = 'format_version'")
            try Self.everyCommandFails(ws, status: 4,
                                       message: "the dataset format of d is version 2, but this Paranom supports up to 1: use a newer Paranom")
        }
    }

    /// A missing, truncated or damaged segment file: every command that reads it names it
    /// (those that only read the manifest, info and log, still work).
    @Test(arguments: ["missing", "truncated", "flipped"])
    func damagedSegment(_ how: String) throws {
        try CLI.withWorkspace { ws in
            try Self.dataset(ws)
            let segment = "d/segments/000000002000-1000.seg"
            let original = try ws.read(segment)
            switch how {
            case "missing": try FileManager.default.removeItem(at: ws.url(segment))
            case "truncated": try original.prefix(original.count - 100).write(to: ws.url(segment))
            default:
                var damaged = original
                damaged[original.count / 3] ^= 0x20
                try damaged.write(to: ws.url(segment))
            }
            let reading: [[String]] = [["verify", "d"], ["verify", "d", "--deep"], ["export", "d"], ["export", "d", "--rows", "2500:2600"],
                                       ["checkout", "d", "--rows", "2500", "--out", "c"]]
            try Self.everyCommandFails(ws, status: 4, message: segment, commands: reading)
            for arguments in [["info", "d"], ["log", "d"], ["export", "d", "--rows", ":2000"], ["checkout", "d", "--rows", "1999", "--out", "c"]] {
                let result = try ws.run(arguments)
                #expect(result.status == 0, "\(result.summary)")
            }
        }
    }

    @Test func pathsThatAreNotDatasets() throws {
        try CLI.withWorkspace { ws in
            try ws.write("text", to: "file")
            try FileManager.default.createSymbolicLink(atPath: ws.path("loop"), withDestinationPath: "loop")
            try FileManager.default.createDirectory(atPath: ws.path("empty"), withIntermediateDirectories: false)
            for command in Set(Self.commands.map(\.first!)).sorted() {
                let rest = command == "grow" ? ["--to", "10"] : command == "checkout" ? ["--rows", "1", "--out", "c"] : []
                for (path, status, message) in [("file", Int32(1), "file is not a dataset directory"),
                                                ("loop", 5, "stat loop: Too many levels of symbolic links (ELOOP)"),
                                                ("empty", 1, "empty is not a Paranom dataset (it has no manifest.sqlite)"),
                                                ("nowhere", 1, "no dataset at nowhere")] {
                    let result = try ws.run([command, path] + rest)
                    #expect(result.status == status, "\(result.summary)")
                    #expect(result.stderr.hasPrefix("paranom \(command): error: \(message)"), "\(result.summary)")
                }
            }
            #expect(try ws.list() == ["empty", "file", "loop"])
        }
    }

    /// Run as an unprivileged user: a dataset in a directory it cannot write, and one it
    /// cannot read.
    @Test func permissions() throws {
        guard let prefix = Unprivileged.prefix else { return }  // root, and no way to run as another user
        try CLI.withWorkspace { ws in
            try Self.dataset(ws)
            let attributes = FileManager.default
            defer { try? attributes.setAttributes([.posixPermissions: 0o755], ofItemAtPath: ws.path("d")) }
            // Read-only: the manifest cannot even be opened for reading (WAL needs its -shm file).
            try attributes.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ws.path("d/manifest.sqlite"))
            try attributes.setAttributes([.posixPermissions: 0o555], ofItemAtPath: ws.path("d"))
            try Self.everyCommandFails(ws, status: 4, message: "the directory must be writable", prefix: prefix)
            // No permission at all.
            try attributes.setAttributes([.posixPermissions: 0o000], ofItemAtPath: ws.path("d"))
            try Self.everyCommandFails(ws, status: 5, message: "stat d/manifest.sqlite: Permission denied (EACCES)", prefix: prefix)
        }
    }

    /// A checkout into a directory the user cannot write fails with the system's message.
    @Test func checkoutIntoAReadOnlyDirectory() throws {
        guard let prefix = Unprivileged.prefix else { return }
        try CLI.withWorkspace { ws in
            try Self.dataset(ws)
            try FileManager.default.createDirectory(atPath: ws.path("ro"), withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            // The source must be readable (and, for WAL, writable) by the user.
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: ws.path("d"))
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: ws.path("d/manifest.sqlite"))
            let result = try ws.run(["checkout", "d", "--rows", "10", "--out", "ro/c"], environment: [:], prefix: prefix)
            #expect(result.status == 5, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom checkout: error: create directory ro/c.creating-"), "\(result.summary)")
            #expect(result.stderr.hasSuffix(": Permission denied (EACCES)\n"), "\(result.summary)")
            #expect(try ws.list("ro") == [])
        }
    }

    /// A full disk, simulated with RLIMIT_FSIZE (`ulimit -f`, SIGXFSZ ignored so that the
    /// write fails with EFBIG): the grow fails with the system's message and removes what it
    /// wrote; the dataset is at its previous version, verifies, and grows to the clean digest.
    @Test func fileSizeLimit() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json", segmentRows: 40_000)
            try ws.dataset("d", spec: spec, grow: ["1000"])
            try ws.dataset("clean", spec: spec, grow: ["1000", "80000"])
            let before = try ws.info("d")
            let files = try ws.list("d/segments")
            // 100 blocks of 512 bytes (dash) or 1024 (bash): below a segment of 40,000 rows.
            let result = try ws.run(["grow", "d", "--to", "80000"], environment: [:],
                                    prefix: ["/bin/sh", "-c", "trap '' XFSZ; ulimit -f 100; exec \"$0\" \"$@\""])
            #expect(result.status == 5, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom grow: error: write d/segments/"), "\(result.summary)")
            #expect(result.stderr.hasSuffix(": File too large (EFBIG)\n"), "\(result.summary)")
            #expect(try ws.info("d").text == before.text)
            #expect(try ws.list("d/segments") == files)
            try ws.succeed("verify", "d")
            try ws.succeed("grow", "d", "--to", "80000")
            #expect(try ws.info("d").digest == ws.info("clean").digest)
        }
    }

    /// A failing fsync (injected through the environment), the same way.
    @Test(arguments: [("fsync:EIO:.seg", "fsync d/segments/", "Input/output error (EIO)"),
                      ("fsync:EIO:/segments", "fsync d/segments: ", "Input/output error (EIO)"),
                      ("write:ENOSPC:.seg", "write d/segments/", "No space left on device (ENOSPC)")])
    func failingWrites(_ fault: String, _ prefix: String, _ system: String) throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            try ws.dataset("d", spec: spec, grow: ["1500"])
            try ws.dataset("clean", spec: spec, grow: ["1500", "4000"])
            let before = try ws.info("d")
            let files = try ws.list("d/segments")
            let result = try ws.run(["grow", "d", "--to", "4000"], environment: ["PARANOM_TEST_FAULT": fault])
            #expect(result.status == 5, "\(result.summary)")
            #expect(result.stderr.hasPrefix("paranom grow: error: \(prefix)") && result.stderr.hasSuffix(": \(system)\n"), "\(result.summary)")
            #expect(try ws.info("d").text == before.text)
            #expect(try ws.list("d/segments") == files)
            try ws.succeed("verify", "d", "--deep")
            try ws.succeed("grow", "d", "--to", "4000")
            #expect(try ws.info("d").digest == ws.info("clean").digest)
        }
    }
}
