/// A value source prepared for fast evaluation, row by row.
///
/// A source draws from the row's stream in a fixed order (the base source first, then its
/// noise), so each value depends only on (seed, row, variable, attempt) and the source.
enum CompiledSource: Sendable {
    case uniform(Double, Double)
    case integer(Int64, Int64)
    case standardNormal(mean: Double, std: Double)
    case truncatedNormal(mean: Double, std: Double, min: Double, max: Double)
    case choice(values: [Double], codes: [Int64], picker: WeightedChoice)
    case constant(Double, Int64)
    case sine(period: Double, amplitude: Double, offset: Double, phaseTurns: Double)
    indirect case noisy(CompiledSource, CompiledSource)

    /// Compiles a source of a variable; `categories` maps category strings to codes.
    init(_ source: Source, type: VariableType, categories: [String]) {
        func code(_ literal: Literal) -> Int64 {
            switch literal {
            case let .integer(v): return v
            case let .bool(v): return v ? 1 : 0
            case let .string(v): return Int64(categories.firstIndex(of: v) ?? 0)
            case let .number(v): return Int64(v)
            }
        }
        func number(_ literal: Literal) -> Double {
            if case let .number(v) = literal { return v }
            return Double(code(literal))
        }
        switch source {
        case let .uniform(a, b): self = .uniform(a, b)
        case let .integer(a, b): self = .integer(a, b)
        case let .normal(mean, std, low, high):
            self = low == -.infinity && high == .infinity
                ? .standardNormal(mean: mean, std: std)
                : .truncatedNormal(mean: mean, std: std, min: low, max: high)
        case let .choice(values, weights):
            self = .choice(values: values.map(number), codes: values.map(code),
                           picker: WeightedChoice(weights: weights ?? Array(repeating: 1, count: values.count)))
        case let .constant(value): self = .constant(number(value), code(value))
        case let .sine(period, amplitude, offset, phase):
            self = .sine(period: period, amplitude: amplitude, offset: offset, phaseTurns: phase / (2 * Double.pi))
        case let .noisy(base, noise):
            self = .noisy(CompiledSource(base, type: type, categories: categories), CompiledSource(noise, type: type, categories: categories))
        }
    }

    /// The value as a float64.
    @inline(__always)
    func double(_ row: Int64, _ stream: inout RandomStream) -> Double {
        switch self {
        case let .uniform(a, b): return stream.uniform(a, b)
        case let .integer(a, b): return Double(stream.integer(a, b))
        case let .standardNormal(mean, std): return mean + std * stream.standardNormal()
        case let .truncatedNormal(mean, std, low, high): return stream.normal(mean: mean, std: std, min: low, max: high)
        case let .choice(values, _, picker): return values[picker.pick(&stream)]
        case let .constant(value, _): return value
        case let .sine(period, amplitude, offset, phaseTurns):
            return offset + amplitude * ExactMath.sinTurns(Double(row) / period + phaseTurns)
        case let .noisy(base, noise):
            let value = base.double(row, &stream)
            return value + noise.double(row, &stream)
        }
    }

    /// The value as an integer: an int64, a bool (0 or 1) or a category code.
    @inline(__always)
    func integer(_ row: Int64, _ stream: inout RandomStream) -> Int64 {
        switch self {
        case let .integer(a, b): return stream.integer(a, b)
        case let .choice(_, codes, picker): return codes[picker.pick(&stream)]
        case let .constant(_, code): return code
        default: return Int64(double(row, &stream))
        }
    }
}
