/// A variable written in Swift: the paper's callback variables.
///
/// A spec names a callback with `{"callback": "NAME"}` as a variable's `normal` source; the
/// program that grows the dataset registers a callback with that `name` (see
/// `CallbackRegistry`, and `ParanomCLI.main(callbacks:)` to embed the command line). Adopt
/// `RowCallback` for a value computed afresh in each row, or `SequentialCallback` for one that
/// carries a state from row to row. A callback variable is `float64` or `int64`; its anomalous
/// rows come from the callback's `anomalous` function, so it takes no `anomalous` or
/// `scenarios` sources in the spec.
///
/// Callbacks run on Paranom's worker threads, so they are `Sendable`, and they must be
/// deterministic: the value may depend on the context (and, for a sequential callback, the
/// state) alone, never on a clock, a global or an unseeded random generator. Then a dataset's
/// rows stay a pure function of (spec, seed, row), whatever the thread count or the growth.
public protocol VariableCallback: Sendable {
    /// The name a spec gives in `{"callback": NAME}`: letters, digits and `_`.
    var name: String { get }
}

/// A callback called once per row, in any order and on any thread.
///
/// The context gives the row, its timestamp, a random source keyed to (seed, row, variable,
/// attempt), the anomaly context and the values of the variables declared before this one in
/// the same row. A row that uniqueness generates again calls the callback again with the next
/// attempt (a new random source) and the earlier variables' new values.
///
/// ```swift
/// struct Flow: RowCallback {
///     let name = "flow"
///     func normal(_ context: inout CallbackContext) -> Double {
///         let current = context.value("current") ?? 0
///         return (current > 0.5 ? 12.0 : 0.0) + context.random.uniform(-0.1, 0.1)
///     }
///     func anomalous(_ context: inout CallbackContext) -> Double { 0.6 * normal(&context) }
/// }
/// ```
public protocol RowCallback: VariableCallback {
    /// The value of a normal row.
    func normal(_ context: inout CallbackContext) -> Double
    /// The value of an anomalous row (`context.anomaly` is set). Defaults to `normal`.
    func anomalous(_ context: inout CallbackContext) -> Double
}

extension RowCallback {
    public func anomalous(_ context: inout CallbackContext) -> Double { normal(&context) }
}

/// A callback that carries a state from each row to the next.
///
/// Paranom calls it for the variable's rows in row order, one row at a time, passing the state
/// the previous row left (`initialState` before row 0); the user writes no locks. Like the
/// built-in sequential variables it sees its own state and the row's context, not other
/// variables (`context.value` gives nil), and its random source is keyed to (seed, row,
/// variable) alone, since uniqueness never regenerates a sequential value. Paranom stores the
/// state, encoded as JSON with `JSONEncoder`, at the end of every segment, and a later grow
/// resumes from it without rereading rows: the encoding must round-trip exactly (Doubles,
/// integers, strings and Bools do). Paranom also runs the callback once more over the new rows
/// while planning a grow, to find the state at each segment's start, so it should be cheap.
///
/// ```swift
/// struct Counter: SequentialCallback {
///     let name = "counter"
///     var initialState: Int { 0 }
///     func normal(_ state: inout Int, _ context: inout CallbackContext) -> Double {
///         state += 1
///         return Double(state)
///     }
///     func anomalous(_ state: inout Int, _ context: inout CallbackContext) -> Double {
///         state += 10
///         return Double(state)
///     }
/// }
/// ```
public protocol SequentialCallback: VariableCallback {
    associatedtype State: Codable & Sendable
    /// The state before row 0.
    var initialState: State { get }
    /// The value of a normal row; may change the state.
    func normal(_ state: inout State, _ context: inout CallbackContext) -> Double
    /// The value of an anomalous row (`context.anomaly` is set); may change the state.
    func anomalous(_ state: inout State, _ context: inout CallbackContext) -> Double
}
