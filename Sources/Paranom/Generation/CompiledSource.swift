/// A value source prepared for fast evaluation, row by row.
///
/// A source draws from the row's stream in a fixed order (the base source first, then its
/// noise), so each value depends only on (seed, row, variable, attempt) and the source. It
/// is a flat value (no indirect cases), so evaluating it touches no reference counts.
struct CompiledSource: Sendable {
    let base: Kind
    /// An additive noise source, drawn after the base from the same stream.
    let noise: Kind?
    /// Noise of the noise (a spec may nest them), drawn after it; almost always empty.
    let moreNoise: [Kind]

    enum Kind: Sendable {
        case uniform(Double, Double)
        case integer(Int64, Int64)
        case standardNormal(mean: Double, std: Double)
        case truncatedNormal(TruncatedNormal)
        case choice(values: [Double], codes: [Int64], picker: WeightedChoice)
        case constant(Double, Int64)
        case sine(period: Double, amplitude: Double, offset: Double, phaseTurns: Double)
        /// A replayed series, cycled: row r takes values[r mod count] (count ≥ 1).
        case replay(values: [Double])
    }

    /// Compiles a stateless source of a variable; `categories` maps category strings to codes,
    /// `replay` holds the loaded series. Any other source (a walk, a callback, a transform, a
    /// series not loaded) compiles to a NaN constant: `Generator` compiles those itself and
    /// refuses to generate while an input is missing.
    init(_ source: Source, type: VariableType, categories: [String], replay: [ReplaySource: [Double]] = [:]) {
        var chain: [Kind] = []
        var next: Source? = source
        while let current = next {
            if case let .noisy(base, noise) = current {
                chain.append(Kind(base, categories: categories, replay: replay))
                next = noise
            } else {
                chain.append(Kind(current, categories: categories, replay: replay))
                next = nil
            }
        }
        base = chain[0]
        noise = chain.count > 1 ? chain[1] : nil
        moreNoise = Array(chain.dropFirst(2))
    }

    /// The value as a float64.
    @inline(__always)
    func double(_ row: Int64, _ stream: inout RandomStream) -> Double {
        let value = base.double(row, &stream)
        guard let noise else { return value }
        var sum = value + noise.double(row, &stream)
        for extra in moreNoise { sum += extra.double(row, &stream) }
        return sum
    }

    /// The value as an integer: an int64, a bool (0 or 1) or a category code.
    @inline(__always)
    func integer(_ row: Int64, _ stream: inout RandomStream) -> Int64 {
        base.integer(row, &stream)
    }

    /// Writes the float64 value of each row `start + i`, i in `run`, into `buffer[i]` (rounded
    /// to the decimals of `scale` when given), each from its row's `value` stream `stream`.
    ///
    /// The same values as `double(_:_:)` row by row, from a loop specialised for the common
    /// kinds (`RowDraw`), so that the kind is looked at once per run, not once per row.
    func fill(_ buffer: UnsafeMutablePointer<Double>, run: Range<Int>, start: Int64, philox: Philox4x64,
              stream: UInt64, scale: Double?) {
        func withNoise<Base: RowDraw>(_ base: Base) {
            switch noise {
            case nil: fillRows(base, buffer, run: run, start: start, philox: philox, stream: stream, scale: scale)
            case let .uniform(a, b)?: withBoth(base, Uniform(low: a, high: b))
            case let .standardNormal(mean, std)?: withBoth(base, Normal(mean: mean, std: std))
            case let other?: withBoth(base, other)
            }
        }
        func withBoth<Base: RowDraw, Noise: RowDraw>(_ base: Base, _ noise: Noise) {
            fillRows(Noisy(base: base, noise: noise), buffer, run: run, start: start, philox: philox, stream: stream, scale: scale)
        }
        guard moreNoise.isEmpty else {
            return fillRows(self, buffer, run: run, start: start, philox: philox, stream: stream, scale: scale)
        }
        switch base {
        case let .uniform(a, b): withNoise(Uniform(low: a, high: b))
        case let .standardNormal(mean, std): withNoise(Normal(mean: mean, std: std))
        case let .truncatedNormal(law):
            if case .normalProposals = law.sampler { withNoise(NormalProposals(law: law)) } else { withNoise(law) }
        case let .sine(period, amplitude, offset, phaseTurns):
            withNoise(Sine(period: period, amplitude: amplitude, offset: offset, phaseTurns: phaseTurns))
        default: withNoise(base)
        }
    }
}

/// A stateless float64 draw from a row's stream: what `CompiledSource.fill` specialises its
/// loop for. Each conformance draws exactly what `CompiledSource.Kind.double` draws for its kind.
protocol RowDraw {
    func double(_ row: Int64, _ stream: inout RandomStream) -> Double
}

extension CompiledSource: RowDraw {}
extension CompiledSource.Kind: RowDraw {}

extension TruncatedNormal: RowDraw {
    @inline(__always)
    func double(_ row: Int64, _ stream: inout RandomStream) -> Double { stream.normal(self) }
}

extension CompiledSource {
    struct Uniform: RowDraw {
        let low, high: Double
        @inline(__always)
        func double(_ row: Int64, _ stream: inout RandomStream) -> Double { stream.uniform(low, high) }
    }

    struct Normal: RowDraw {
        let mean, std: Double
        @inline(__always)
        func double(_ row: Int64, _ stream: inout RandomStream) -> Double { mean + std * stream.standardNormal() }
    }

    /// A truncated normal with the `normalProposals` sampler (bounds wide around the mean), the
    /// common case, drawn in the loop rather than through `RandomStream.normal(_:)`.
    struct NormalProposals: RowDraw {
        let law: TruncatedNormal
        @inline(__always)
        func double(_ row: Int64, _ stream: inout RandomStream) -> Double { stream.normalProposals(law) }
    }

    struct Sine: RowDraw {
        let period, amplitude, offset, phaseTurns: Double
        @inline(__always)
        func double(_ row: Int64, _ stream: inout RandomStream) -> Double {
            offset + amplitude * ExactMath.sinTurns(Double(row) / period + phaseTurns)
        }
    }

    /// A base and one additive noise, drawn in that order from the same stream.
    struct Noisy<Base: RowDraw, Noise: RowDraw>: RowDraw {
        let base: Base
        let noise: Noise
        @inline(__always)
        func double(_ row: Int64, _ stream: inout RandomStream) -> Double {
            let value = base.double(row, &stream)
            return value + noise.double(row, &stream)
        }
    }
}

/// The loop of `CompiledSource.fill`, specialised for each draw.
@inline(__always)
private func fillRows<Draw: RowDraw>(_ draw: Draw, _ buffer: UnsafeMutablePointer<Double>, run: Range<Int>, start: Int64,
                                     philox: Philox4x64, stream: UInt64, scale: Double?) {
    if let scale {
        for i in run {
            let row = start + Int64(i)
            var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: RandomStream.Purpose.value)
            buffer[i] = roundToDecimals(draw.double(row, &random), scale: scale)
        }
    } else {
        for i in run {
            let row = start + Int64(i)
            var random = RandomStream(philox, row: UInt64(row), stream: stream, purpose: RandomStream.Purpose.value)
            buffer[i] = draw.double(row, &random)
        }
    }
}

extension CompiledSource.Kind {
    init(_ source: Source, categories: [String], replay: [ReplaySource: [Double]]) {
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
                : .truncatedNormal(TruncatedNormal(mean: mean, std: std, min: low, max: high))
        case let .choice(values, weights):
            self = .choice(values: values.map(number), codes: values.map(code),
                           picker: WeightedChoice(weights: weights ?? Array(repeating: 1, count: values.count)))
        case let .constant(value): self = .constant(number(value), code(value))
        case let .sine(period, amplitude, offset, phase):
            self = .sine(period: period, amplitude: amplitude, offset: offset, phaseTurns: phase / (2 * Double.pi))
        case let .noisy(base, _):
            // `CompiledSource.init` unrolls noise chains before it gets here.
            self = CompiledSource.Kind(base, categories: categories, replay: replay)
        case let .replay(source):
            if let values = replay[source], !values.isEmpty {
                self = .replay(values: values)
            } else {
                self = .constant(.nan, 0)
            }
        case .walk, .ar1, .callback, .transform:
            self = .constant(.nan, 0)
        }
    }

    @inline(__always)
    func double(_ row: Int64, _ stream: inout RandomStream) -> Double {
        switch self {
        case let .uniform(a, b): return stream.uniform(a, b)
        case let .integer(a, b): return Double(stream.integer(a, b))
        case let .standardNormal(mean, std): return mean + std * stream.standardNormal()
        case let .truncatedNormal(law): return stream.normal(law)
        case let .choice(values, _, picker): return values[picker.pick(&stream)]
        case let .constant(value, _): return value
        case let .sine(period, amplitude, offset, phaseTurns):
            return offset + amplitude * ExactMath.sinTurns(Double(row) / period + phaseTurns)
        case let .replay(values):
            return values[Int(UInt64(bitPattern: row) % UInt64(values.count))]
        }
    }

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
