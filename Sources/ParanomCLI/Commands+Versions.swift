import Paranom

/// The commands for versions and safety: log, checkout, verify, repair.
extension Commands {
    static func log(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: [], flags: ["--json"])
        let dataset = try Dataset.open(at: try args.single("dataset path"), readOnly: true)
        let versions = try dataset.versions()
        let added = zip(versions, [Int64(0)] + versions.map(\.rows)).map { $0.rows - $1 }
        if args.flags.contains("--json") {
            let json = JSONValue.object([
                JSONMember("path", .string(dataset.path)),
                JSONMember("versions", .array(zip(versions, added).map { v, added in v.json(added: added) })),
            ])
            Terminal.out(json.prettyPrinted + "\n")
            return
        }
        let header = ["version", "rows", "added", "created", "duration", "digest", "message"]
        let rows = zip(versions, added).map { v, added in
            [String(v.version), Human.count(v.rows), v.version == 0 ? "" : Human.count(added), v.createdAt,
             Human.duration(Double(v.durationMilliseconds) / 1000), v.digest.description, oneLine(v.message)]
        }
        Terminal.out(table([header] + rows))
    }

    /// A message on one line: line breaks and tabs shown as \n, \r and \t.
    static func oneLine(_ text: String) -> String {
        var result = ""
        for c in text {
            switch c {
            case "\n": result += "\\n"
            case "\r\n": result += "\\r\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(c)
            }
        }
        return result
    }

    /// Lines of left-aligned columns, two spaces apart; the last column is not padded.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (i, field) in row.enumerated() {
                line += i == row.count - 1 ? field : field + String(repeating: " ", count: widths[i] - field.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    static func checkout(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: ["--rows", "--version", "--out"], flags: [])
        let path = try args.single("dataset path")
        let rows = try args.rows("--rows"), version = try args.integer("--version", in: 0...Int(Int32.max))
        guard (rows == nil) != (version == nil) else { throw UsageError(message: "give one of --rows N or --version V") }
        guard let out = args.values["--out"] else { throw UsageError(message: "missing --out DST (the new dataset's path)") }
        let dataset = try Dataset.open(at: path, readOnly: true)
        let started = monotonicSeconds()
        let summary = try rows.map { try dataset.checkout(rows: $0, to: out) } ?? dataset.checkout(version: version!, to: out)
        let seconds = monotonicSeconds() - started
        var files = ["\(Human.count(summary.linked, "segment")) linked"]
        if summary.copied > 0 { files.append("\(Human.count(summary.copied)) copied") }
        if summary.rewritten != nil { files.append("1 rewritten at the cut") }
        Terminal.out("checked out \(Human.count(summary.version.rows)) rows of \(dataset.path) to \(summary.path) (version \(summary.version.version)): "
                     + files.joined(separator: ", ") + " in \(Human.duration(seconds)), digest \(summary.version.digest)\n")
    }

    static func verify(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: ["--threads"], flags: ["--deep"])
        let dataset = try Dataset.open(at: try args.single("dataset path"), readOnly: true)
        let deep = args.flags.contains("--deep")
        let threads = try args.integer("--threads", in: 1...1024) ?? Dataset.defaultThreads
        let showProgress = Terminal.errorIsTerminal
        let started = monotonicSeconds()
        var lastDraw = 0.0
        let report = try dataset.verify(deep: deep, threads: threads) { done, total in
            let now = monotonicSeconds()
            guard showProgress, now - lastDraw >= 0.2 || done == total else { return }
            lastDraw = now
            Terminal.err("\rverify: \(Human.count(done)) / \(Human.count(total)) rows   ")
        }
        if showProgress { Terminal.err("\r\u{1B}[K") }
        for problem in report.problems { Terminal.out("\(problem)\n") }
        if !report.unnamedFiles.isEmpty {
            let names = report.unnamedFiles.prefix(5).joined(separator: ", ") + (report.unnamedFiles.count > 5 ? ", …" : "")
            Terminal.out("note: \(Human.count(report.unnamedFiles.count)) files in \(dataset.path)/segments are named by no committed version "
                         + "(left by an interrupted grow, or being written by a running one; paranom repair removes them): \(names)\n")
        }
        let seconds = monotonicSeconds() - started
        let what = "\(Human.count(report.versions, "version")), \(Human.count(report.segments, "segment")), \(Human.count(report.bytes)) bytes"
        guard report.isSound else {
            throw ParanomError.corruption(file: dataset.path, detail: "verify found \(Human.count(report.problems.count)) problems in \(what) (listed above)")
        }
        let version = report.version.map { "version \($0.version), \(Human.count($0.rows)) rows, digest \($0.digest)" } ?? ""
        let checked = deep ? "every checksum matches and every row matches the spec" : "every checksum matches"
        Terminal.out("\(dataset.path): sound: \(checked); \(version); \(what) checked in \(Human.duration(seconds))\n")
    }

    static func repair(_ arguments: [String]) throws {
        let args = try Arguments(arguments, options: [], flags: ["--wait"])
        let dataset = try Dataset.open(at: try args.single("dataset path"))
        let summary = try dataset.repair(wait: args.flags.contains("--wait")) {
            Terminal.err("paranom repair: \(dataset.path) is being written by another process; waiting for it to finish\n")
        }
        guard !summary.removed.isEmpty else {
            Terminal.out("\(dataset.path): nothing to repair: every file in its segments directory is named by a committed version\n")
            return
        }
        Terminal.out("removed \(Human.count(summary.removed.count)) files (\(Human.count(summary.bytes)) bytes) from \(dataset.path)/segments "
                     + "that no committed version names: \(summary.removed.prefix(5).joined(separator: ", "))"
                     + (summary.removed.count > 5 ? ", …" : "") + "\n")
    }
}
