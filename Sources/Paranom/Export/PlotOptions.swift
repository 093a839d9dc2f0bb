/// What to plot: a version, a row range, some variables, and the picture's size.
///
/// ```swift
/// let svg = try dataset.plotSVG(PlotOptions(rows: 0..<100_000, columns: ["valve", "pressure"]))
/// ```
public struct PlotOptions: Sendable {
    /// The version to read; nil for the latest.
    public var version: Int?
    /// Rows [lower, upper); nil for all rows of the version. Past the end is `invalidArgument`.
    public var rows: Range<Int64>?
    /// Variables to draw (float64, int64 or bool), in legend order; nil for every such variable.
    public var columns: [String]?
    /// The picture's size in pixels (`width` 300 to 20000, `height` 200 to 10000).
    public var width: Int
    public var height: Int
    /// Worker threads that decode and reduce the rows.
    public var threads: Int

    public static let widthRange = 300...20_000
    public static let heightRange = 200...10_000

    public init(version: Int? = nil, rows: Range<Int64>? = nil, columns: [String]? = nil, width: Int = 1200, height: Int = 480,
                threads: Int = Dataset.defaultThreads) {
        self.version = version
        self.rows = rows
        self.columns = columns
        self.width = width
        self.height = height
        self.threads = threads
    }
}
