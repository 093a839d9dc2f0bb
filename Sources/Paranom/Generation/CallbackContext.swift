/// What a callback knows of the row it computes.
///
/// `random` is keyed to (seed, row, variable, attempt) for a `RowCallback`, to (seed, row,
/// variable) for a `SequentialCallback`: it gives the same numbers every time the row is
/// generated. Draw from it (`context.random.uniform(0, 1)`, `.standardNormal()`, ...), never
/// from the standard library's random API, whose algorithm may change. Valid only for the call.
public struct CallbackContext: Sendable {
    /// The row index, `t`.
    public internal(set) var row: Int64
    /// The row's time in nanoseconds since the Unix epoch, from the spec's `clock`; nil without
    /// a clock (or past the year 2262).
    public internal(set) var timestamp: Int64?
    /// Random numbers for this row.
    public var random: RandomStream
    /// The event the row lies in; nil in a normal row.
    public internal(set) var anomaly: AnomalyContext?
    let schema: CallbackSchema
    /// The values of the earlier variables in this row, as 64-bit patterns, by position.
    var earlier: [UInt64]

    init(schema: CallbackSchema, random: RandomStream) {
        row = 0
        self.random = random
        self.schema = schema
        earlier = Array(repeating: 0, count: schema.names.count)
    }

    /// The value in this row of the variable `name`, declared before the callback's: a
    /// `float64` as it is (rounded if the variable is), an `int64` or `bool` (0 or 1) converted,
    /// a `category` as its code. Nil for an unknown or later variable, and always in a
    /// `SequentialCallback`.
    public func value(_ name: String) -> Double? {
        guard let index = schema.index[name] else { return nil }
        let bits = earlier[index]
        return schema.types[index] == .float64 ? Double(bitPattern: bits) : Double(Int64(bitPattern: bits))
    }

    /// The value of the `category` variable `name`, declared before the callback's, as its
    /// string; nil as for `value(_:)`, and for variables of other types.
    public func category(_ name: String) -> String? {
        guard let index = schema.index[name], schema.types[index] == .category else { return nil }
        let categories = schema.categories[index]
        let code = Int(Int64(bitPattern: earlier[index]))
        return categories.indices.contains(code) ? categories[code] : nil
    }
}

/// The anomalous event a row lies in, for a callback.
public struct AnomalyContext: Sendable {
    /// The event's scenario.
    public var scenario: String
    /// The event's number in the schedule, from 0.
    public var event: Int64
    /// The row's offset in the event: 0 at its first row.
    public var offset: Int64
    /// The event's length in rows.
    public var length: Int64
    /// Random numbers for the whole event, keyed to (seed, event, variable): every row of the
    /// event gets this stream at the same position, so draws from it (a distortion's size, say)
    /// are the same in all of the event's rows.
    public var random: RandomStream
}

/// The names, types and categories of the variables a callback may read.
final class CallbackSchema: Sendable {
    let names: [String]
    let index: [String: Int]
    let types: [VariableType]
    let categories: [[String]]

    init(_ variables: ArraySlice<Variable>) {
        names = variables.map(\.name)
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        types = variables.map(\.type)
        categories = variables.map(\.categories)
    }
}
