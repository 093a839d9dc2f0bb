/// Formats rows of a decoded segment as lines of CSV, TSV or JSON Lines, into caller-provided
/// memory, without allocating per row or per value.
///
/// Floats print as the shortest text that reads back to the same double (`DecimalFormatter`);
/// strings were quoted or escaped for the format once, when the schema was built. Thread-safe:
/// a value with no mutable state, shared by the export's workers.
struct RowFormatter: Sendable {
    let schema: ExportSchema
    /// The stored columns `format` expects, in this order.
    let storedColumns: [UInt32]
    /// The most bytes one line takes.
    let lineMax: Int
    /// Bytes before each field in JSON Lines: `{"name":` for the first, `,"name":` after.
    private let prefixes: TextTable

    init(schema: ExportSchema) {
        self.schema = schema
        storedColumns = schema.storedColumns
        var prefixes: [[UInt8]] = []
        for (i, column) in schema.columns.enumerated() {
            prefixes.append(Array(((i == 0 ? "{" : ",") + JSONValue.quoted(column.name) + ":").utf8))
        }
        self.prefixes = TextTable(prefixes)
        let json = schema.format == .jsonl
        var line = json ? 2 : 1  // "}\n" or "\n"
        for (i, column) in schema.columns.enumerated() {
            line += json ? prefixes[i].count : 1
            switch column.kind {
            case .index, .integer: line += 20
            case .time: line += TimestampFormatter.maxLength + 2
            case .double: line += DecimalFormatter.maxDoubleLength
            case .bool: line += 5
            case .isAnomaly: line += 1
            case let .category(_, base, count), let .scenario(base, count):
                line += (base..<(base + count)).map { schema.strings.starts[$0 + 1] - schema.strings.starts[$0] }.max() ?? 0
            }
        }
        lineMax = line
    }

    /// The header line, or nil when the format has none.
    var headerLine: [UInt8]? { schema.headerLine }

    /// Formats rows `rows` (row numbers of the dataset) of a segment that starts at row
    /// `segmentStart` and whose stored columns are `decoded`, in `storedColumns` order, into
    /// `out`, which must hold `rows.count × lineMax` bytes. Rows that `schema.only` leaves out are
    /// skipped. Returns the bytes written, or nil when a stored code has no string (a category or
    /// scenario code past its table: the segment is corrupt) or a column is of the wrong kind.
    func format(rows: Range<Int64>, segmentStart: Int64, decoded: [DecodedColumn], into out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard !rows.isEmpty else { return 0 }
        var cursors: [Cursor] = []
        var scenarioColumn = -1
        for column in schema.columns {
            var cursor = Cursor(kind: .index)
            switch column.kind {
            case .index: break
            case .time: cursor.kind = .time
            case let .double(id):
                let k = storedColumns.firstIndex(of: id)!
                switch decoded[k] {
                case .doubles: cursor.kind = .double
                case let .scaled(_, decimals): cursor.kind = .scaled; cursor.decimals = decimals
                case .integers: return nil
                }
                cursor.column = k
            case let .integer(id), let .bool(id), let .category(id, _, _):
                let k = storedColumns.firstIndex(of: id)!
                guard case .integers = decoded[k] else { return nil }
                cursor.column = k
                if case let .category(_, base, count) = column.kind {
                    cursor.kind = .string; cursor.base = base; cursor.count = count
                } else {
                    cursor.kind = column.kind == .integer(id: id) ? .integer : .bool
                }
            case .isAnomaly, .scenario:
                let k = storedColumns.firstIndex(of: Generator.scenarioColumn)!
                guard case .integers = decoded[k] else { return nil }
                cursor.column = k
                if case let .scenario(base, count) = column.kind {
                    cursor.kind = .string; cursor.base = base; cursor.count = count
                } else {
                    cursor.kind = .isAnomaly
                }
            }
            cursors.append(cursor)
        }
        if schema.only != .all {
            scenarioColumn = storedColumns.firstIndex(of: Generator.scenarioColumn)!
            guard case .integers = decoded[scenarioColumn] else { return nil }
        }
        return RowFormatter.withPointers(decoded[...], into: []) { pointers in
            for i in cursors.indices where cursors[i].column >= 0 { cursors[i].values = pointers[cursors[i].column] }
            let scenario = scenarioColumn >= 0 ? pointers[scenarioColumn].assumingMemoryBound(to: Int64.self) : nil
            return schema.strings.bytes.withUnsafeBufferPointer { strings in
                schema.strings.starts.withUnsafeBufferPointer { starts in
                    prefixes.bytes.withUnsafeBufferPointer { prefixBytes in
                        prefixes.starts.withUnsafeBufferPointer { prefixStarts in
                            cursors.withUnsafeBufferPointer { cursors in
                                let context = Context(strings: strings.baseAddress, starts: starts.baseAddress!,
                                                      prefixBytes: prefixBytes.baseAddress!, prefixStarts: prefixStarts.baseAddress!,
                                                      scenario: scenario)
                                return write(rows: rows, segmentStart: segmentStart, cursors: cursors, context: context, into: out)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One output column, resolved to raw memory for the row loop.
    private struct Cursor {
        enum Kind: UInt8 { case index, time, double, scaled, integer, bool, string, isAnomaly }
        var kind: Kind
        /// The index of the decoded column in `storedColumns`, or -1.
        var column = -1
        /// The decoded values: Double for `.double`, Int64 otherwise.
        var values: UnsafeRawPointer?
        var decimals = 0
        var base = 0
        var count = 0
    }

    private struct Context {
        var strings: UnsafePointer<UInt8>?
        var starts: UnsafePointer<Int>
        var prefixBytes: UnsafePointer<UInt8>
        var prefixStarts: UnsafePointer<Int>
        var scenario: UnsafePointer<Int64>?
    }

    private func write(rows: Range<Int64>, segmentStart: Int64, cursors: UnsafeBufferPointer<Cursor>, context: Context,
                       into out: UnsafeMutablePointer<UInt8>) -> Int? {
        let json = schema.format == .jsonl
        let separator: UInt8 = schema.format == .tsv ? 9 : 44
        let only = schema.only
        let clock = schema.clock
        var p = out
        var row = rows.lowerBound
        let end = rows.upperBound
        while row < end {
            let i = Int(truncatingIfNeeded: row &- segmentStart)
            if let scenario = context.scenario, (scenario[i] != 0) != (only == .anomalous) {
                row &+= 1
                continue
            }
            for f in 0..<cursors.count {
                let cursor = cursors[f]
                if json {
                    let from = context.prefixStarts[f], count = context.prefixStarts[f &+ 1] &- from
                    p.update(from: context.prefixBytes + from, count: count)
                    p += count
                } else if f > 0 {
                    p[0] = separator
                    p += 1
                }
                switch cursor.kind {
                case .index:
                    p += DecimalFormatter.writeInteger(row, to: p)
                case .time:
                    if json { p[0] = 34; p += 1 }
                    p += clock!.write(row, to: p)
                    if json { p[0] = 34; p += 1 }
                case .double:
                    let v = cursor.values.unsafelyUnwrapped.assumingMemoryBound(to: Double.self)[i]
                    if json && !v.isFinite {
                        p[0] = 110; p[1] = 117; p[2] = 108; p[3] = 108  // null
                        p += 4
                    } else {
                        p += DecimalFormatter.writeShortest(v, to: p)
                    }
                case .scaled:
                    p += DecimalFormatter.writeScaled(cursor.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[i],
                                                      decimals: cursor.decimals, to: p)
                case .integer:
                    p += DecimalFormatter.writeInteger(cursor.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[i], to: p)
                case .bool:
                    let on = cursor.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[i] != 0
                    if json {
                        if on {
                            p[0] = 116; p[1] = 114; p[2] = 117; p[3] = 101  // true
                            p += 4
                        } else {
                            p[0] = 102; p[1] = 97; p[2] = 108; p[3] = 115; p[4] = 101  // false
                            p += 5
                        }
                    } else {
                        p[0] = on ? 49 : 48
                        p += 1
                    }
                case .isAnomaly:
                    p[0] = cursor.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[i] != 0 ? 49 : 48
                    p += 1
                case .string:
                    let code = cursor.values.unsafelyUnwrapped.assumingMemoryBound(to: Int64.self)[i]
                    guard code >= 0 && code < cursor.count else { return nil }
                    let k = cursor.base &+ Int(truncatingIfNeeded: code)
                    let from = context.starts[k], count = context.starts[k &+ 1] &- from
                    if count > 0 { p.update(from: context.strings.unsafelyUnwrapped + from, count: count) }
                    p += count
                }
            }
            if json { p[0] = 125; p += 1 }
            p[0] = 10
            p += 1
            row &+= 1
        }
        return p - out
    }

    /// Calls `body` with the base address of each decoded column's values, in order.
    private static func withPointers<R>(_ columns: ArraySlice<DecodedColumn>, into pointers: [UnsafeRawPointer],
                                        _ body: ([UnsafeRawPointer]) -> R) -> R {
        guard let first = columns.first else { return body(pointers) }
        let rest = columns.dropFirst()
        switch first {
        case let .doubles(v):
            return v.withUnsafeBufferPointer { withPointers(rest, into: pointers + [address($0)], body) }
        case let .scaled(v, _), let .integers(v):
            return v.withUnsafeBufferPointer { withPointers(rest, into: pointers + [address($0)], body) }
        }
    }

    private static func address<T>(_ buffer: UnsafeBufferPointer<T>) -> UnsafeRawPointer {
        buffer.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(bitPattern: MemoryLayout<T>.alignment)!
    }
}
