#if canImport(Glibc)
import Glibc
#endif
import Paranom

/// The commands that read a dataset out: `export`, `events` and `plot`.
extension Commands {
    /// The options of these commands that take a value (for telling `--help` from a value).
    static let exportOptionsTakingValues: Set<String> = [
        "--version", "--rows", "--columns", "--out", "--threads", "--format", "--only", "--timestamps", "--layout",
        "--width", "--height",
    ]

    static func export(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: ["--version", "--rows", "--columns", "--out", "--threads", "--format", "--only",
                                                      "--timestamps", "--layout"], flags: ["--no-header"])
        let out = args.values["--out"]
        var format = try args.choice("--format", of: ExportOptions.Format.self)
        if format == nil, let out {
            format = [".csv": .csv, ".tsv": .tsv, ".tab": .tsv, ".jsonl": .jsonl, ".ndjson": .jsonl]
                .first { out.lowercased().hasSuffix($0.key) }?.value
        }
        if format == .jsonl && args.flags.contains("--no-header") {
            throw UsageError(message: "--no-header applies to CSV and TSV; JSON Lines has no header")
        }
        let only = try args.choice("--only", of: ExportOptions.RowClass.self) ?? .all
        let timestamps = try args.choice("--timestamps", of: ExportOptions.Timestamps.self) ?? .index
        let layout = try args.choice("--layout", of: ExportOptions.Layout.self) ?? .standard
        let threads = try args.integer("--threads", in: 1...1024) ?? Dataset.defaultThreads
        let dataset = try Dataset.open(at: try args.single("dataset path"), readOnly: true)
        let info = try args.integer("--version", in: 0...Int(Int32.max)).map { try dataset.version($0) } ?? dataset.currentVersion()
        let rows = try args.values["--rows"].map { try parseRowRange($0, end: info.rows) }
        let options = ExportOptions(version: info.version, rows: rows, columns: args.list("--columns"),
                                    header: !args.flags.contains("--no-header"), threads: threads, format: format ?? .csv,
                                    only: only, timestamps: timestamps, layout: layout)
        guard let out else {
            try dataset.export(options) { (bytes) throws(ParanomError) in try SystemCall.writeAll(1, bytes, path: "standard output") }
            return
        }
        let meter = ProgressMeter(label: "export", enabled: Terminal.errorIsTerminal)
        defer { meter.finish() }
        try OutputFile.write(out) { (fd) throws(ParanomError) in
            try dataset.export(options, progress: { meter.update($0) }) { (bytes) throws(ParanomError) in
                try SystemCall.writeAll(fd, bytes, path: out)
            }
        }
    }

    static func events(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: ["--version", "--format", "--out"], flags: [])
        let format = try args.choice("--format", among: ["csv", "json"]) ?? "csv"
        let dataset = try Dataset.open(at: try args.single("dataset path"), readOnly: true)
        let version = try args.integer("--version", in: 0...Int(Int32.max))
        let text = format == "json" ? try dataset.eventsNAB(version: version) : try dataset.eventsCSV(version: version)
        try write(text, to: args.values["--out"])
    }

    static func plot(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: ["--version", "--rows", "--columns", "--out", "--width", "--height", "--threads"],
                                 flags: [])
        guard let out = args.values["--out"] else { throw UsageError(message: "missing --out FILE.svg") }
        let width = try args.integer("--width", in: PlotOptions.widthRange) ?? 1200
        let height = try args.integer("--height", in: PlotOptions.heightRange) ?? 480
        let threads = try args.integer("--threads", in: 1...1024) ?? Dataset.defaultThreads
        let dataset = try Dataset.open(at: try args.single("dataset path"), readOnly: true)
        let info = try args.integer("--version", in: 0...Int(Int32.max)).map { try dataset.version($0) } ?? dataset.currentVersion()
        let rows = try args.values["--rows"].map { try parseRowRange($0, end: info.rows) }
        let svg = try dataset.plotSVG(PlotOptions(version: info.version, rows: rows, columns: args.list("--columns"),
                                                  width: width, height: height, threads: threads))
        try write(svg, to: out)
    }

    /// Writes text to standard output, or to a file that appears only when complete.
    private static func write(_ text: String, to path: String?) throws {
        try Array(text.utf8).withRawBytes { (bytes) throws(ParanomError) in
            guard let path else { return try SystemCall.writeAll(1, bytes, path: "standard output") }
            try OutputFile.write(path) { (fd) throws(ParanomError) in try SystemCall.writeAll(fd, bytes, path: path) }
        }
    }
}

/// A one-line progress display on standard error for long exports: it appears after half a
/// second, redraws at most five times a second, and is erased at the end.
final class ProgressMeter {
    private let label: String
    private let enabled: Bool
    private let started = Commands.monotonicSeconds()
    private var lastDraw = 0.0
    private var drawn = false

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ progress: ExportProgress) {
        guard enabled else { return }
        let elapsed = Commands.monotonicSeconds() - started
        guard elapsed >= 0.5, elapsed - lastDraw >= 0.2 else { return }
        lastDraw = elapsed
        drawn = true
        let fraction = progress.rowsTotal == 0 ? 1 : Double(progress.rowsDone) / Double(progress.rowsTotal)
        let rate = Double(progress.bytesWritten) / elapsed
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        Terminal.err("\r\(label): \(Human.count(progress.rowsDone)) / \(Human.count(progress.rowsTotal)) rows (\(Human.fixed(fraction * 100, 0))%), "
            + "\(Human.fixed(Double(progress.bytesWritten) / 1e6, 1)) MB, \(Human.fixed(rate / 1e6, 0)) MB/s, ETA \(Human.duration(eta))\u{1B}[K")
    }

    func finish() {
        if drawn { Terminal.err("\r\u{1B}[K") }
    }
}

extension Arguments {
    /// The value of an option that takes one of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, of type: T.Type) throws(UsageError) -> T? where T.RawValue == String {
        guard let text = values[name] else { return nil }
        guard let value = T(rawValue: text) else {
            throw UsageError(message: "\(name) takes \(Arguments.alternatives(T.allCases.map(\.rawValue))), not \"\(text)\"")
        }
        return value
    }

    /// The value of an option that takes one of `words`.
    func choice(_ name: String, among words: [String]) throws(UsageError) -> String? {
        guard let text = values[name] else { return nil }
        guard words.contains(text) else { throw UsageError(message: "\(name) takes \(Arguments.alternatives(words)), not \"\(text)\"") }
        return text
    }

    /// A comma-separated list option, empty names kept (so that a mistake is reported).
    func list(_ name: String) -> [String]? {
        values[name].map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func alternatives(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}
