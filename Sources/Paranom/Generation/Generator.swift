/// The values of one column for a contiguous range of rows.
public enum ColumnValues: Sendable, Equatable {
    /// float64 columns.
    case double([Double])
    /// int64, bool (0/1) and category (code) columns, and the scenario label.
    case integer([Int64])

    public var count: Int {
        switch self {
        case let .double(v): return v.count
        case let .integer(v): return v.count
        }
    }
}

/// Generated rows [start, start + count): one `ColumnValues` per variable, in spec order,
/// and each row's scenario code (0 for normal rows).
public struct RowBlock: Sendable, Equatable {
    public var start: Int64
    public var count: Int
    public var columns: [ColumnValues]
    public var scenario: [Int64]
}

/// Turns (spec, seed, row index) into values.
///
/// `Generator` is immutable and `Sendable`: worker threads share one and call `rows(_:events:)`
/// on disjoint ranges. A value depends only on the spec, the seed, the row, the variable's id
/// and the attempt, never on the range it was generated in.
public struct Generator: Sendable {
    /// Bumped whenever any generated value changes; stored in every dataset.
    public static let algorithmVersion = 1

    public let spec: Spec
    let philox: Philox4x64
    let schedule: AnomalySchedule
    let columns: [CompiledColumn]

    /// The column id of the scenario label in digests and blocks.
    static let scenarioColumn: UInt32 = 0

    struct CompiledColumn: Sendable {
        let variable: Variable
        /// Indexed by scenario code: 0 normal, i the spec's scenario i - 1.
        let sources: [CompiledSource]
        /// 10^round, for rounded float64 variables.
        let scale: Double?
    }

    public init(spec: Spec) {
        self.spec = spec
        philox = Philox4x64(key0: spec.seed, key1: UInt64(Generator.algorithmVersion))
        schedule = AnomalySchedule(spec: spec, philox: philox)
        let scenarioNames = spec.scenarioNames
        columns = spec.variables.map { variable in
            let sources = ([nil] + scenarioNames.map(Optional.some)).map { name in
                CompiledSource(variable.source(forScenario: name), type: variable.type, categories: variable.categories)
            }
            let scale = variable.round.map { exactPowerOfTen($0) }
            return CompiledColumn(variable: variable, sources: sources, scale: scale)
        }
    }

    /// The schedule's events after `last` that start before `rows`.
    public func events(after last: AnomalyEvent?, before rows: Int64) -> [AnomalyEvent] {
        schedule.events(after: last, before: rows)
    }

    /// Generates rows [range) given the events that overlap it and the rows that uniqueness
    /// made draw again (`retries`, sorted by row: every independent value of such a row comes
    /// from its attempt's stream).
    public func rows(_ range: Range<Int64>, events: ArraySlice<AnomalyEvent>, retries: ArraySlice<Retry> = []) -> RowBlock {
        let count = Int(range.count)
        let scenario = scenarioCodes(range, events: events)
        var values = columns.map { column in
            generate(column, range, scenario)
        }
        let inRange = retries.filter { range.contains($0.row) }
        if !inRange.isEmpty {
            for (c, column) in columns.enumerated() {
                let original = values[c]
                values[c] = .integer([])  // so that the array below is uniquely referenced
                switch original {
                case var .double(v):
                    for retry in inRange {
                        let i = Int(retry.row - range.lowerBound)
                        v[i] = Double(bitPattern: value(column, row: retry.row, code: Int(scenario[i]), attempt: retry.attempt))
                    }
                    values[c] = .double(v)
                case var .integer(v):
                    for retry in inRange {
                        let i = Int(retry.row - range.lowerBound)
                        v[i] = Int64(bitPattern: value(column, row: retry.row, code: Int(scenario[i]), attempt: retry.attempt))
                    }
                    values[c] = .integer(v)
                }
            }
        }
        return RowBlock(start: range.lowerBound, count: count, columns: values, scenario: scenario)
    }

    /// Each row's scenario code (0 for normal rows) in [range), from the events overlapping it.
    public func scenarioCodes(_ range: Range<Int64>, events: ArraySlice<AnomalyEvent>) -> [Int64] {
        var scenario = [Int64](repeating: 0, count: Int(range.count))
        for event in events {
            let from = max(event.start, range.lowerBound), to = min(event.end, range.upperBound)
            guard from < to else { continue }
            for row in from..<to { scenario[Int(row - range.lowerBound)] = Int64(event.scenario) }
        }
        return scenario
    }

    /// A row that uniqueness made draw again, and the attempt whose values it keeps.
    public struct Retry: Sendable, Equatable {
        public var row: Int64
        public var attempt: UInt32
    }

    /// One value of a row, as its 64-bit pattern (a float64's bits, or the integer).
    @inline(__always)
    func value(_ column: CompiledColumn, row: Int64, code: Int, attempt: UInt32) -> UInt64 {
        var random = RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: column.variable.id, attempt: attempt), purpose: 0)
        let source = column.sources[code]
        switch column.variable.type {
        case .float64:
            let value = source.double(row, &random)
            return (column.scale.map { roundToDecimals(value, scale: $0) } ?? value).bitPattern
        case .int64, .bool, .category:
            return UInt64(bitPattern: source.integer(row, &random))
        }
    }

    /// The fingerprint of a row's uniqueness key at an attempt: a 64-bit hash of the key's
    /// values (negative zero counts as zero). Equal keys always give equal fingerprints.
    func fingerprint(row: Int64, code: Int, attempt: UInt32, key: [Int]) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        for index in key {
            var bits = value(columns[index], row: row, code: code, attempt: attempt)
            if bits == (-0.0).bitPattern && columns[index].variable.type == .float64 { bits = 0 }
            hash = Digest.mix(hash ^ Digest.mix(bits &+ 0x9E37_79B9_7F4A_7C15))
        }
        return hash
    }

    /// The key's values of a row at an attempt, as text, for error messages.
    func keyText(row: Int64, code: Int, attempt: UInt32, key: [Int]) -> String {
        key.map { index in
            let column = columns[index]
            let bits = value(column, row: row, code: code, attempt: attempt)
            switch column.variable.type {
            case .float64: return Double(bitPattern: bits).description
            case .int64: return String(Int64(bitPattern: bits))
            case .bool: return bits == 0 ? "false" : "true"
            case .category: return column.variable.categories[Int(bits)]
            }
        }.joined(separator: ", ")
    }

    private func generate(_ column: CompiledColumn, _ range: Range<Int64>, _ scenario: [Int64]) -> ColumnValues {
        let stream = RandomStream.streamID(variable: column.variable.id, attempt: 0)
        let start = range.lowerBound
        switch column.variable.type {
        case .float64:
            let scale = column.scale
            let values = [Double](unsafeUninitializedCapacity: scenario.count) { buffer, initialized in
                forEachRun(scenario) { code, run in
                    let source = column.sources[code]
                    for i in run {
                        let row = start + Int64(i)
                        var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: 0)
                        let value = source.double(row, &random)
                        buffer[i] = scale.map { roundToDecimals(value, scale: $0) } ?? value
                    }
                }
                initialized = scenario.count
            }
            return .double(values)
        case .int64, .bool, .category:
            let values = [Int64](unsafeUninitializedCapacity: scenario.count) { buffer, initialized in
                forEachRun(scenario) { code, run in
                    let source = column.sources[code]
                    for i in run {
                        let row = start + Int64(i)
                        var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: 0)
                        buffer[i] = source.integer(row, &random)
                    }
                }
                initialized = scenario.count
            }
            return .integer(values)
        }
    }
}

/// Calls `body` for each maximal run of equal scenario codes.
@inline(__always)
private func forEachRun(_ scenario: [Int64], _ body: (Int, Range<Int>) -> Void) {
    var i = 0
    while i < scenario.count {
        let code = scenario[i]
        var j = i + 1
        while j < scenario.count && scenario[j] == code { j += 1 }
        body(Int(code), i..<j)
        i = j
    }
}

/// 10^k, exact for k in 0...22.
func exactPowerOfTen(_ k: Int) -> Double {
    var value = 1.0
    for _ in 0..<k { value *= 10 }
    return value
}

/// Rounds to the decimals of `scale` (10^k): the result is q / 10^k for the integer q nearest
/// to value · 10^k (ties to even), the value a scaled-integer block stores exactly. Values too
/// large to scale within 2^53 are kept as they are.
@inline(__always)
func roundToDecimals(_ value: Double, scale: Double) -> Double {
    let q = (value * scale).rounded(.toNearestOrEven)
    guard abs(q) < 9_007_199_254_740_992 else { return value }
    return (q + 0.0) / scale
}
