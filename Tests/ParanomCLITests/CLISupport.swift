import Foundation
import Testing

/// Shared helpers for the command-line tests: finding the built `paranom` binary, running it
/// in a per-test temporary directory, writing specs there, and reading its output.
enum CLI {
    /// The repository root, found from this file's path (Tests/ParanomCLITests/CLISupport.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// An example spec in Fixtures/specs.
    static func fixtureSpec(_ name: String) -> URL {
        root.appendingPathComponent("Fixtures/specs/\(name)")
    }

    /// The `paranom` executable built beside this test bundle.
    static let binary: URL? = executable("paranom", override: "PARANOM_BINARY")

    /// The example program with callback variables (Examples/paranom-valve), built likewise.
    static let valveBinary: URL? = executable("paranom-valve", override: "PARANOM_VALVE_BINARY")

    /// Runs `executable` with `arguments` in `directory` and captures its output through
    /// files in `captures` (pipes could fill and block a chatty child). `environment` replaces
    /// the inherited one when given.
    static func capture(_ executable: URL, _ arguments: [String], in directory: URL, capturesIn captures: URL,
                        environment: [String: String]? = nil) throws -> (CLIResult, Process.TerminationReason) {
        let base = captures.appendingPathComponent(UUID().uuidString)
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: captures.path])
        }
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let result = CLIResult(arguments: arguments, status: process.terminationStatus,
                               stdoutData: try Data(contentsOf: outURL), stderrData: try Data(contentsOf: errURL))
        return (result, process.terminationReason)
    }

    /// An executable of the package, built beside this test bundle.
    ///
    /// SwiftPM puts executables in the same products directory as the test bundle; the
    /// bundle's location is found from `Bundle.main`, the loaded bundles and
    /// `CommandLine.arguments[0]` (on macOS the bundle is nested a few levels deep, so each
    /// start is walked up). The environment variable `override` overrides the search;
    /// `.build/debug/NAME` in the repository is the last resort.
    static func executable(_ name: String, override: String) -> URL? {
        let fileManager = FileManager.default
        func executable(_ url: URL) -> URL? {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  fileManager.isExecutableFile(atPath: url.path) else { return nil }
            return url.resolvingSymlinksInPath()
        }
        if let path = ProcessInfo.processInfo.environment[override], !path.isEmpty {
            return executable(URL(fileURLWithPath: path))
        }
        var starts: [URL] = [Bundle.main.bundleURL]
        if let url = Bundle.main.executableURL { starts.append(url) }
        starts += Bundle.allBundles.map(\.bundleURL)
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath())
        }
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<5 {
                if let found = executable(directory.appendingPathComponent(name)) { return found }
                if let found = executable(directory.appendingPathComponent("debug/" + name)) { return found }
                directory.deleteLastPathComponent()
            }
        }
        return executable(root.appendingPathComponent(".build/debug/" + name))
    }

    /// Runs `body` in a fresh temporary directory, removed when it returns.
    static func withWorkspace<T>(_ body: (Workspace) throws -> T) throws -> T {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("paranom-cli-test-" + UUID().uuidString)
        let workspace = Workspace(root: base)
        try FileManager.default.createDirectory(at: workspace.directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace.captures, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        return try body(workspace)
    }
}

/// What one run of the binary gave.
struct CLIResult {
    var arguments: [String]
    var status: Int32
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Standard output split into lines, without the final empty one.
    var lines: [String] {
        var parts = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
    /// A one-line description for failure messages.
    var summary: String {
        "paranom \(arguments.joined(separator: " ")) exited \(status)\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))"
    }
}

/// One test's temporary directory. Commands run with `directory` as their working directory,
/// so the paths they print are the short relative names the test passed.
struct Workspace {
    let root: URL
    /// The working directory of every command; holds the specs and datasets.
    var directory: URL { root.appendingPathComponent("work") }
    /// Where captured output goes, outside `directory` so listings stay clean.
    var captures: URL { root.appendingPathComponent("captures") }

    func url(_ relative: String) -> URL { directory.appendingPathComponent(relative) }
    func path(_ relative: String) -> String { url(relative).path }

    /// Runs the binary with `arguments` and returns its status and output.
    func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        try run(arguments, sourceLocation: sourceLocation)
    }

    /// Runs `program` (by default the `paranom` binary) with `arguments`.
    func run(_ arguments: [String], program: URL? = CLI.binary, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let binary = try #require(program, """
            the executable was not found next to the test bundle \
            (\(Bundle.main.bundleURL.path), \(CommandLine.arguments.first ?? "?")) \
            or at PARANOM_BINARY / PARANOM_VALVE_BINARY; build it with 'swift build'
            """, sourceLocation: sourceLocation)
        let (result, reason) = try CLI.capture(binary, arguments, in: directory, capturesIn: captures)
        #expect(reason == .exit, "paranom was killed by a signal: \(result.summary)",
                sourceLocation: sourceLocation)
        return result
    }

    /// Runs the binary and requires exit status 0.
    @discardableResult
    func succeed(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try run(arguments, sourceLocation: sourceLocation)
        try #require(result.status == 0, "\(result.summary)", sourceLocation: sourceLocation)
        return result
    }

    /// Writes `text` to a file in the working directory and returns its relative name.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: url(name))
        return name
    }

    /// Copies the example spec `fixture` (e.g. "valve.json") into the working directory with
    /// small segments, so a few thousand rows span several segment files; `edits` are further
    /// exact text replacements, each of which must apply. Returns the file's relative name.
    @discardableResult
    func spec(_ fixture: String, segmentRows: Int? = 1000, edits: [(String, String)] = [],
              as name: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var text = try String(contentsOf: CLI.fixtureSpec(fixture), encoding: .utf8)
        var all = edits
        if let segmentRows {
            let current = try #require(text.firstMatch(of: /"segmentRows": *[0-9]+/), "\(fixture) has no segmentRows",
                                       sourceLocation: sourceLocation)
            all.insert((String(current.output), "\"segmentRows\": \(segmentRows)"), at: 0)
        }
        for (old, new) in all {
            try #require(text.contains(old), "\(fixture) does not contain \(old)", sourceLocation: sourceLocation)
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try write(text, to: name ?? fixture)
    }

    /// The machine spec with small segments, a short warmup and frequent events, so that a few
    /// thousand rows hold anomalies of every scenario (and the quoted category value `alarm "A"`).
    @discardableResult
    func machineSpec(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try spec("machine.json", edits: [("\"warmup\": 5000", "\"warmup\": 100"), ("\"geometric\": 0.0005", "\"geometric\": 0.005")],
                 sourceLocation: sourceLocation)
    }

    /// Creates dataset `name` from `spec` and grows it with `--to` each of `steps` in turn.
    func dataset(_ name: String, spec: String, grow steps: [String] = [], threads: Int? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        try succeed("init", name, "--spec", spec, sourceLocation: sourceLocation)
        for step in steps {
            let threadArguments = threads.map { ["--threads", String($0)] } ?? []
            let result = try run(["grow", name, "--to", step] + threadArguments, sourceLocation: sourceLocation)
            try #require(result.status == 0, "\(result.summary)", sourceLocation: sourceLocation)
        }
    }

    /// `paranom info DS --json`, parsed.
    func info(_ dataset: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> InfoJSON {
        let result = try run("info", dataset, "--json", sourceLocation: sourceLocation)
        try #require(result.status == 0, "\(result.summary)", sourceLocation: sourceLocation)
        return try InfoJSON(result.stdout, sourceLocation: sourceLocation)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The names in a directory of the workspace, sorted.
    func list(_ relative: String = ".") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(relative)).sorted()
    }

    /// Every file under `relative` with its contents, to show that a command changed nothing.
    func snapshot(_ relative: String = ".") throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = url(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return files }
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = base.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: full.path, isDirectory: &isDirectory) {
                files[name] = isDirectory.boolValue ? Data() : try Data(contentsOf: full)
            }
        }
        return files
    }

    func read(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }
}

/// The output of `paranom info DS --json`, parsed with JSONSerialization.
struct InfoJSON {
    let text: String
    let object: [String: Any]

    init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        self.text = text
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        object = try #require(parsed as? [String: Any], "info --json is not an object: \(text)", sourceLocation: sourceLocation)
    }

    var rows: Int64? { integer(object["rows"]) }
    var version: Int64? { integer(object["version"]) }
    var seed: Int64? { integer(object["seed"]) }
    var events: Int64? { integer(object["events"]) }
    var segments: Int64? { integer(object["segments"]) }
    var digest: String? { object["digest"] as? String }
    var versions: [[String: Any]] { object["versions"] as? [[String: Any]] ?? [] }
}

/// A JSON number as an integer, whichever way Foundation bridged it.
func integer(_ value: Any?) -> Int64? {
    switch value {
    case let v as Int: return Int64(v)
    case let v as Int64: return v
    case let v as NSNumber: return v.int64Value
    default: return nil
    }
}

/// Whether `text` is a 128-bit digest in lowercase hex.
func isDigest(_ text: String?) -> Bool {
    guard let text else { return false }
    return text.count == 32 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
}

/// An RFC 4180 reader for the exporter's output (LF line ends): the records and their fields.
/// Returns nil for text that is not well-formed CSV (a stray quote, an unterminated field).
func parseCSV(_ text: String) -> [[String]]? {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false, wasQuoted = false, afterQuote = false
    for scalar in text.unicodeScalars {
        if quoted {
            if afterQuote {
                if scalar == "\"" { field.unicodeScalars.append(scalar); afterQuote = false; continue }
                quoted = false
                afterQuote = false
            } else {
                if scalar == "\"" { afterQuote = true } else { field.unicodeScalars.append(scalar) }
                continue
            }
        }
        switch scalar {
        case ",":
            record.append(field); field = ""; wasQuoted = false
        case "\n":
            record.append(field); field = ""; wasQuoted = false
            records.append(record); record = []
        case "\"":
            guard field.isEmpty, !wasQuoted else { return nil }
            quoted = true; wasQuoted = true
        default:
            guard !wasQuoted else { return nil }
            field.unicodeScalars.append(scalar)
        }
    }
    if quoted && !afterQuote { return nil }
    if !field.isEmpty || !record.isEmpty || wasQuoted { record.append(field); records.append(record) }
    return records
}

/// Specs that must be refused, each with the JSON path its error names.
struct BadSpec: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    var path: String

    var testDescription: String { name }

    static let all: [BadSpec] = [
        BadSpec(name: "uniform min above max",
                json: #"{"name": "bad", "variables": [{"name": "a", "normal": {"uniform": [5, 1]}}]}"#,
                path: "variables[0].normal.uniform"),
        BadSpec(name: "unknown type",
                json: #"{"name": "bad", "variables": [{"name": "a", "type": "complex", "normal": {"uniform": [0, 1]}}]}"#,
                path: "variables[0].type"),
        BadSpec(name: "duplicate variable name",
                json: #"{"name": "bad", "variables": [{"name": "a", "normal": {"uniform": [0, 1]}}, {"name": "a", "normal": {"uniform": [0, 1]}}]}"#,
                path: "variables[1].name"),
        BadSpec(name: "negative std",
                json: #"{"name": "bad", "variables": [{"name": "a", "normal": {"uniform": [0, 1]}}, {"name": "b", "normal": {"normal": {"mean": 0, "std": -1}}}]}"#,
                path: "variables[1].normal.normal.std"),
    ]
}
