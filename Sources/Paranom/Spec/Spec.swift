/// A validated dataset spec: what every row of a dataset is made of.
///
/// A spec is read from JSON by `Spec(json:)` (see `SpecReader` for the rules), is stored
/// canonically in the dataset's manifest, and never changes for the life of a dataset.
/// Rows are a pure function of (spec, seed, row index).
public struct Spec: Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    /// Rows per segment file (the last segment of a grow may be shorter).
    public var segmentRows: Int
    /// The zstd level for column blocks.
    public var compressionLevel: Int
    public var clock: Clock?
    public var anomalies: Anomalies?
    public var variables: [Variable]
    /// Hard or soft uniqueness of each row's key, per class; nil for none.
    public var uniqueness: Uniqueness?

    public static let defaultSegmentRows = 262_144
    public static let defaultCompressionLevel = 3

    /// The spec's scenario names, in declared order; a row's scenario code is its index + 1.
    public var scenarioNames: [String] { anomalies?.scenarios.map(\.name) ?? [] }
}

/// Which rows must have distinct keys, and what happens when a row's key repeats.
///
/// Rows are resolved in row order: row r is unique against the rows before it only. A row
/// whose key was seen before (among rows of its class, or of the whole dataset with scope
/// `dataset`) is generated again with the next attempt number, up to `tries` times; then
/// `hard` fails the grow and `soft` keeps the last attempt and counts it as a duplicate.
public struct Uniqueness: Sendable, Equatable {
    /// The key's variables, by name, in the order given.
    public var key: [String]
    public var scope: Scope
    public var normal: Rule
    public var anomalous: Rule

    public enum Scope: String, Sendable, Equatable { case `class`, dataset }
    public enum Mode: String, Sendable, Equatable { case none, soft, hard }

    public struct Rule: Sendable, Equatable {
        public var mode: Mode
        /// Attempts per row, at least 1.
        public var tries: Int
        public static let none = Rule(mode: .none, tries: 1)
    }

    /// The rule for a row's class.
    public func rule(anomalous isAnomalous: Bool) -> Rule { isAnomalous ? anomalous : normal }
}

/// How row indexes map to wall-clock time, for export.
public struct Clock: Sendable, Equatable {
    /// The first row's time, as written in the spec (RFC 3339).
    public var start: String
    /// Nanoseconds since the Unix epoch of the first row.
    public var startNanoseconds: Int64
    /// The step as written (`1s`, `250ms`).
    public var step: String
    public var stepNanoseconds: Int64
}

/// The anomaly schedule: continuous events separated by gaps of normal rows.
public struct Anomalies: Sendable, Equatable {
    /// Normal rows at the start of the dataset before the first gap begins.
    public var warmup: Int64
    public var gap: Gap
    /// Event lengths, inclusive bounds.
    public var duration: ClosedRange<Int64>
    public var scenarios: [Scenario]

    public enum Gap: Sendable, Equatable {
        /// Normal rows before each event, uniform in the inclusive range.
        case integer(ClosedRange<Int64>)
        /// Each row after an event starts the next event with probability p (0 gives no events).
        case geometric(Double)
    }

    public struct Scenario: Sendable, Equatable {
        public var name: String
        public var weight: Double
    }
}

/// The stored type of a variable's column.
public enum VariableType: String, Sendable, Equatable, CaseIterable {
    case float64, int64, bool, category
}

/// A variable: one column, with its value sources for normal and anomalous rows.
public struct Variable: Sendable, Equatable {
    /// A stable number from the spec (defaults to the 1-based declaration order at `init`,
    /// then kept in the stored spec); it keys the variable's random stream.
    public var id: UInt32
    public var name: String
    public var type: VariableType
    /// Decimals to round float64 values to; nil keeps full precision.
    public var round: Int?
    public var normal: Source
    /// The source for anomalous rows; nil keeps the normal source.
    public var anomalous: Source?
    /// Per-scenario sources, overriding `anomalous`, in declared order.
    public var scenarios: [(name: String, source: Source)]
    /// For category variables, the closed set of values in order of first appearance; a
    /// stored code is an index into it.
    public var categories: [String]

    public static func == (a: Variable, b: Variable) -> Bool {
        a.id == b.id && a.name == b.name && a.type == b.type && a.round == b.round && a.normal == b.normal
            && a.anomalous == b.anomalous && a.categories == b.categories
            && a.scenarios.map(\.name) == b.scenarios.map(\.name) && a.scenarios.map(\.source) == b.scenarios.map(\.source)
    }

    /// The source that gives this variable's value in a row of the given scenario (nil: normal).
    public func source(forScenario scenario: String?) -> Source {
        guard let scenario else { return normal }
        return scenarios.first { $0.name == scenario }?.source ?? anomalous ?? normal
    }
}

/// A literal value in a spec (`constant`, `choice`).
public enum Literal: Sendable, Equatable {
    case number(Double)
    case integer(Int64)
    case bool(Bool)
    case string(String)
}

/// Where a variable's value comes from.
public indirect enum Source: Sendable, Equatable {
    /// Uniform in [a, b].
    case uniform(Double, Double)
    /// Uniform integer in [a, b], inclusive.
    case integer(Int64, Int64)
    /// Normal(mean, std), truncated exactly to [min, max] (infinite when absent).
    case normal(mean: Double, std: Double, min: Double, max: Double)
    /// One of `values`, with probability proportional to `weights` (equal when absent).
    case choice(values: [Literal], weights: [Double]?)
    case constant(Literal)
    /// offset + amplitude · sin(2π · t / period + phase), with `t` the row index.
    case sine(period: Double, amplitude: Double, offset: Double, phase: Double)
    /// `base` plus an independent `noise` draw in the same row (a noise with noise of its own adds
    /// left to right: (base + noise) + its noise).
    case noisy(base: Source, noise: Source)
    /// A bounded random walk, sequential: row 0 is `start`, each later row adds a `step` draw to
    /// the previous row's value, reflecting off `min` and `max` (infinite when absent).
    case walk(start: Double, step: Source, min: Double, max: Double)
    /// A first-order autoregressive process, sequential: x(r) = mean + phi · (x(r − 1) − mean) +
    /// noise(r), with x(−1) = mean and |phi| < 1.
    case ar1(phi: Double, mean: Double, noise: Source)
    /// The values of a column of a CSV file, in order, cycling past the series' end.
    case replay(ReplaySource)
    /// A Swift callback registered under this name by the running program (`RowCallback`,
    /// `SequentialCallback`).
    case callback(String)
    /// A change to the value the variable's normal source gives at the row; only in anomalous
    /// and per-scenario sources.
    case transform(Transform)
}

extension Source {
    /// Whether the value depends on the previous row's (walk, ar1). Callbacks are sequential or
    /// not depending on the registered type, so they are not counted here.
    public var isSequential: Bool {
        switch self {
        case .walk, .ar1: return true
        case let .noisy(base, _): return base.isSequential
        default: return false
        }
    }

    /// The callback's name, when this source is one.
    public var callbackName: String? {
        if case let .callback(name) = self { return name }
        return nil
    }

    /// This source with every replay source passed through `change`.
    func mappingReplays(_ change: (ReplaySource) -> ReplaySource) -> Source {
        switch self {
        case let .replay(replay): return .replay(change(replay))
        case let .noisy(base, noise): return .noisy(base: base.mappingReplays(change), noise: noise.mappingReplays(change))
        case let .walk(start, step, low, high): return .walk(start: start, step: step.mappingReplays(change), min: low, max: high)
        case let .ar1(phi, mean, noise): return .ar1(phi: phi, mean: mean, noise: noise.mappingReplays(change))
        case var .transform(transform):
            transform.parameter = transform.parameter?.mappingReplays(change)
            return .transform(transform)
        default: return self
        }
    }
}
