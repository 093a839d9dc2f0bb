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

/// What a generator needs beyond the spec: the callbacks the program registers and the
/// replayed series, loaded from the files the spec names.
public struct GeneratorInputs: Sendable {
    public var callbacks: CallbackRegistry
    /// Each replay source's values (its `rows` already applied).
    public var replay: [ReplaySource: [Double]]
    /// Why replay series are missing (a file gone or changed), reported by `requireInputs()`.
    public var replayErrors: [ParanomError]

    public init(callbacks: CallbackRegistry = .empty, replay: [ReplaySource: [Double]] = [:], replayErrors: [ParanomError] = []) {
        self.callbacks = callbacks
        self.replay = replay
        self.replayErrors = replayErrors
    }
}

/// Turns (spec, seed, row index) into values.
///
/// `Generator` is immutable and `Sendable`: worker threads share one and call `rows(_:events:)`
/// on disjoint ranges. A value depends only on the spec, the seed, the row, the variable's id
/// and the attempt, never on the range it was generated in; a sequential variable's value
/// also depends on its state at the range's start (`sequentialStates(at:)`, or the states a
/// grow's plan computes in order).
///
/// A spec that names callbacks or replay files needs them in `inputs`; until they are all
/// there, `requireInputs()` throws and generating traps.
public struct Generator: Sendable {
    /// Bumped whenever any generated value changes; stored in every dataset.
    public static let algorithmVersion = 1

    public let spec: Spec
    let philox: Philox4x64
    let schedule: AnomalySchedule
    let columns: [CompiledColumn]
    /// The positions in `columns` of the sequential variables, in spec order.
    let sequential: [Int]
    /// What the spec needs that the inputs lack, or a spec rule only the callbacks decide.
    let missingInputs: [ParanomError]
    let environment: CallbackEnvironment

    /// The column id of the scenario label in digests and blocks.
    static let scenarioColumn: UInt32 = 0

    struct CompiledColumn: Sendable {
        let variable: Variable
        let role: Role
        /// Indexed by scenario code (0 normal, i the spec's scenario i − 1): the stateless source
        /// of the row's value. Where the code has a transform, the normal source it starts from;
        /// in a sequential column, the source that replaces the normal value where `replaces`.
        let sources: [CompiledSource]
        /// Indexed by scenario code: the transform of the normal value, or nil.
        let transforms: [CompiledTransform?]
        /// Indexed by scenario code, for sequential columns: whether `sources` gives the value.
        let replaces: [Bool]
        /// 10^round, for rounded float64 variables.
        let scale: Double?
    }

    enum Role: Sendable {
        /// A function of (seed, row, variable, attempt).
        case stateless
        /// Walks, AR(1) and sequential callbacks: also of the previous row's state.
        case sequential(SequentialProcess)
        /// A row callback, which also reads the variables declared before it.
        case callback(any RowCallback, CallbackSchema)
    }

    /// A generator for a spec that names no callbacks and no replay files.
    public init(spec: Spec) {
        self.init(spec: spec, inputs: GeneratorInputs())
    }

    public init(spec: Spec, inputs: GeneratorInputs) {
        self.spec = spec
        let philox = Philox4x64(key0: spec.seed, key1: UInt64(Generator.algorithmVersion))
        let environment = CallbackEnvironment(philox: philox, clock: spec.clock, scenarioNames: spec.scenarioNames)
        self.philox = philox
        self.environment = environment
        schedule = AnomalySchedule(spec: spec, philox: philox)
        let scenarioNames: [String?] = [nil] + spec.scenarioNames
        var missing = inputs.replayErrors
        var columns: [CompiledColumn] = []
        var sequential: [Int] = []
        for (index, variable) in spec.variables.enumerated() {
            func compile(_ source: Source) -> CompiledSource {
                CompiledSource(source, type: variable.type, categories: variable.categories, replay: inputs.replay)
            }
            let perCode = scenarioNames.map { variable.source(forScenario: $0) }
            let transforms: [CompiledTransform?] = perCode.map { source in
                guard case let .transform(transform) = source else { return nil }
                return CompiledTransform(transform, replay: inputs.replay)
            }
            let normal = compile(variable.normal)
            let sources = perCode.indices.map { code in transforms[code] == nil ? compile(perCode[code]) : normal }
            let replaces = perCode.indices.map { code in transforms[code] == nil && perCode[code] != variable.normal }
            var role = Role.stateless
            func process(_ kind: SequentialProcess.Kind, noise: Source?) -> Role {
                .sequential(SequentialProcess(kind: kind, variable: variable.id, observationNoise: noise.map(compile),
                                              tracksHold: transforms.contains { $0?.kind == .hold }, philox: philox,
                                              environment: environment))
            }
            var base = variable.normal, noise: Source?
            if case let .noisy(inner, extra) = base { (base, noise) = (inner, extra) }
            switch base {
            case let .walk(start, step, low, high):
                role = process(.walk(start: start, step: compile(step), min: low, max: high), noise: noise)
            case let .ar1(phi, mean, innovation):
                role = process(.ar1(phi: phi, mean: mean, noise: compile(innovation)), noise: noise)
            case let .callback(name):
                if let callback = inputs.callbacks.rowCallbacks[name] {
                    role = .callback(callback, CallbackSchema(spec.variables[..<index]))
                } else if let callback = inputs.callbacks.sequentialCallbacks[name] {
                    role = process(.callback(callback, CallbackSchema([])), noise: nil)
                } else {
                    let registered = inputs.callbacks.names.isEmpty ? "none" : inputs.callbacks.names.joined(separator: ", ")
                    missing.append(.notFound("the variable \"\(variable.name)\" uses the callback \"\(name)\", which this program does not register (it registers: \(registered)); use the program that defines it, one that embeds the command line with ParanomCLI.main(callbacks:)"))
                }
            default:
                break
            }
            if case .sequential = role { sequential.append(index) }
            columns.append(CompiledColumn(variable: variable, role: role, sources: sources, transforms: transforms,
                                          replaces: replaces, scale: variable.round.map { exactPowerOfTen($0) }))
        }
        self.columns = columns
        self.sequential = sequential
        if inputs.replayErrors.isEmpty, let absent = spec.replayUses.first(where: { inputs.replay[$0.source] == nil }) {
            missing.append(.notFound("\(absent.path): the replay series \(absent.source.file), column \(absent.source.column), is not loaded (open the dataset with Dataset.open, or pass it in GeneratorInputs.replay)"))
        }
        missing += Generator.keyErrors(spec, columns)
        missingInputs = missing
    }

    /// A key may hold a row callback only if no sequential variable comes before it (the
    /// callback would see that variable's value), and never a sequential callback.
    private static func keyErrors(_ spec: Spec, _ columns: [CompiledColumn]) -> [ParanomError] {
        guard let key = spec.uniqueness?.key else { return [] }
        let firstSequential = columns.firstIndex { if case .sequential = $0.role { return true } else { return false } }
        var errors: [ParanomError] = []
        for (position, name) in key.enumerated() {
            guard let index = columns.firstIndex(where: { $0.variable.name == name }) else { continue }
            let path = "uniqueness.key[\(position)]"
            switch columns[index].role {
            case .sequential:
                errors.append(.invalidSpec(path: path, message: "\"\(name)\" is a sequential callback, which cannot be part of a uniqueness key (its value depends on the rows before it, not on the attempt)"))
            case .callback:
                if let firstSequential, firstSequential < index {
                    errors.append(.invalidSpec(path: path, message: "\"\(name)\" is a callback declared after the sequential variable \"\(columns[firstSequential].variable.name)\", whose value it sees, so it cannot be part of a uniqueness key"))
                }
            case .stateless:
                break
            }
        }
        return errors
    }

    /// Throws the first thing the spec needs that this generator lacks: a callback the program
    /// does not register (`notFound`), a replay file that is missing or changed (`corruption`),
    /// a callback in the uniqueness key that may not be there (`invalidSpec`).
    public func requireInputs() throws(ParanomError) {
        if let first = missingInputs.first { throw first }
    }

    /// The schedule's events after `last` that start before `rows`.
    public func events(after last: AnomalyEvent?, before rows: Int64) -> [AnomalyEvent] {
        schedule.events(after: last, before: rows)
    }

    /// The number of sequential variables, whose states `rows` takes.
    public var sequentialCount: Int { sequential.count }

    /// The ids of the sequential variables, in spec order.
    public var sequentialVariableIDs: [UInt32] { sequential.map { columns[$0].variable.id } }

    /// Generates rows [range) given the events that overlap it, the rows that uniqueness made
    /// draw again (`retries`, sorted by row: every independent value of such a row comes from
    /// its attempt's stream) and the sequential variables' states at the range's start (one
    /// per sequential variable, in spec order; nil computes them from row 0, which is slow far
    /// from it).
    public func rows(_ range: Range<Int64>, events: ArraySlice<AnomalyEvent>, retries: ArraySlice<Retry> = [],
                     sequential states: [SequentialState]? = nil) -> RowBlock {
        precondition(missingInputs.isEmpty, "Generator.rows: \(missingInputs.first!) (call requireInputs() first)")
        let count = Int(range.count)
        let scenario = scenarioCodes(range, events: events)
        var starts = states ?? []
        if states == nil && !sequential.isEmpty {
            do { starts = try sequentialStates(at: range.lowerBound) } catch { preconditionFailure("\(error)") }
        }
        precondition(starts.count == sequential.count, "Generator.rows: \(starts.count) sequential states for \(sequential.count) variables")
        var values: [ColumnValues] = []
        values.reserveCapacity(columns.count)
        var nextState = 0
        for column in columns {
            switch column.role {
            case .stateless:
                values.append(generate(column, range, scenario, events))
            case let .sequential(process):
                values.append(generateSequential(column, process, starts[nextState], range, scenario, events))
                nextState += 1
            case let .callback(callback, schema):
                values.append(generateCallback(column, callback, schema, range, scenario, events, earlier: values))
            }
        }
        let inRange = retries.filter { range.contains($0.row) }
        if !inRange.isEmpty {
            for (c, column) in columns.enumerated() {
                if case .sequential = column.role { continue }
                let original = values[c]
                values[c] = .integer([])  // so that the array below is uniquely referenced
                func retried(_ retry: Retry) -> UInt64 {
                    let i = Int(retry.row - range.lowerBound)
                    let code = Int(scenario[i])
                    let event = code == 0 ? nil : events.event(containing: retry.row)
                    guard case let .callback(callback, schema) = column.role else {
                        return value(column, row: retry.row, code: code, event: event, attempt: retry.attempt)
                    }
                    let earlier = values[..<c].map { $0.bits(at: i) }
                    return callbackValue(column, callback, schema, row: retry.row, code: code, event: event,
                                         attempt: retry.attempt, earlier: earlier)
                }
                switch original {
                case var .double(v):
                    for retry in inRange { v[Int(retry.row - range.lowerBound)] = Double(bitPattern: retried(retry)) }
                    values[c] = .double(v)
                case var .integer(v):
                    for retry in inRange { v[Int(retry.row - range.lowerBound)] = Int64(bitPattern: retried(retry)) }
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

    /// One value of a stateless column in a row, as its 64-bit pattern (a float64's bits, or
    /// the integer); `event` is the event holding the row, when it is anomalous.
    @inline(__always)
    func value(_ column: CompiledColumn, row: Int64, code: Int, event: AnomalyEvent?, attempt: UInt32) -> UInt64 {
        var random = RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: column.variable.id, attempt: attempt),
                                  purpose: RandomStream.Purpose.value)
        let source = column.sources[code]
        let transform = event == nil ? nil : column.transforms[code]
        switch column.variable.type {
        case .float64:
            var value = source.double(row, &random)
            if let transform, let event {
                let held = transform.kind == .hold ? heldValue(column, event) : 0
                value = transform.apply(value, row: row, event: event, stream: &random, eventStream: eventStream(column, event), held: held)
            }
            return (column.scale.map { roundToDecimals(value, scale: $0) } ?? value).bitPattern
        case .int64, .bool, .category:
            if transform != nil, let event { return UInt64(bitPattern: heldInteger(column, event)) }  // only hold applies
            return UInt64(bitPattern: source.integer(row, &random))
        }
    }

    /// The normal value of a stateless float64 column at an event's first row, at attempt 0.
    private func heldValue(_ column: CompiledColumn, _ event: AnomalyEvent) -> Double {
        var random = RandomStream(philox, row: UInt64(event.start), stream: RandomStream.streamID(variable: column.variable.id, attempt: 0),
                                  purpose: RandomStream.Purpose.value)
        return column.sources[0].double(event.start, &random)
    }

    private func heldInteger(_ column: CompiledColumn, _ event: AnomalyEvent) -> Int64 {
        var random = RandomStream(philox, row: UInt64(event.start), stream: RandomStream.streamID(variable: column.variable.id, attempt: 0),
                                  purpose: RandomStream.Purpose.value)
        return column.sources[0].integer(event.start, &random)
    }

    /// The stream of the draws a variable makes once per event.
    @inline(__always)
    private func eventStream(_ column: CompiledColumn, _ event: AnomalyEvent) -> RandomStream {
        RandomStream(philox, row: UInt64(event.index), stream: RandomStream.streamID(variable: column.variable.id, attempt: 0),
                     purpose: RandomStream.Purpose.event)
    }

    /// A row callback's value in a row, as its column stores it; `earlier` holds the earlier
    /// variables' values in the row.
    private func callbackValue(_ column: CompiledColumn, _ callback: any RowCallback, _ schema: CallbackSchema, row: Int64,
                               code: Int, event: AnomalyEvent?, attempt: UInt32, earlier: [UInt64]) -> UInt64 {
        var context = CallbackContext(schema: schema, random: RandomStream(philox, row: 0, stream: 0, purpose: 0))
        context.earlier = earlier
        return callbackValue(column, callback, &context, row: row, code: code, event: event, attempt: attempt)
    }

    @inline(__always)
    private func callbackValue(_ column: CompiledColumn, _ callback: any RowCallback, _ context: inout CallbackContext, row: Int64,
                               code: Int, event: AnomalyEvent?, attempt: UInt32) -> UInt64 {
        let variable = column.variable.id
        let random = RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: variable, attempt: attempt),
                                  purpose: RandomStream.Purpose.value)
        environment.prepare(&context, variable: variable, row: row, code: code, event: event, random: random)
        return stored(column, code == 0 ? callback.normal(&context) : callback.anomalous(&context))
    }

    /// A callback's number as its column stores it: rounded for float64; for int64 truncated
    /// toward zero and saturated (NaN gives 0).
    @inline(__always)
    private func stored(_ column: CompiledColumn, _ value: Double) -> UInt64 {
        switch column.variable.type {
        case .float64: return (column.scale.map { roundToDecimals(value, scale: $0) } ?? value).bitPattern
        default: return UInt64(bitPattern: saturatingInt64(value))
        }
    }

    /// Every value of a row up to column `last`, for keys with a row callback (which reads the
    /// values before it). No sequential variable comes before such a key's columns.
    private func rowValues(row: Int64, code: Int, event: AnomalyEvent?, attempt: UInt32, through last: Int) -> [UInt64] {
        var bits: [UInt64] = []
        for column in columns[...last] {
            switch column.role {
            case .stateless:
                bits.append(value(column, row: row, code: code, event: event, attempt: attempt))
            case .sequential:
                preconditionFailure("a key's callback comes after a sequential variable (the spec check forbids it)")
            case let .callback(callback, schema):
                bits.append(callbackValue(column, callback, schema, row: row, code: code, event: event, attempt: attempt, earlier: bits))
            }
        }
        return bits
    }

    /// The key's values of a row at an attempt, as 64-bit patterns.
    private func keyValues(row: Int64, code: Int, event: AnomalyEvent?, attempt: UInt32, key: [Int]) -> [UInt64] {
        guard let last = key.max(), key.contains(where: { if case .callback = columns[$0].role { return true } else { return false } }) else {
            return key.map { value(columns[$0], row: row, code: code, event: event, attempt: attempt) }
        }
        let all = rowValues(row: row, code: code, event: event, attempt: attempt, through: last)
        return key.map { all[$0] }
    }

    /// The fingerprint of a row's uniqueness key at an attempt: a 64-bit hash of the key's
    /// values (negative zero counts as zero). Equal keys always give equal fingerprints.
    func fingerprint(row: Int64, code: Int, event: AnomalyEvent?, attempt: UInt32, key: [Int]) -> UInt64 {
        fingerprint(keyValues(row: row, code: code, event: event, attempt: attempt, key: key), key: key)
    }

    /// The fingerprint of key values given as 64-bit patterns, one per column in `key`.
    private func fingerprint(_ values: [UInt64], key: [Int]) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        for (index, value) in zip(key, values) {
            var bits = value
            if bits == (-0.0).bitPattern && columns[index].variable.type == .float64 { bits = 0 }
            hash = Digest.mix(hash ^ Digest.mix(bits &+ 0x9E37_79B9_7F4A_7C15))
        }
        return hash
    }

    /// Every row's key fingerprint in generated rows: the fingerprints a grow's plan accepted
    /// for them, since the rows hold the values of each row's accepted attempt.
    func fingerprints(of block: RowBlock, key: [Int]) -> [UInt64] {
        fingerprints(keyColumns: key.map { block.columns[$0] }, key: key)
    }

    /// Every row's key fingerprint at attempt 0 in `range` (whose scenario codes are `codes`;
    /// `events` holds those that overlap it): a uniqueness check's candidates. Generated a
    /// column at a time as `rows` does, or a row at a time when a key column is not stateless
    /// (a callback that reads the values before it).
    func candidateFingerprints(_ range: Range<Int64>, codes: [Int64], events: ArraySlice<AnomalyEvent>, key: [Int]) -> [UInt64] {
        if key.allSatisfy({ if case .stateless = columns[$0].role { return true } else { return false } }) {
            return fingerprints(keyColumns: key.map { generate(columns[$0], range, codes, events) }, key: key)
        }
        return codes.enumerated().map { i, code in
            let row = range.lowerBound + Int64(i)
            return fingerprint(row: row, code: Int(code), event: code == 0 ? nil : events.event(containing: row), attempt: 0, key: key)
        }
    }

    /// The fingerprints of rows whose key values are `keyColumns`, one per column of `key`.
    private func fingerprints(keyColumns: [ColumnValues], key: [Int]) -> [UInt64] {
        var values = [UInt64](repeating: 0, count: key.count)
        return (0..<(keyColumns.first?.count ?? 0)).map { i in
            for j in keyColumns.indices { values[j] = keyColumns[j].bits(at: i) }
            return fingerprint(values, key: key)
        }
    }

    /// The column indexes of a uniqueness key's variables.
    func keyColumns(_ uniqueness: Uniqueness) -> [Int] {
        uniqueness.key.compactMap { name in spec.variables.firstIndex { $0.name == name } }
    }

    /// The key's values of a row at an attempt, as text, for error messages.
    func keyText(row: Int64, code: Int, event: AnomalyEvent?, attempt: UInt32, key: [Int]) -> String {
        zip(key, keyValues(row: row, code: code, event: event, attempt: attempt, key: key)).map { index, bits in
            let column = columns[index]
            switch column.variable.type {
            case .float64: return Double(bitPattern: bits).description
            case .int64: return String(Int64(bitPattern: bits))
            case .bool: return bits == 0 ? "false" : "true"
            case .category: return column.variable.categories[Int(bits)]
            }
        }.joined(separator: ", ")
    }

    private func generate(_ column: CompiledColumn, _ range: Range<Int64>, _ scenario: [Int64], _ events: ArraySlice<AnomalyEvent>) -> ColumnValues {
        let stream = RandomStream.streamID(variable: column.variable.id, attempt: 0)
        let start = range.lowerBound
        switch column.variable.type {
        case .float64:
            let scale = column.scale
            let values = [Double](unsafeUninitializedCapacity: scenario.count) { buffer, initialized in
                forEachRun(scenario) { code, run in
                    let source = column.sources[code]
                    if let transform = column.transforms[code] {
                        let event = events.event(containing: start + Int64(run.lowerBound))!
                        let held = transform.kind == .hold ? heldValue(column, event) : 0
                        let events = eventStream(column, event)
                        for i in run {
                            let row = start + Int64(i)
                            var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: RandomStream.Purpose.value)
                            let value = transform.apply(source.double(row, &random), row: row, event: event, stream: &random,
                                                        eventStream: events, held: held)
                            buffer[i] = scale.map { roundToDecimals(value, scale: $0) } ?? value
                        }
                        return
                    }
                    source.fill(buffer.baseAddress!, run: run, start: start, philox: philox, stream: stream, scale: scale)
                }
                initialized = scenario.count
            }
            return .double(values)
        case .int64, .bool, .category:
            let values = [Int64](unsafeUninitializedCapacity: scenario.count) { buffer, initialized in
                forEachRun(scenario) { code, run in
                    if column.transforms[code] != nil {  // hold, the one transform of non-float values
                        let held = heldInteger(column, events.event(containing: start + Int64(run.lowerBound))!)
                        for i in run { buffer[i] = held }
                        return
                    }
                    let source = column.sources[code]
                    for i in run {
                        let row = start + Int64(i)
                        var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: RandomStream.Purpose.value)
                        buffer[i] = source.integer(row, &random)
                    }
                }
                initialized = scenario.count
            }
            return .integer(values)
        }
    }

    /// A sequential column's values over [range), from its state at the range's start.
    private func generateSequential(_ column: CompiledColumn, _ process: SequentialProcess, _ state: SequentialState,
                                    _ range: Range<Int64>, _ scenario: [Int64], _ events: ArraySlice<AnomalyEvent>) -> ColumnValues {
        var cursor: SequentialProcess.Cursor
        do {
            cursor = try process.cursor(state)
        } catch {
            preconditionFailure("a sequential state the plan made does not decode: \(error)")
        }
        let start = range.lowerBound
        let stream = RandomStream.streamID(variable: column.variable.id, attempt: 0)
        var bits = [UInt64](repeating: 0, count: scenario.count)
        for i in scenario.indices {
            let row = start + Int64(i)
            let code = Int(scenario[i])
            let event = code == 0 ? nil : events.event(containing: row)
            let x = process.advance(&cursor, row: row, code: code, event: event)
            guard column.variable.type == .float64 else {
                bits[i] = stored(column, x)
                continue
            }
            var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: RandomStream.Purpose.value)
            let normal = process.normal(x, row: row, stream: &random)
            var value = normal
            if let event {
                if event.start == row { cursor.held = normal }
                if let transform = column.transforms[code] {
                    value = transform.apply(normal, row: row, event: event, stream: &random, eventStream: eventStream(column, event),
                                            held: cursor.held ?? .nan)
                } else if column.replaces[code] {
                    value = column.sources[code].double(row, &random)
                }
            }
            bits[i] = stored(column, value)
        }
        if column.variable.type == .float64 { return .double(bits.map { Double(bitPattern: $0) }) }
        return .integer(bits.map { Int64(bitPattern: $0) })
    }

    /// A row callback's values over [range); `earlier` holds the columns before it.
    private func generateCallback(_ column: CompiledColumn, _ callback: any RowCallback, _ schema: CallbackSchema, _ range: Range<Int64>,
                                  _ scenario: [Int64], _ events: ArraySlice<AnomalyEvent>, earlier: [ColumnValues]) -> ColumnValues {
        var context = CallbackContext(schema: schema, random: RandomStream(philox, row: 0, stream: 0, purpose: 0))
        var bits = [UInt64](repeating: 0, count: scenario.count)
        for i in scenario.indices {
            let row = range.lowerBound + Int64(i)
            let code = Int(scenario[i])
            for j in earlier.indices { context.earlier[j] = earlier[j].bits(at: i) }
            bits[i] = callbackValue(column, callback, &context, row: row, code: code,
                                    event: code == 0 ? nil : events.event(containing: row), attempt: 0)
        }
        if column.variable.type == .float64 { return .double(bits.map { Double(bitPattern: $0) }) }
        return .integer(bits.map { Int64(bitPattern: $0) })
    }

    // MARK: Sequential states

    /// The state of every sequential variable before row `row` (in spec order), computed in
    /// order from row 0: for checks and tests; a grow resumes from stored states instead.
    public func sequentialStates(at row: Int64) throws(ParanomError) -> [SequentialState] {
        let events = schedule.events(after: nil, before: row)
        var states: [SequentialState] = []
        for j in sequential.indices {
            let start = try initialSequentialState(j)
            states.append(row == 0 ? start : try advance(j, from: start, through: [0..<row], events: events).last!)
        }
        return states
    }

    /// The state of sequential variable `j` (an index into the sequential variables) before row 0.
    func initialSequentialState(_ j: Int) throws(ParanomError) -> SequentialState {
        try sequentialProcess(j).initialState()
    }

    /// Checks states read from a file (one per sequential variable, in spec order) before
    /// generating from them, which traps on a state that does not decode.
    func checkSequentialStates(_ states: [SequentialState], file: String) throws(ParanomError) {
        guard states.count == sequential.count else {
            throw .corruption(file: file, detail: "it holds \(states.count) sequential states where the spec has \(sequential.count) sequential variables")
        }
        for (j, state) in states.enumerated() {
            do { _ = try sequentialProcess(j).cursor(state) } catch {
                throw .corruption(file: file, detail: "a sequential state does not decode: \(error)")
            }
        }
    }

    private func sequentialProcess(_ j: Int) -> SequentialProcess {
        guard case let .sequential(process) = columns[sequential[j]].role else { preconditionFailure("not a sequential column") }
        return process
    }

    /// Runs sequential variable `j` in row order over `segments` (contiguous, in order) from
    /// `state`, the state before the first one, and returns the state after each segment. At
    /// each segment's end the running state is replaced by the one read back from its text, so
    /// the rows after it are the same whether a grow ends there or not.
    func advance(_ j: Int, from state: SequentialState, through segments: [Range<Int64>],
                 events: [AnomalyEvent]) throws(ParanomError) -> [SequentialState] {
        let process = sequentialProcess(j)
        let column = columns[sequential[j]]
        let stream = RandomStream.streamID(variable: column.variable.id, attempt: 0)
        var cursor = try process.cursor(state)
        var states: [SequentialState] = []
        states.reserveCapacity(segments.count)
        for segment in segments {
            let overlapping = events.overlapping(segment)
            let codes = scenarioCodes(segment, events: overlapping)
            for i in codes.indices {
                let row = segment.lowerBound + Int64(i)
                let code = Int(codes[i])
                let event = code == 0 ? nil : overlapping.event(containing: row)
                let x = process.advance(&cursor, row: row, code: code, event: event)
                if process.tracksHold, let event, event.start == row {
                    var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: RandomStream.Purpose.value)
                    cursor.held = process.normal(x, row: row, stream: &random)
                }
            }
            let next = segment.upperBound
            let continues = events.event(containing: next).map { $0.start < next } ?? false
            let end = try process.state(cursor, continuesEvent: continues)
            states.append(end)
            cursor = try process.cursor(end)
        }
        return states
    }
}

extension ColumnValues {
    /// Value `i` as its 64-bit pattern.
    @inline(__always)
    func bits(at i: Int) -> UInt64 {
        switch self {
        case let .double(v): return v[i].bitPattern
        case let .integer(v): return UInt64(bitPattern: v[i])
        }
    }
}

/// `value` truncated toward zero into Int64, saturating at its bounds; NaN gives 0.
func saturatingInt64(_ value: Double) -> Int64 {
    if value.isNaN { return 0 }
    if value >= 0x1p63 { return .max }
    if value <= -0x1p63 { return .min }
    return Int64(value.rounded(.towardZero))
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
    let q = ExactMath.roundedToNearestEven(value * scale)
    guard abs(q) < 9_007_199_254_740_992 else { return value }
    return (q + 0.0) / scale
}
