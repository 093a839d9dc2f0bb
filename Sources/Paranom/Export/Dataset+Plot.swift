extension Dataset {
    /// An SVG line chart of some variables over a row range: anomaly events shaded and labelled
    /// by scenario, axes with ticks, a legend.
    ///
    /// The rows are reduced in parallel to four points per pixel column (first, smallest,
    /// largest, last; see `PlotSeries`), so the picture's size and the time to draw it do not
    /// grow with the rows beyond reading them once. Every event that overlaps the range has one
    /// shaded rectangle (`class="event"`), at least a pixel wide, clipped to the range.
    ///
    /// Throws `invalidArgument` for a size out of range, an unknown or category column, or rows
    /// past the version's end; `notFound` for a missing version; `corruption` for a damaged
    /// segment.
    public func plotSVG(_ options: PlotOptions) throws(ParanomError) -> String {
        guard PlotOptions.widthRange.contains(options.width), PlotOptions.heightRange.contains(options.height) else {
            throw .invalidArgument("the plot must be \(PlotOptions.widthRange.lowerBound) to \(PlotOptions.widthRange.upperBound) pixels wide and \(PlotOptions.heightRange.lowerBound) to \(PlotOptions.heightRange.upperBound) high, not \(options.width) × \(options.height)")
        }
        let info = try resolve(options.version)
        let range = try checkedRange(options.rows, of: info)
        let variables = try plotVariables(options.columns)
        let chart = SVGChart.Frame(width: options.width, height: options.height)
        let binCount = chart.plotWidth
        var series = variables.map { PlotSeries(name: $0.name, bins: Array(repeating: PlotSeries.Bin(), count: binCount)) }
        if !range.isEmpty {
            try readChunks(version: info.version, rows: range, columns: variables.map(\.id), chunkRows: 65_536, threads: options.threads,
                           produce: { (chunk, decoded) throws(ParanomError) -> (Int, [[PlotSeries.Bin]]) in
                let firstBin = PlotSeries.bin(of: chunk.rows.lowerBound, in: range, binCount: binCount)
                let lastBin = PlotSeries.bin(of: chunk.rows.upperBound - 1, in: range, binCount: binCount)
                let offset = Int(chunk.rows.lowerBound - chunk.segment.start)
                return (firstBin, decoded.map { column in
                    var bins = [PlotSeries.Bin](repeating: PlotSeries.Bin(), count: lastBin - firstBin + 1)
                    func reduce(_ value: (Int) -> Double) {
                        var row = chunk.rows.lowerBound, i = offset
                        while row < chunk.rows.upperBound {
                            bins[PlotSeries.bin(of: row, in: range, binCount: binCount) - firstBin].add(row, value(i))
                            row += 1
                            i += 1
                        }
                    }
                    switch column {
                    case let .doubles(v): reduce { v[$0] }
                    case let .scaled(q, decimals):
                        let scale = exactPowerOfTen(decimals)
                        reduce { Double(q[$0]) / scale }
                    case let .integers(v): reduce { Double(v[$0]) }
                    }
                    return bins
                })
            }, consume: { (partial) throws(ParanomError) in
                let (firstBin, columns) = partial
                for (c, bins) in columns.enumerated() {
                    for (k, bin) in bins.enumerated() { series[c].bins[firstBin + k].merge(bin) }
                }
            })
        }
        let events = try eventIntervals(version: info.version).compactMap { event -> EventInterval? in
            let start = max(event.start, range.lowerBound), end = min(event.end, range.upperBound)
            guard start < end else { return nil }
            var clipped = event
            clipped.start = start
            clipped.end = end
            return clipped
        }
        let title = "\(spec.name): rows \(range.lowerBound) to \(range.upperBound) of version \(info.version)"
        return SVGChart(frame: chart, title: title, rows: range, series: series, events: events, scenarios: spec.scenarioNames).render()
    }

    /// The variables a plot draws: those named, or every non-category one.
    private func plotVariables(_ names: [String]?) throws(ParanomError) -> [Variable] {
        let numeric = spec.variables.filter { $0.type != .category }
        guard let names else {
            guard !numeric.isEmpty else { throw .invalidArgument("the spec \"\(spec.name)\" has no numeric variables to plot") }
            return numeric
        }
        guard !names.isEmpty else { throw .invalidArgument("--columns needs at least one column name") }
        var chosen: [Variable] = []
        for name in names {
            guard let variable = spec.variables.first(where: { $0.name == name }) else {
                throw .invalidArgument("unknown variable \"\(name)\" (variables to plot: \(numeric.map(\.name).joined(separator: ", ")))")
            }
            guard variable.type != .category else {
                throw .invalidArgument("\"\(name)\" is a category variable, which has no numeric values to plot (variables to plot: \(numeric.map(\.name).joined(separator: ", ")))")
            }
            guard !chosen.contains(where: { $0.name == name }) else { throw .invalidArgument("\"\(name)\" is named twice in --columns") }
            chosen.append(variable)
        }
        return chosen
    }
}
