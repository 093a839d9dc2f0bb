import Foundation
import Testing

/// Runs `tools/paranom_read.py`, the reader written from FORMAT.md alone, when python3 with
/// numpy and zstandard is available (tools/install-deps installs them where it can).
enum PythonReader {
    static let script = CLI.root.appendingPathComponent("tools/paranom_read.py").path

    /// What one run of python3 gave.
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `python3 arguments...` in `directory`, with tools/ on the module path.
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = CLI.root.appendingPathComponent("tools").path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        let (result, _) = try CLI.capture(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, in: directory,
                                          capturesIn: FileManager.default.temporaryDirectory, environment: environment)
        return Run(status: result.status, stdout: result.stdoutData, stderr: result.stderr)
    }

    /// Why python3 cannot run the reader here (printed once), or nil when it can.
    static func missing(_ modules: [String]) -> String? {
        let check = "import sys\nmissing = []\nfor m in [\(modules.map { "'\($0)'" }.joined(separator: ", "))]:\n    try:\n        __import__(m)\n    except Exception as e:\n        missing.append(f'{m} ({e})')\nprint(', '.join(missing))"
        guard let result = try? run(["-c", check], in: FileManager.default.temporaryDirectory) else {
            return "python3 could not be started"
        }
        if result.status == 127 { return "python3 is not on PATH" }
        guard result.status == 0 else { return "python3 failed: \(result.stderr.suffix(300))" }
        let names = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return names.isEmpty ? nil : "python3 cannot import \(names)"
    }

    static let readerUnavailable: String? = {
        let reason = missing(["numpy", "zstandard"])
        if let reason { print("ExportPythonReaderTests: SKIPPED, \(reason); run tools/install-deps to install numpy and zstandard") }
        return reason
    }()

    static let pandasUnavailable: String? = {
        let reason = readerUnavailable ?? missing(["pandas"])
        if let reason { print("ExportPythonReaderTests.readsIntoNumpyAndPandas: SKIPPED, \(reason)") }
        return reason
    }()
}

/// The Python reader reads the same values as `paranom export`, byte for byte in its CSV, for
/// each example spec, across versions, row ranges and column subsets; and the same events as
/// `paranom events`.
@Suite(.enabled(if: PythonReader.readerUnavailable == nil, "needs python3 with numpy and zstandard; the reason is printed"))
struct ExportPythonReaderTests {
    @Test(arguments: ["valve.json", "machine.json", "bench.json"])
    func readsTheSameValuesAsTheExport(_ fixture: String) throws {
        try CLI.withWorkspace { ws in
            let spec = fixture == "machine.json" ? try ws.machineSpec() : try ws.spec(fixture, segmentRows: 700)
            try ws.dataset("d", spec: spec, grow: ["1234", "3000"])
            let cases: [[String]] = [
                [], ["--version", "1"], ["--rows", "700:2101"], ["--rows", "1400:1400"], ["--no-header", "--rows", "2999:"],
                ["--version", "1", "--rows", "1000:", "--columns", "scenario,t,is_anomaly"],
            ]
            for arguments in cases {
                let export = try ws.run(["export", "d"] + arguments)
                try #require(export.status == 0, "\(export.summary)")
                let python = try PythonReader.run([PythonReader.script, "d", "--csv"] + arguments, in: ws.directory)
                #expect(python.status == 0, "paranom_read.py \(arguments): \(python.stderr)")
                #expect(python.stdout == export.stdoutData, "paranom_read.py \(arguments) differs from paranom export")
            }
            let columns = try #require(parseCSV(try ws.succeed("export", "d", "--rows", ":1").stdout)?.first)
            let subset = columns.dropFirst().reversed().joined(separator: ",")
            let export = try ws.succeed("export", "d", "--columns", subset)
            let python = try PythonReader.run([PythonReader.script, "d", "--csv", "--columns", subset], in: ws.directory)
            #expect(python.stdout == export.stdoutData)
            // The events, cut at each version's end.
            for arguments in [[], ["--version", "1"]] {
                let events = try ws.run(["events", "d"] + arguments)
                let python = try PythonReader.run([PythonReader.script, "d", "--events"] + arguments, in: ws.directory)
                #expect(python.status == 0, "\(python.stderr)")
                #expect(python.stdout == events.stdoutData, "paranom_read.py --events \(arguments)")
            }
            // The digest computed from the values is the one the manifest records.
            let digest = try PythonReader.run([PythonReader.script, "d", "--digest"], in: ws.directory)
            #expect(digest.status == 0, "\(digest.stderr)")
            #expect(digest.text == (try ws.info("d").digest ?? "?") + "\n")
        }
    }

    /// A damaged segment is an error, not wrong values.
    @Test func damagedSegmentIsAnError() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("d", spec: try ws.spec("valve.json"), grow: ["2000"])
            let victim = ws.url("d/segments/000000001000-1000.seg")
            var bytes = try Data(contentsOf: victim)
            bytes[bytes.count / 3] ^= 0x40
            try bytes.write(to: victim)
            let python = try PythonReader.run([PythonReader.script, "d", "--csv"], in: ws.directory)
            #expect(python.status == 1, "\(python.stderr)")
            #expect(python.stderr.hasPrefix("paranom_read: error: "), "\(python.stderr)")
        }
    }

    @Test(.enabled(if: PythonReader.pandasUnavailable == nil, "needs pandas; the reason is printed"))
    func readsIntoNumpyAndPandas() throws {
        try CLI.withWorkspace { ws in
            try ws.dataset("m", spec: try ws.machineSpec(), grow: ["3000"])
            let script = """
                import json, paranom_read as pr
                arrays = pr.read("m", rows=(990, 1300), columns=["t", "rpm", "load", "state", "door_open", "is_anomaly", "scenario"])
                frame = pr.read_frame("m", version=1, rows=slice(990, 1300))
                print(json.dumps({
                    "dtypes": {k: str(v.dtype) for k, v in arrays.items()},
                    "rows": [[int(arrays["t"][i]), repr(float(arrays["rpm"][i])), int(arrays["load"][i]), arrays["state"][i],
                              bool(arrays["door_open"][i]), bool(arrays["is_anomaly"][i]), arrays["scenario"][i]] for i in range(len(arrays["t"]))],
                    "frame": [list(frame.columns), len(frame), bool(frame["rpm"].sum() == arrays["rpm"].sum())],
                }))
                """
            let python = try PythonReader.run(["-c", script], in: ws.directory)
            try #require(python.status == 0, "\(python.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: python.stdout) as? [String: Any])
            let dtypes = try #require(object["dtypes"] as? [String: String])
            #expect(dtypes["t"] == "int64" && dtypes["rpm"] == "float64" && dtypes["load"] == "int64" && dtypes["door_open"] == "bool")
            let records = try #require(parseCSV(try ws.succeed("export", "m", "--rows", "990:1300", "--no-header",
                                                                "--columns", "t,rpm,load,state,door_open,is_anomaly,scenario").stdout))
            let rows = try #require(object["rows"] as? [[Any]])
            #expect(rows.count == records.count)
            for (row, record) in zip(rows, records) {
                #expect((row[0] as? NSNumber)?.stringValue == record[0])
                #expect(row[1] as? String == record[1])
                #expect((row[2] as? NSNumber)?.stringValue == record[2])
                #expect(row[3] as? String == record[3])
                #expect((row[4] as? Bool) == (record[4] == "1") && (row[5] as? Bool) == (record[5] == "1"))
                #expect(row[6] as? String == record[6])
            }
            let frame = try #require(object["frame"] as? [Any])
            #expect(frame[0] as? [String] == ["t", "rpm", "vibration", "temperature", "current", "load", "state", "door_open", "is_anomaly", "scenario"])
            #expect((frame[1] as? NSNumber)?.intValue == 310)
            #expect(frame[2] as? Bool == true)
        }
    }
}
