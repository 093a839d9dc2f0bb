/// One column of a plot reduced to pixel columns: for each, the first, smallest, largest and
/// last value with their rows (the M4 reduction), so that a line through those points draws
/// exactly what a line through every row would, at a size that does not grow with the rows.
struct PlotSeries: Sendable {
    /// The reduction of the rows of one pixel column. NaN and infinite values are left out and
    /// mark the bin `broken`: the line is lifted after it.
    struct Bin: Sendable {
        var count = 0
        var broken = false
        var firstRow: Int64 = 0, first = 0.0
        var minRow: Int64 = 0, min = 0.0
        var maxRow: Int64 = 0, max = 0.0
        var lastRow: Int64 = 0, last = 0.0

        /// Adds `value` at `row`; rows arrive in increasing order.
        @inline(__always)
        mutating func add(_ row: Int64, _ value: Double) {
            guard value.isFinite else { broken = true; return }
            if count == 0 {
                firstRow = row; first = value; minRow = row; min = value; maxRow = row; max = value
            } else {
                if value < min { min = value; minRow = row }
                if value > max { max = value; maxRow = row }
            }
            lastRow = row; last = value
            count += 1
        }

        /// Adds the reduction of later rows.
        mutating func merge(_ later: Bin) {
            broken = broken || later.broken
            guard later.count > 0 else { return }
            guard count > 0 else {
                let wasBroken = broken
                self = later
                broken = wasBroken
                return
            }
            if later.min < min { min = later.min; minRow = later.minRow }
            if later.max > max { max = later.max; maxRow = later.maxRow }
            lastRow = later.lastRow; last = later.last
            count += later.count
        }

        /// The bin's points in row order, each row once.
        var points: [(row: Int64, value: Double)] {
            guard count > 0 else { return [] }
            var all = [(firstRow, first), (minRow, min), (maxRow, max), (lastRow, last)]
            all.sort { $0.0 < $1.0 }
            var result: [(row: Int64, value: Double)] = []
            for p in all where result.last?.row != p.0 { result.append((p.0, p.1)) }
            return result
        }
    }

    var name: String
    var bins: [Bin]

    /// Which of `binCount` equal pixel columns over `range` row `row` falls in.
    @inline(__always)
    static func bin(of row: Int64, in range: Range<Int64>, binCount: Int) -> Int {
        let b = Int(Double(row - range.lowerBound) * Double(binCount) / Double(range.count))
        return Swift.min(Swift.max(b, 0), binCount - 1)
    }
}
