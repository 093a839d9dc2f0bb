/// The state of one sequential variable between two rows, as the manifest stores it.
///
/// `json` is compact JSON text. For a walk or an AR(1) process, `{"value":x}`: the process's
/// value at the previous row (for a walk before row 0, its start; for AR(1), its mean), a JSON
/// number written as the shortest text that reads back to the same double, or the string
/// `"nan"`, `"inf"` or `"-inf"`; with `"held":h` added, in the same form, when the variable has
/// a `hold` transform and the next row continues an event: the normal value at that event's
/// first row. For a sequential callback, its `State` as `JSONEncoder` writes it (sorted keys).
public struct SequentialState: Sendable, Equatable, CustomStringConvertible {
    public var json: String

    public init(json: String) { self.json = json }

    public var description: String { json }
}

/// A sequential variable compiled: how its process moves from one row to the next, and how
/// the normal value is observed from it.
///
/// The process draws from the variable's `process` stream (seed, row, variable, attempt 0), so
/// uniqueness retries never change it; observation noise (a `noise` beside the walk) and what
/// anomalous rows do come from the row's `value` stream at attempt 0.
struct SequentialProcess: Sendable {
    enum Kind: Sendable {
        /// Row 0 is `start`; row r > 0 is the previous value plus a step, reflected into [min, max].
        case walk(start: Double, step: CompiledSource, min: Double, max: Double)
        /// x(r) = mean + phi · (x(r − 1) − mean) + noise(r), x(−1) = mean.
        case ar1(phi: Double, mean: Double, noise: CompiledSource)
        case callback(SequentialCallbackBox, CallbackSchema)
    }

    let kind: Kind
    let variable: UInt32
    /// The noise beside a walk or AR(1) source, added to the process to give the normal value.
    let observationNoise: CompiledSource?
    /// Whether the state keeps the normal value at the first row of the event in progress.
    let tracksHold: Bool
    let philox: Philox4x64
    let environment: CallbackEnvironment

    /// One variable's running state, used by one thread.
    struct Cursor {
        /// The process's value at the previous row.
        var value: Double
        var holder: (any SequentialCallbackHolder)?
        /// The normal value at the first row of the event in progress, for `hold`.
        var held: Double?
        var callbackContext: CallbackContext?
    }

    /// The state before row 0.
    func initialState() throws(ParanomError) -> SequentialState {
        switch kind {
        case let .walk(start, _, _, _): return SequentialState(json: Self.encode(value: start, held: nil))
        case let .ar1(_, mean, _): return SequentialState(json: Self.encode(value: mean, held: nil))
        case let .callback(box, _): return SequentialState(json: try box.holder(nil).encoded())
        }
    }

    /// A cursor positioned at the stored state. Throws `corruption` for text that is not such
    /// a state.
    func cursor(_ state: SequentialState) throws(ParanomError) -> Cursor {
        switch kind {
        case .walk, .ar1:
            guard let json = try? JSONValue(parsing: state.json), let value = Self.decode(json["value"]) else {
                throw .corruption(file: "manifest.sqlite (sequential_states)",
                                  detail: "the state \"\(state.json)\" of variable \(variable) is not a walk or AR(1) state")
            }
            let held = json["held"].flatMap(Self.decode)
            return Cursor(value: value, holder: nil, held: held, callbackContext: nil)
        case let .callback(box, schema):
            let holder = try box.holder(state.json)
            let context = CallbackContext(schema: schema, random: RandomStream(philox, row: 0, stream: 0, purpose: 0))
            return Cursor(value: 0, holder: holder, held: nil, callbackContext: context)
        }
    }

    /// The state a cursor is in; `continuesEvent` says whether the next row continues an event
    /// (then a hold-tracking state keeps the held value).
    func state(_ cursor: Cursor, continuesEvent: Bool) throws(ParanomError) -> SequentialState {
        if let holder = cursor.holder { return SequentialState(json: try holder.encoded()) }
        return SequentialState(json: Self.encode(value: cursor.value, held: tracksHold && continuesEvent ? cursor.held ?? .nan : nil))
    }

    /// Moves the process to `row` (the row after the cursor's) and returns its value there.
    @inline(__always)
    func advance(_ cursor: inout Cursor, row: Int64, code: Int, event: AnomalyEvent?) -> Double {
        var x: Double
        switch kind {
        case let .walk(start, step, low, high):
            if row == 0 {
                x = start
            } else {
                var random = RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: variable, attempt: 0),
                                          purpose: RandomStream.Purpose.process)
                x = reflect(cursor.value + step.double(row, &random), low, high)
            }
        case let .ar1(phi, mean, noise):
            var random = RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: variable, attempt: 0),
                                      purpose: RandomStream.Purpose.process)
            x = mean + phi * (cursor.value - mean) + noise.double(row, &random)
        case .callback:
            let random = RandomStream(philox, row: UInt64(row), stream: RandomStream.streamID(variable: variable, attempt: 0),
                                      purpose: RandomStream.Purpose.process)
            environment.prepare(&cursor.callbackContext!, variable: variable, row: row, code: code, event: event, random: random)
            x = cursor.holder!.value(&cursor.callbackContext!, anomalous: code != 0)
        }
        // One NaN, so that a state read back from its text is the state written.
        if x.isNaN { x = .nan }
        cursor.value = x
        return x
    }

    /// The normal value at `row` given the process's value there: the process plus the
    /// observation noise, drawn first from `stream` (the row's value stream at attempt 0).
    @inline(__always)
    func normal(_ process: Double, row: Int64, stream: inout RandomStream) -> Double {
        guard let observationNoise else { return process }
        return process + observationNoise.double(row, &stream)
    }

    static func encode(value: Double, held: Double?) -> String {
        func text(_ x: Double) -> String {
            if x.isNaN { return "\"nan\"" }
            if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
            return x.description
        }
        return "{\"value\":" + text(value) + (held.map { ",\"held\":" + text($0) } ?? "") + "}"
    }

    static func decode(_ json: JSONValue?) -> Double? {
        switch json {
        case let .string(text)?: return ["nan": Double.nan, "inf": .infinity, "-inf": -.infinity][text]
        case let number?: return number.doubleValue
        case nil: return nil
        }
    }
}

/// `x` reflected into [low, high] (either bound may be infinite): a value past a bound comes
/// back by as much as it overshot, bouncing between the bounds when the step is wider than the
/// interval, then is clamped into it against the last rounding.
@inline(__always)
func reflect(_ x: Double, _ low: Double, _ high: Double) -> Double {
    if x >= low && x <= high { return x }
    guard !x.isNaN else { return x }
    var y: Double
    if low.isFinite && high.isFinite {
        let width = high - low
        // The remainder is exact (IEEE 754 fmod), so this does not depend on the platform's libm.
        var d = (x - low).truncatingRemainder(dividingBy: 2 * width)
        if d < 0 { d += 2 * width }
        y = d <= width ? low + d : high - (d - width)
    } else if x < low {
        y = low + (low - x)
    } else {
        y = high - (x - high)
    }
    return Swift.min(Swift.max(y, low), high)
}
