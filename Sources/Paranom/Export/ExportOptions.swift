/// What to export and how: a version, a row range, a column subset, a class of rows, a text
/// format, a layout and how to print the time column.
///
/// The defaults give `paranom export`'s plain CSV of every row of the latest version:
/// `t`, the variables in spec order, `is_anomaly`, `scenario`, with a header line.
///
/// ```swift
/// var options = ExportOptions(rows: 1_000..<2_000, columns: ["t", "valve", "is_anomaly"])
/// options.format = .jsonl
/// options.only = .anomalous
/// try dataset.export(options) { bytes throws(ParanomError) in try SystemCall.writeAll(1, bytes, path: "stdout") }
/// ```
public struct ExportOptions: Sendable {
    /// The text format of the rows.
    public enum Format: String, Sendable, CaseIterable {
        /// RFC 4180: fields separated by `,`, a field holding `,` `"` CR or LF quoted with `"`
        /// (quotes doubled); lines end with LF.
        case csv
        /// Fields separated by a tab; a tab, LF, CR or backslash inside a field is written
        /// `\t` `\n` `\r` `\\`, so every line is one row. Lines end with LF.
        case tsv
        /// JSON Lines: one JSON object per line, keyed by column name. Non-finite floats are
        /// `null`, bool variables `true`/`false`, `is_anomaly` 0 or 1, categories, scenarios and
        /// RFC 3339 times strings. No header.
        case jsonl
    }

    /// Which rows of the range to write.
    public enum RowClass: String, Sendable, CaseIterable {
        case all
        /// Rows inside an anomaly event (scenario code ≠ 0).
        case anomalous
        /// Rows outside every event.
        case normal
    }

    /// How the time column (`t`, or `timestamp` in the TimeEval layout) prints.
    public enum Timestamps: String, Sendable, CaseIterable {
        /// The row number, from 0 across the whole dataset.
        case index
        /// The row's time on the spec's clock, RFC 3339 in UTC (`2026-01-01T00:00:05Z`), with as
        /// many fraction digits (0, 3, 6 or 9) as the clock's start and step need. Needs a clock.
        case rfc3339
    }

    /// Which columns, under which names.
    public enum Layout: String, Sendable, CaseIterable {
        /// `t`, the variables, `is_anomaly`, `scenario`, or the `columns` asked for.
        case standard
        /// The layout TimeEval and GutenTAG read: `timestamp`, the variables, `is_anomaly`.
        /// `columns` chooses the variables (default: every non-category variable, since TimeEval
        /// reads numeric channels only).
        case timeeval
    }

    /// The version to read; nil for the latest.
    public var version: Int?
    /// Rows [lower, upper) of the version; nil for all of them. A range reaching past the
    /// version's end is an error (`invalidArgument`), an empty range gives no rows.
    public var rows: Range<Int64>?
    /// Column names in output order (repeats allowed except in JSON Lines); nil for the layout's
    /// default columns.
    public var columns: [String]?
    /// Whether CSV and TSV start with a line of column names (ignored for JSON Lines).
    public var header: Bool
    /// Worker threads that decode and format; the output order does not depend on it.
    public var threads: Int
    public var format: Format
    public var only: RowClass
    public var timestamps: Timestamps
    public var layout: Layout

    public init(version: Int? = nil, rows: Range<Int64>? = nil, columns: [String]? = nil, header: Bool = true,
                threads: Int = Dataset.defaultThreads, format: Format = .csv, only: RowClass = .all,
                timestamps: Timestamps = .index, layout: Layout = .standard) {
        self.version = version
        self.rows = rows
        self.columns = columns
        self.header = header
        self.threads = threads
        self.format = format
        self.only = only
        self.timestamps = timestamps
        self.layout = layout
    }
}

/// How far an export has got, reported after each piece of text is written.
public struct ExportProgress: Sendable, Equatable {
    /// Rows of the range looked at so far (written or, with `only`, skipped).
    public var rowsDone: Int64
    /// Rows in the range.
    public var rowsTotal: Int64
    /// Bytes handed to the writer so far.
    public var bytesWritten: Int64
}
