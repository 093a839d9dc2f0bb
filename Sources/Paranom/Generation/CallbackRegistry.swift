import Foundation

/// The callbacks a program registers, by name, for the specs it grows.
///
/// A dataset whose spec names a callback that the registry lacks can still be read and
/// exported, but `init` and `grow` refuse it with an error naming the callback.
///
/// ```swift
/// let callbacks = try CallbackRegistry([MarottaValve(), Flow()])
/// let dataset = try Dataset.open(at: "valve.pnm", callbacks: callbacks)
/// try dataset.grow(to: 100_000)
/// ```
public struct CallbackRegistry: Sendable {
    let rowCallbacks: [String: any RowCallback]
    let sequentialCallbacks: [String: SequentialCallbackBox]

    /// No callbacks.
    public static let empty = CallbackRegistry(row: [:], sequential: [:])

    private init(row: [String: any RowCallback], sequential: [String: SequentialCallbackBox]) {
        rowCallbacks = row
        sequentialCallbacks = sequential
    }

    /// Registers each callback under its `name`. Throws `invalidArgument` for a name that is
    /// not an identifier or is used twice, and for a callback that adopts neither (or both) of
    /// `RowCallback` and `SequentialCallback`.
    public init(_ callbacks: [any VariableCallback]) throws(ParanomError) {
        var row: [String: any RowCallback] = [:]
        var sequential: [String: SequentialCallbackBox] = [:]
        for callback in callbacks {
            let name = callback.name
            let valid = !name.isEmpty && name.utf8.enumerated().allSatisfy { i, c in
                (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || (i > 0 && c >= 48 && c <= 57)
            }
            guard valid else { throw .invalidArgument("the callback name \"\(name)\" is not a valid name (letters, digits and _, not starting with a digit)") }
            guard row[name] == nil && sequential[name] == nil else {
                throw .invalidArgument("two callbacks are registered under the name \"\(name)\"")
            }
            switch (callback as? any RowCallback, callback as? any SequentialCallback) {
            case let (rowCallback?, nil): row[name] = rowCallback
            case let (nil, sequentialCallback?): sequential[name] = SequentialCallbackBox(sequentialCallback)
            case (nil, nil): throw .invalidArgument("the callback \"\(name)\" adopts neither RowCallback nor SequentialCallback")
            default: throw .invalidArgument("the callback \"\(name)\" adopts both RowCallback and SequentialCallback; choose one")
            }
        }
        self.init(row: row, sequential: sequential)
    }

    /// The registered names, sorted.
    public var names: [String] { (Array(rowCallbacks.keys) + Array(sequentialCallbacks.keys)).sorted() }
}

/// A sequential callback with its `State` type erased: it makes holders of a state decoded from
/// the JSON text Paranom stores.
struct SequentialCallbackBox: Sendable {
    let name: String
    private let makeHolder: @Sendable (String?) throws(ParanomError) -> any SequentialCallbackHolder

    init<C: SequentialCallback>(_ callback: C) {
        name = callback.name
        makeHolder = { (json) throws(ParanomError) in try TypedSequentialHolder(callback, json: json) }
    }

    /// A holder of the state encoded as `json`, or of the initial state when nil.
    func holder(_ json: String?) throws(ParanomError) -> any SequentialCallbackHolder {
        try makeHolder(json)
    }
}

/// One sequential callback's running state, used by one thread.
protocol SequentialCallbackHolder: AnyObject {
    /// Calls the callback for one row, in row order, updating the state.
    func value(_ context: inout CallbackContext, anomalous: Bool) -> Double
    /// The state as JSON text.
    func encoded() throws(ParanomError) -> String
}

private final class TypedSequentialHolder<C: SequentialCallback>: SequentialCallbackHolder {
    let callback: C
    var state: C.State

    init(_ callback: C, json: String?) throws(ParanomError) {
        self.callback = callback
        guard let json else {
            state = callback.initialState
            return
        }
        do {
            state = try Self.decoder.decode(C.State.self, from: Data(json.utf8))
        } catch {
            throw .corruption(file: "manifest.sqlite (sequential_states)",
                              detail: "the stored state of the callback \"\(callback.name)\" does not decode as its State (\(error)); was the callback's State changed?")
        }
    }

    func value(_ context: inout CallbackContext, anomalous: Bool) -> Double {
        anomalous ? callback.anomalous(&state, &context) : callback.normal(&state, &context)
    }

    func encoded() throws(ParanomError) -> String {
        do {
            return String(decoding: try Self.encoder.encode(state), as: UTF8.self)
        } catch {
            throw .invalidArgument("the state of the callback \"\(callback.name)\" cannot be encoded as JSON: \(error)")
        }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
