/// What to export: a version, a row range, a column subset.
public struct ExportOptions: Sendable {
    /// The version to read; nil for the latest.
    public var version: Int?
    /// Rows [lower, upper); nil for all rows of the version.
    public var rows: Range<Int64>?
    /// Column names in output order; nil for all: `t`, the variables, `is_anomaly`, `scenario`.
    public var columns: [String]?
    public var header: Bool
    public var threads: Int

    public init(version: Int? = nil, rows: Range<Int64>? = nil, columns: [String]? = nil, header: Bool = true,
                threads: Int = Dataset.defaultThreads) {
        self.version = version
        self.rows = rows
        self.columns = columns
        self.header = header
        self.threads = threads
    }
}

/// Writes rows as CSV (RFC 4180): decoding and formatting run in parallel, one segment piece
/// per job, and the text is handed to the sink in row order, so memory stays bounded.
///
/// Floats print as the shortest text that reads back to the same double (the same text as
/// Swift's `Double.description`); categories are quoted when they hold a comma, a quote or
/// a line break.
struct CSVExporter {
    /// One output column.
    enum Field: Sendable {
        case index
        case variable(id: UInt32, type: VariableType, categories: [[UInt8]])
        case isAnomaly
        case scenario(names: [[UInt8]])

        /// The most bytes one value of this field takes.
        var maxLength: Int {
            switch self {
            case .index: return 20
            case let .variable(_, type, categories):
                switch type {
                case .float64: return DecimalFormatter.maxDoubleLength
                case .int64: return 20
                case .bool: return 1
                case .category: return categories.map(\.count).max() ?? 0
                }
            case .isAnomaly: return 1
            case let .scenario(names): return names.map(\.count).max() ?? 0
            }
        }
    }

    let fields: [Field]
    let names: [String]

    init(spec: Spec, columns: [String]?) throws(ParanomError) {
        var all: [(String, Field)] = [("t", .index)]
        for variable in spec.variables {
            all.append((variable.name, .variable(id: variable.id, type: variable.type, categories: variable.categories.map(csvField))))
        }
        all.append(("is_anomaly", .isAnomaly))
        all.append(("scenario", .scenario(names: ([""] + spec.scenarioNames).map(csvField))))
        guard let columns else {
            fields = all.map(\.1)
            names = all.map(\.0)
            return
        }
        guard !columns.isEmpty else { throw .invalidArgument("--columns needs at least one column name") }
        var chosen: [Field] = []
        for name in columns {
            guard let field = all.first(where: { $0.0 == name }) else {
                throw .invalidArgument("unknown column \"\(name)\" (columns: \(all.map(\.0).joined(separator: ", ")))")
            }
            chosen.append(field.1)
        }
        fields = chosen
        names = columns
    }

    var headerLine: [UInt8] { Array((names.joined(separator: ",") + "\n").utf8) }

    /// The stored column ids the fields need.
    var neededColumns: [UInt32] {
        var ids: [UInt32] = []
        for field in fields {
            switch field {
            case let .variable(id, _, _): if !ids.contains(id) { ids.append(id) }
            case .isAnomaly, .scenario: if !ids.contains(Generator.scenarioColumn) { ids.append(Generator.scenarioColumn) }
            case .index: break
            }
        }
        return ids
    }

    /// Formats rows `piece.rows` of a decoded segment as CSV lines.
    func format(_ piece: SegmentPiece, _ columns: [UInt32: DecodedColumn]) -> [UInt8] {
        let first = Int(piece.rows.lowerBound - piece.segment.start)
        let count = Int(piece.rows.count)
        let lineMax = fields.reduce(0) { $0 + $1.maxLength + 1 }
        let resolved: [(Field, DecodedColumn?)] = fields.map { field in
            switch field {
            case let .variable(id, _, _): return (field, columns[id])
            case .isAnomaly, .scenario: return (field, columns[Generator.scenarioColumn])
            case .index: return (field, nil)
            }
        }
        return [UInt8](unsafeUninitializedCapacity: lineMax * count) { buffer, initialized in
            var out = buffer.baseAddress!
            for i in first..<(first + count) {
                for (n, (field, column)) in resolved.enumerated() {
                    if n > 0 { out.pointee = 44; out += 1 }
                    switch field {
                    case .index:
                        out += DecimalFormatter.writeInteger(piece.segment.start + Int64(i), to: out)
                    case let .variable(_, type, categories):
                        switch column! {
                        case let .doubles(v):
                            out += DecimalFormatter.writeShortest(v[i], to: out)
                        case let .scaled(q, decimals):
                            out += DecimalFormatter.writeScaled(q[i], decimals: decimals, to: out)
                        case let .integers(v):
                            switch type {
                            case .category: out = copy(categories[Int(v[i])], to: out)
                            case .bool: out.pointee = v[i] == 0 ? 48 : 49; out += 1
                            default: out += DecimalFormatter.writeInteger(v[i], to: out)
                            }
                        }
                    case .isAnomaly:
                        out.pointee = column!.integer(at: i) == 0 ? 48 : 49
                        out += 1
                    case let .scenario(names):
                        out = copy(names[Int(column!.integer(at: i))], to: out)
                    }
                }
                out.pointee = 10
                out += 1
            }
            initialized = out - buffer.baseAddress!
        }
    }
}

@inline(__always)
private func copy(_ bytes: [UInt8], to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    bytes.withUnsafeBufferPointer { source in
        if let base = source.baseAddress { out.update(from: base, count: source.count) }
    }
    return out + bytes.count
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

extension Dataset {
    /// Exports rows as CSV, handing the text to `write` in order, in pieces.
    public func exportCSV(_ options: ExportOptions, write: ([UInt8]) throws(ParanomError) -> Void) throws(ParanomError) {
        let info = try resolve(options.version)
        let range = try checkedRange(options.rows, of: info)
        let exporter = try CSVExporter(spec: spec, columns: options.columns)
        if options.header { try write(exporter.headerLine) }
        let pieces = try self.pieces(version: info.version, rows: range)
        let needed = exporter.neededColumns
        let segmentsPath = self.segmentsPath
        try ParallelRunner.run(jobs: pieces.count, threads: options.threads, window: options.threads + 1, makeWorker: { () throws(ParanomError) in
            try SegmentReader(segmentsPath: segmentsPath)
        }, produce: { (reader, index) throws(ParanomError) -> [UInt8] in
            let piece = pieces[index]
            let columns = needed.isEmpty ? [:] : try reader.decode(try reader.load(piece.segment), piece.segment, columns: needed)
            return exporter.format(piece, columns)
        }, consume: { (_, text) throws(ParanomError) in
            try write(text)
        })
    }
}

