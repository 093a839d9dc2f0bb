/// The output columns of an export, resolved from a spec and the options: each column's name
/// and how its values print in the chosen format.
///
/// Building one validates the request: unknown column names, an empty column list, repeated
/// names in JSON Lines, RFC 3339 times without a clock, and TimeEval columns that are not
/// variables are `invalidArgument` errors naming the columns there are.
struct ExportSchema: Sendable {
    enum Kind: Sendable, Equatable {
        /// The row number.
        case index
        /// The row's time on the spec's clock.
        case time
        /// A float64 variable; decoded either as doubles or as scaled integers.
        case double(id: UInt32)
        case integer(id: UInt32)
        case bool(id: UInt32)
        /// A category variable; code c prints `strings[base + c]`, for c < `count`.
        case category(id: UInt32, base: Int, count: Int)
        case isAnomaly
        /// Scenario code c prints `strings[base + c]`, for c < `count`.
        case scenario(base: Int, count: Int)
    }

    struct Column: Sendable {
        var name: String
        var kind: Kind
    }

    let format: ExportOptions.Format
    let only: ExportOptions.RowClass
    let columns: [Column]
    /// Every category and scenario string, already quoted or escaped for `format`.
    let strings: TextTable
    /// Set when a column prints times.
    let clock: TimestampFormatter?

    init(spec: Spec, options: ExportOptions) throws(ParanomError) {
        format = options.format
        only = options.only
        let timeKind: Kind = options.timestamps == .rfc3339 ? .time : .index
        if options.timestamps == .rfc3339 {
            guard let clock = spec.clock else {
                throw .invalidArgument("RFC 3339 timestamps need a clock, and the spec \"\(spec.name)\" has none; use index timestamps")
            }
            self.clock = TimestampFormatter(clock: clock, style: .rfc3339)
        } else {
            clock = nil
        }
        var strings: [[UInt8]] = []
        func table(_ values: [String]) -> (base: Int, count: Int) {
            let base = strings.count
            strings += values.map { ExportSchema.encode($0, for: options.format) }
            return (base, values.count)
        }
        var variables: [(Variable, Column)] = []
        for variable in spec.variables {
            let kind: Kind
            switch variable.type {
            case .float64: kind = .double(id: variable.id)
            case .int64: kind = .integer(id: variable.id)
            case .bool: kind = .bool(id: variable.id)
            case .category:
                let (base, count) = table(variable.categories)
                kind = .category(id: variable.id, base: base, count: count)
            }
            variables.append((variable, Column(name: variable.name, kind: kind)))
        }
        let (scenarioBase, scenarioCount) = table([""] + spec.scenarioNames)
        let scenario = Column(name: "scenario", kind: .scenario(base: scenarioBase, count: scenarioCount))

        var chosen: [Column]
        switch options.layout {
        case .standard:
            let all = [Column(name: "t", kind: timeKind)] + variables.map(\.1)
                + [Column(name: "is_anomaly", kind: .isAnomaly), scenario]
            chosen = try ExportSchema.choose(options.columns, from: all, what: "column")
        case .timeeval:
            let defaults = variables.filter { $0.0.type != .category }.map(\.1)
            let picked = options.columns == nil ? defaults : try ExportSchema.choose(options.columns, from: variables.map(\.1), what: "variable")
            chosen = [Column(name: "timestamp", kind: timeKind)] + picked + [Column(name: "is_anomaly", kind: .isAnomaly)]
        }
        if options.format == .jsonl {
            var seen = Set<String>()
            for column in chosen where !seen.insert(column.name).inserted {
                throw .invalidArgument("column \"\(column.name)\" is asked for twice; JSON Lines objects need distinct keys")
            }
        }
        columns = chosen
        self.strings = TextTable(strings)
    }

    /// The columns named in `names` (in that order, repeats allowed), or all of them when nil.
    private static func choose(_ names: [String]?, from all: [Column], what: String) throws(ParanomError) -> [Column] {
        guard let names else { return all }
        guard !names.isEmpty else { throw .invalidArgument("--columns needs at least one column name") }
        var chosen: [Column] = []
        for name in names {
            guard let column = all.first(where: { $0.name == name }) else {
                let plural = what == "column" ? "columns" : "variables"
                throw .invalidArgument("unknown \(what) \"\(name)\" (\(plural): \(all.map(\.name).joined(separator: ", ")))")
            }
            chosen.append(column)
        }
        return chosen
    }

    /// The stored column ids the output needs, in first-use order.
    var storedColumns: [UInt32] {
        var ids: [UInt32] = []
        func need(_ id: UInt32) { if !ids.contains(id) { ids.append(id) } }
        for column in columns {
            switch column.kind {
            case let .double(id), let .integer(id), let .bool(id), let .category(id, _, _): need(id)
            case .isAnomaly, .scenario: need(Generator.scenarioColumn)
            case .index, .time: break
            }
        }
        if only != .all { need(Generator.scenarioColumn) }
        return ids
    }

    /// The header line (names joined by the separator), or nil for JSON Lines.
    var headerLine: [UInt8]? {
        switch format {
        case .csv: return Array((columns.map(\.name).joined(separator: ",") + "\n").utf8)
        case .tsv: return Array((columns.map(\.name).joined(separator: "\t") + "\n").utf8)
        case .jsonl: return nil
        }
    }

    /// A string as one field of `format`: RFC 4180 quoting, TSV escapes, or a JSON string.
    static func encode(_ text: String, for format: ExportOptions.Format) -> [UInt8] {
        switch format {
        case .csv: return csvField(text)
        case .tsv: return tsvField(text)
        case .jsonl: return Array(JSONValue.quoted(text).utf8)
        }
    }
}

/// A CSV field per RFC 4180: quoted, with quotes doubled, when it holds `,` `"` CR or LF.
func csvField(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    guard bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return bytes }
    var quoted: [UInt8] = [34]
    for b in bytes {
        quoted.append(b)
        if b == 34 { quoted.append(34) }
    }
    quoted.append(34)
    return quoted
}

/// A TSV field: tab, LF, CR and backslash written as `\t` `\n` `\r` `\\`, everything else as is.
func tsvField(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    for b in text.utf8 {
        switch b {
        case 9: out += [92, 116]
        case 10: out += [92, 110]
        case 13: out += [92, 114]
        case 92: out += [92, 92]
        default: out.append(b)
        }
    }
    return out
}

/// Byte strings stored back to back, for copying into output without per-value allocation.
struct TextTable: Sendable {
    /// All strings, concatenated.
    let bytes: [UInt8]
    /// String i is bytes[starts[i]..<starts[i + 1]].
    let starts: [Int]
    let maxLength: Int

    init(_ strings: [[UInt8]]) {
        var bytes: [UInt8] = []
        var starts = [0]
        for s in strings {
            bytes += s
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
        maxLength = strings.map(\.count).max() ?? 0
    }

    var count: Int { starts.count - 1 }
}
