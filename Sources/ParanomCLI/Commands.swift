#if canImport(Glibc)
import Glibc
#endif
import Paranom

/// The commands: each parses its arguments, does its work through the library, and prints.
enum Commands {
    /// Every option, of any command, that takes a value: `--help` after one of them is its value.
    static let optionsTakingValues: Set<String> = ([
        "--spec", "--seed", "--to", "--by", "--threads", "--message", "--version", "--rows", "--columns", "--out",
        "--tasks", "--plan", "--index",
    ] as Set<String>).union(exportOptionsTakingValues)

    static func initDataset(_ arguments: [String], callbacks: CallbackRegistry) throws {
        let args = try Arguments(arguments, options: ["--spec", "--seed"], flags: [])
        let path = try args.single("dataset path")
        guard let specPath = args.values["--spec"] else { throw UsageError(message: "missing --spec FILE") }
        var seed: UInt64?
        if let text = args.values["--seed"] {
            guard let value = UInt64(text) else {
                throw UsageError(message: "--seed takes a whole number from 0 to 18446744073709551615, not \"\(text)\"")
            }
            seed = value
        }
        let spec = try readSpec(specPath, seed: seed)
        let dataset = try Dataset.create(at: path, spec: spec, specDirectory: SystemCall.parentDirectory(of: specPath), callbacks: callbacks)
        Terminal.out("created \(dataset.path): \"\(spec.name)\", seed \(spec.seed), \(spec.variables.count) variables, version 0 (no rows)\n")
    }

    static func grow(_ arguments: [String], callbacks: CallbackRegistry) throws {
        let args = try Arguments(arguments, options: ["--to", "--by", "--threads", "--message", "--tasks"], flags: ["--wait", "--plan"])
        let path = try args.single("dataset path")
        let to = try args.rows("--to"), by = try args.rows("--by")
        guard (to == nil) != (by == nil) else { throw UsageError(message: "give one of --to ROWS or --by ROWS") }
        let threads = try args.integer("--threads", in: 1...1024) ?? Dataset.defaultThreads
        let tasks = try args.integer("--tasks", in: 1...1_000_000)
        guard tasks == nil || args.flags.contains("--plan") else { throw UsageError(message: "--tasks goes with --plan") }
        let dataset = try Dataset.open(at: path, callbacks: callbacks)
        let before = try dataset.currentVersion()
        let target = to ?? before.rows + by!
        let message = args.values["--message"] ?? ""
        let waiting = { Terminal.err("paranom grow: \(dataset.path) is being written by another process; waiting for it to finish\n") }
        if args.flags.contains("--plan") {
            let plan = try dataset.plan(to: target, tasks: tasks, threads: threads, message: message,
                                        wait: args.flags.contains("--wait"), onWait: waiting)
            printPlan(plan, path: dataset.path)
            return
        }
        let started = monotonicSeconds()
        let staged = try dataset.stagedPlans()
        let version = try dataset.grow(to: target, threads: threads, message: message, wait: args.flags.contains("--wait"), onWait: waiting,
                                       progress: progressLine("grow"))
        notePlansRemoved(staged, dataset)
        guard let version else {
            Terminal.out("\(dataset.path) already has \(Human.count(try dataset.currentVersion().rows)) rows; nothing to grow\n")
            return
        }
        try printGrown(dataset, version, seconds: monotonicSeconds() - started)
    }

    /// Draws a progress line on a terminal's stderr, at most five times a second; the line is
    /// erased when the work is done.
    static func progressLine(_ what: String) -> ((GrowProgress) -> Void)? {
        guard Terminal.errorIsTerminal else { return nil }
        var lastDraw = 0.0
        return { progress in
            guard progress.seconds - lastDraw >= 0.2 || progress.rowsDone == progress.rowsTotal else { return }
            lastDraw = progress.seconds
            guard progress.rowsDone < progress.rowsTotal else { return Terminal.err("\r\u{1B}[K") }
            let rate = Double(progress.rowsDone) / max(progress.seconds, 1e-9)
            let eta = Double(progress.rowsTotal - progress.rowsDone) / max(rate, 1)
            Terminal.err("\r\(what): \(Human.count(progress.rowsDone)) / \(Human.count(progress.rowsTotal)) rows, \(Human.rate(rate)) rows/s, ETA \(Human.duration(eta))   ")
        }
    }

    /// The one-line summary of a committed grow.
    static func printGrown(_ dataset: Dataset, _ version: VersionInfo, seconds: Double) throws {
        // After a wait, another process may have grown it meanwhile.
        let added = version.rows - (try dataset.version(version.version - 1).rows)
        Terminal.out("grew \(dataset.path) to \(Human.count(version.rows)) rows (version \(version.version)): \(Human.count(added)) new rows in \(Human.duration(seconds)), \(Human.rate(Double(added) / max(seconds, 1e-9))) rows/s, digest \(version.digest)\n")
    }

    static func info(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: [], flags: ["--json"])
        let dataset = try Dataset.open(at: try args.single("dataset path"), readOnly: true)
        let versions = try dataset.versions()
        let current = versions.last!
        let bytes = try dataset.bytesOnDisk()
        let events = try dataset.events()
        let segments = try dataset.segmentCount()
        let plans = try dataset.stagedPlans()
        let spec = dataset.spec
        let fraction = current.rows == 0 ? 0 : Double(current.anomalousRows) / Double(current.rows)
        if args.flags.contains("--json") {
            func n<T: BinaryInteger>(_ v: T) -> JSONValue { .number(String(v)) }
            let json = JSONValue.object([
                JSONMember("path", .string(dataset.path)), JSONMember("name", .string(spec.name)),
                JSONMember("seed", n(spec.seed)), JSONMember("algorithmVersion", n(Generator.algorithmVersion)),
                JSONMember("formatVersion", n(Dataset.formatVersion)), JSONMember("rows", n(current.rows)),
                JSONMember("version", n(current.version)), JSONMember("segments", n(segments)),
                JSONMember("bytes", n(bytes)), JSONMember("events", n(events.count)),
                JSONMember("anomalousRows", n(current.anomalousRows)), JSONMember("digest", .string(current.digest.description)),
                JSONMember("duplicates", .object([JSONMember("normal", n(current.normalDuplicates)),
                                                  JSONMember("anomalous", n(current.anomalousDuplicates))])),
                JSONMember("versions", .array(versions.map { $0.json() })),
                JSONMember("stagedPlans", .array(plans.map(JSONValue.string))),
            ])
            Terminal.out(json.prettyPrinted + "\n")
            return
        }
        let perRow = current.rows == 0 ? "-" : Human.fixed(Double(bytes) / Double(current.rows), 1)
        let variables = spec.variables.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
        let anomalies = "\(Human.count(events.count)) events, \(Human.count(current.anomalousRows)) anomalous rows (\(Human.fixed(fraction * 100, 2))%)"
        let lines: [(String, String)] = [
            ("dataset", dataset.path),
            ("name", spec.name),
            ("seed", String(spec.seed)),
            ("versions", "algorithm \(Generator.algorithmVersion), format \(Dataset.formatVersion)"),
            ("rows", "\(Human.count(current.rows)) (version \(current.version))"),
            ("variables", variables),
            ("segments", "\(Human.count(segments)) of up to \(Human.count(spec.segmentRows)) rows"),
            ("bytes", "\(Human.count(bytes)) on disk, \(perRow) per row"),
            ("anomalies", anomalies),
            ("digest", current.digest.description),
        ] + uniquenessLines(spec, current)
            + (plans.isEmpty ? [] : [("plans", plans.joined(separator: ", ") + " (staged, not committed: paranom commit, or remove \(dataset.path)/staging/ID to drop one)")])
        var text = lines.map { pad($0.0, 12) + $0.1 + "\n" }.joined()
        text += "\n" + pad("version", 9) + pad("rows", 15) + pad("added", 15) + pad("created", 22) + pad("digest", 34) + "message\n"
        var previous: Int64 = 0
        for v in versions {
            let added = v.version == 0 ? "" : Human.count(v.rows - previous)
            text += pad(String(v.version), 9) + pad(Human.count(v.rows), 15) + pad(added, 15) + pad(v.createdAt, 22)
                + pad(v.digest.description, 34) + v.message + "\n"
            previous = v.rows
        }
        Terminal.out(text)
    }

    /// What `info` says of uniqueness: the key and rules, and the duplicates soft rules kept.
    static func uniquenessLines(_ spec: Spec, _ version: VersionInfo) -> [(String, String)] {
        guard let u = spec.uniqueness else { return [] }
        func rule(_ r: Uniqueness.Rule, _ duplicates: Int64) -> String {
            switch r.mode {
            case .none: return "none"
            case .hard: return "hard (\(r.tries) tries)"
            case .soft: return "soft (\(r.tries) tries), \(Human.count(duplicates)) duplicates kept"
            }
        }
        return [("uniqueness", "key (\(u.key.joined(separator: ", "))), scope \(u.scope.rawValue); normal: \(rule(u.normal, version.normalDuplicates)); anomalous: \(rule(u.anomalous, version.anomalousDuplicates))")]
    }

    static func spec(_ arguments: [String], callbacks: CallbackRegistry) throws {
        guard arguments.first == "check" else {
            throw UsageError(message: arguments.isEmpty ? "missing subcommand (paranom spec check FILE)" : "unknown subcommand \"\(arguments[0])\" (expected: check)")
        }
        let args = try Arguments(Array(arguments.dropFirst()), options: [], flags: [])
        let path = try args.single("spec file")
        let spec = try readSpec(path, seed: nil)
        try Dataset.check(spec, specDirectory: SystemCall.parentDirectory(of: path), callbacks: callbacks)
        var lines = ["\(path): valid spec \"\(spec.name)\", seed \(spec.seed), \(spec.variables.count) variables, segments of \(Human.count(spec.segmentRows)) rows, zstd level \(spec.compressionLevel)"]
        for variable in spec.variables {
            lines.append("  \(variable.name): \(variable.type.rawValue)" + (variable.round.map { ", rounded to \($0) decimals" } ?? "")
                + sourceNote(variable.normal))
        }
        if let anomalies = spec.anomalies {
            lines.append("  anomalies: scenarios \(anomalies.scenarios.map(\.name).joined(separator: ", ")); durations \(anomalies.duration.lowerBound) to \(anomalies.duration.upperBound) rows")
        } else {
            lines.append("  anomalies: none (purely normal data)")
        }
        Terminal.out(lines.joined(separator: "\n") + "\n")
    }

    /// What `spec check` says of the normal sources that are more than a draw per row.
    static func sourceNote(_ source: Source) -> String {
        switch source {
        case .walk: return ", sequential (walk)"
        case .ar1: return ", sequential (ar1)"
        case let .callback(name): return ", callback \(name)"
        case let .replay(replay): return ", replays column \(replay.column) of \(replay.file)"
        case let .noisy(base, _): return sourceNote(base)
        default: return ""
        }
    }

    /// Reads a spec file, turning a missing or unreadable file into a clear error.
    static func readSpec(_ path: String, seed: UInt64?) throws -> Spec {
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            if case let .io(code, _, _) = error, code == ENOENT { throw ParanomError.notFound("the spec file \(path) does not exist") }
            throw error
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ParanomError.invalidSpec(path: "", message: "\(path) is not UTF-8 text")
        }
        do {
            return try Spec(jsonText: text, seed: seed)
        } catch {
            if case let .invalidSpec(at, message) = error {
                throw ParanomError.invalidSpec(path: at, message: at.isEmpty ? "\(path): \(message)" : message)
            }
            throw error
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// An output file that appears only when complete: written under a temporary name, then renamed.
enum OutputFile {
    static func write(_ path: String, _ body: (Int32) throws(ParanomError) -> Void) throws(ParanomError) {
        let temporary = path + ".partial"
        let fd = try SystemCall.open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try body(fd)
            try SystemCall.fsync(fd, path: temporary)
            SystemCall.close(fd)
            try SystemCall.rename(temporary, path)
        } catch {
            SystemCall.close(fd)
            try? SystemCall.unlink(temporary)
            throw error
        }
    }
}
