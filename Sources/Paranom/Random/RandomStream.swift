/// A stream of random words for one (row, stream, purpose), drawn block by block from Philox.
/// Counter layout: (c0 = row, c1 = stream, c2 = draw index, c3 = purpose). Each block gives four
/// words; the draw index starts at 0 and increases by one per block consumed.
///
/// Word n (0-based) of a stream is word n % 4 of `block(row, stream, n / 4, purpose)`; the stream
/// is a value (copying it forks an identical sequence) and never allocates. All derived variates
/// use only integer ops, exact IEEE arithmetic and `ExactMath`, so every output is bit-for-bit
/// reproducible across platforms. How many words each method consumes is part of the contract
/// (documented per method); changing it changes all later outputs.
public struct RandomStream: Sendable {
    private let generator: Philox4x64
    private let row: UInt64
    private let stream: UInt64
    private let purpose: UInt64
    /// Index of the next block to fetch.
    private var drawIndex: UInt64 = 0
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    /// Words left in the buffer (w0 is the next one).
    private var available: Int = 0

    /// Creates the stream positioned at word 0 (no block is computed until the first draw).
    @inline(__always)
    public init(_ generator: Philox4x64, row: UInt64, stream: UInt64, purpose: UInt64) {
        self.generator = generator
        self.row = row
        self.stream = stream
        self.purpose = purpose
    }

    /// The purposes (the counter's last word, c3) of a variable's streams. With stream id
    /// (variable, attempt) and c0 the row: `value` gives the row's value draws (a source, its
    /// noise, a transform's per-row parameter, a row callback's random source); `process` the
    /// draws that move a sequential variable (a walk's step, an AR(1) noise, a sequential
    /// callback's random source), always at attempt 0. With c0 the event's index instead of a
    /// row, `event` gives the draws made once per event (a transform's per-event parameter, a
    /// spike's row, a callback's event stream).
    public enum Purpose {
        public static let value: UInt64 = 0
        public static let process: UInt64 = 1
        public static let event: UInt64 = 2
    }

    /// The stream id for a variable and an attempt: `UInt64(variable) << 32 | UInt64(attempt)`.
    @inline(__always)
    public static func streamID(variable: UInt32, attempt: UInt32) -> UInt64 {
        UInt64(variable) << 32 | UInt64(attempt)
    }

    /// The next uniformly distributed 64-bit word (one word).
    @inline(__always)
    public mutating func nextWord() -> UInt64 {
        if available == 0 { refill() }
        let w = w0
        w0 = w1
        w1 = w2
        w2 = w3
        available &-= 1
        return w
    }

    @inline(__always)
    private mutating func refill() {
        (w0, w1, w2, w3) = generator.block(row, stream, drawIndex, purpose)
        drawIndex &+= 1
        available = 4
    }

    /// Uniform in [0, 1): (word >> 11) * 2^-53.
    ///
    /// One word; every multiple of 2^-53 in [0, 1) has probability exactly 2^-53.
    @inline(__always)
    public mutating func unitDouble() -> Double {
        Double(nextWord() >> 11) * 0x1p-53
    }

    /// Uniform in (0, 1]: ((word >> 11) + 1) * 2^-53 (never 0, safe for log).
    ///
    /// One word; every multiple of 2^-53 in (0, 1] has probability exactly 2^-53.
    @inline(__always)
    public mutating func unitDoubleOpenClosed() -> Double {
        Double((nextWord() >> 11) &+ 1) * 0x1p-53
    }

    /// Uniform in [a, b] (a <= b): a + (b - a) * u, clamped into [a, b] against rounding.
    ///
    /// One word (u = `unitDouble()`). Requires finite a <= b; a == b returns a. If b - a overflows
    /// (e.g. a = -b = greatestFiniteMagnitude) it uses a·(1 − u) + b·u instead.
    @inline(__always)
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        let u = unitDouble()
        let w = b - a
        let x = w.isFinite ? a + w * u : a * (1.0 - u) + b * u
        return Swift.min(Swift.max(x, a), b)
    }

    /// Uniform integer in [a, b] inclusive, unbiased (Lemire's multiply-and-reject; full Int64 range works).
    ///
    /// Requires a <= b. Consumes one word, plus one more per rejection (rejection probability is
    /// (2^64 mod n) / 2^64 for n = b − a + 1: negligible for small ranges, at most ½). The full
    /// range [Int64.min, Int64.max] returns the word's bit pattern.
    @inline(__always)
    public mutating func integer(_ a: Int64, _ b: Int64) -> Int64 {
        precondition(a <= b, "integer(a, b) requires a <= b")
        let n = UInt64(bitPattern: b &- a) &+ 1
        if n == 0 { return Int64(bitPattern: nextWord()) }
        var m = nextWord().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n                   // 2^64 mod n
            while m.low < threshold {
                m = nextWord().multipliedFullWidth(by: n)
            }
        }
        return a &+ Int64(bitPattern: m.high)
    }

    /// Standard normal by the ziggurat method (Marsaglia and Tsang 2000, in Doornik's 2005
    /// ZIGNOR form with 128 layers; tables built from `ExactMath`, so they are the same on
    /// every platform).
    ///
    /// Usually one word: its low 7 bits pick the layer and its top 53 bits the position
    /// (98.8% of draws end there). A draw in a wedge takes one more word (`unitDouble()`) for
    /// the exact density test; a draw in the tail beyond r = 3.4426 uses Marsaglia's tail
    /// method with pairs of `unitDoubleOpenClosed()` words. The loop is capped at 100 000
    /// attempts with fallback 0 (never reached in practice).
    @inline(__always)
    public mutating func standardNormal() -> Double {
        let table = Ziggurat.table
        let word = nextWord()
        let layer = Int(word & 0x7F)
        let u = 2.0 * (Double(word >> 11) * 0x1p-53) - 1.0   // exact, in [-1, 1)
        if Swift.abs(u) < table.ratio[layer] { return u * table.x[layer] }
        // The rare rest runs out of line on a copy of the stream, so that a caller's loop can
        // keep its stream in registers (a stream passed by address must live in memory).
        var rest = self
        let x = rest.standardNormalAfterFirstAttempt(u, layer)
        self = rest
        return x
    }

    /// The first attempt of `standardNormal()` beyond its rectangle test, then the others.
    @inline(never)
    private mutating func standardNormalAfterFirstAttempt(_ u: Double, _ layer: Int) -> Double {
        let table = Ziggurat.table
        if layer == 0 { return normalTail(negative: u < 0) }
        if let x = wedge(u, layer, table) { return x }
        for _ in 1..<RandomStream.iterationCap {
            let word = nextWord()
            let layer = Int(word & 0x7F)
            let u = 2.0 * (Double(word >> 11) * 0x1p-53) - 1.0
            if Swift.abs(u) < table.ratio[layer] { return u * table.x[layer] }
            if layer == 0 { return normalTail(negative: u < 0) }
            if let x = wedge(u, layer, table) { return x }
        }
        return 0
    }

    private mutating func wedge(_ u: Double, _ layer: Int, _ table: Ziggurat) -> Double? {
        let x = u * table.x[layer]
        let f0 = ExactMath.exp(-0.5 * (table.x[layer] * table.x[layer] - x * x))
        let f1 = ExactMath.exp(-0.5 * (table.x[layer + 1] * table.x[layer + 1] - x * x))
        return f1 + unitDouble() * (f0 - f1) < 1.0 ? x : nil
    }

    private mutating func normalTail(negative: Bool) -> Double {
        for _ in 0..<RandomStream.iterationCap {
            let x = ExactMath.log(unitDoubleOpenClosed()) / Ziggurat.r
            let y = ExactMath.log(unitDoubleOpenClosed())
            if -2.0 * y >= x * x { return negative ? x - Ziggurat.r : Ziggurat.r - x }
        }
        return negative ? -Ziggurat.r : Ziggurat.r
    }

    /// Hard cap on every rejection loop; never reached in practice.
    private static let iterationCap = 100_000

    /// Normal(mean, std) truncated exactly to [min, max] (either bound may be -inf/+inf): rejection, never clipping.
    ///
    /// Requires finite mean, finite std >= 0, min <= max (not nan). min == max returns min;
    /// std == 0 returns mean clamped into [min, max]. Otherwise, with α = (min − mean)/std and
    /// β = (max − mean)/std, the sampler is chosen by interval:
    /// - α <= 0 <= β and β − α >= √(2π): plain normal proposals (`standardNormal()`), keep if in
    ///   [α, β] (acceptance > 0.49).
    /// - α <= 0 <= β and β − α < √(2π): uniform proposal x = `uniform(min, max)` in the original
    ///   units, accept with probability exp(−z²/2), z = (x − mean)/std (acceptance > 0.45).
    /// - One-sided intervals (0 < α, or β < 0 mirrored to 0 < −β): with a the inner bound, b the
    ///   outer one,
    ///   - narrow, b − a <= 2/(a+√(a²+4))·exp((a² − a√(a²+4))/4 + ½) (Robert 1995): uniform
    ///     proposal in original units, accept with probability exp((a² − z²)/2) (acceptance > 0.6);
    ///   - a < 0.3: half-normal proposals |N|, keep if in [a, b] (acceptance > 0.6);
    ///   - otherwise Robert's translated exponential z = a − log(u)/λ, λ = (a + √(a²+4))/2 (u from
    ///     `unitDoubleOpenClosed()`), keep if z <= b and then with probability exp(−(z − λ)²/2)
    ///     (acceptance > 0.5, tending to 1 in far tails).
    /// If both standardized bounds overflow to the same infinity, the inner bound is returned.
    /// The returned value's law is the truncated normal up to the rounding of mean + std·z (the
    /// result is clamped into [min, max] only to absorb that last rounding). Every loop is capped at
    /// 100 000 proposals; the fallback (unreachable in practice, probability < 10^-19000) returns
    /// the last proposal clamped into [min, max]. Word consumption is variable.
    public mutating func normal(mean: Double, std: Double, min lo: Double, max hi: Double) -> Double {
        normal(TruncatedNormal(mean: mean, std: std, min: lo, max: hi))
    }

    /// A draw of `normal(mean:std:min:max:)` whose choice of sampler was made once, in `law`'s
    /// init: the same words and the same value.
    public mutating func normal(_ law: TruncatedNormal) -> Double {
        let (mean, std, lo, hi, alpha, beta) = (law.mean, law.std, law.min, law.max, law.alpha, law.beta)
        switch law.sampler {
        case let .constant(value):
            return value
        case .unbounded:
            return mean + std * standardNormal()
        case .normalProposals:
            return normalProposals(law)
        case let .uniformProposals(minZ2):
            return uniformProposal(mean: mean, std: std, lo: lo, hi: hi, minZ2: minZ2)
        case let .halfNormal(a, b, flip):
            var z = a
            for _ in 0..<RandomStream.iterationCap {
                z = Swift.abs(standardNormal())
                if z >= a && z <= b { break }
            }
            if flip { z = -z }
            return clampTransform(mean, std, z, alpha, beta, lo, hi)
        case let .exponential(a, b, lambda, flip):
            var z = a
            for _ in 0..<RandomStream.iterationCap {
                z = a - ExactMath.log(unitDoubleOpenClosed()) / lambda
                let d = z - lambda
                if z <= b && unitDouble() < ExactMath.exp(-0.5 * d * d) { break }
            }
            if flip { z = -z }
            return clampTransform(mean, std, z, alpha, beta, lo, hi)
        }
    }

    /// The `normalProposals` sampler of `normal(_:)`: plain normal proposals kept if in
    /// [alpha, beta] (inlinable into a caller's loop).
    @inline(__always)
    mutating func normalProposals(_ law: TruncatedNormal) -> Double {
        var z = standardNormal()
        if !(z >= law.alpha && z <= law.beta) {
            // Out of line on a copy, as in `standardNormal()`.
            var rest = self
            z = rest.moreNormalProposals(law, first: z)
            self = rest
        }
        return clampTransform(law.mean, law.std, z, law.alpha, law.beta, law.min, law.max)
    }

    /// Proposals 2, 3, ... of `normalProposals(_:)` after `first` fell outside the bounds.
    @inline(never)
    private mutating func moreNormalProposals(_ law: TruncatedNormal, first: Double) -> Double {
        var z = first
        for _ in 1..<RandomStream.iterationCap {
            z = standardNormal()
            if z >= law.alpha && z <= law.beta { break }
        }
        return z
    }

    @inline(__always)
    private func clampTransform(
        _ mean: Double, _ std: Double, _ z: Double, _ alpha: Double, _ beta: Double,
        _ lo: Double, _ hi: Double
    ) -> Double {
        let zc = Swift.min(Swift.max(z, alpha), beta)
        return Swift.min(Swift.max(mean + std * zc, lo), hi)
    }

    /// Uniform proposal on [lo, hi] (finite), accept with probability exp((minZ2 − z²)/2).
    private mutating func uniformProposal(
        mean: Double, std: Double, lo: Double, hi: Double, minZ2: Double
    ) -> Double {
        var x = lo
        for _ in 0..<RandomStream.iterationCap {
            x = uniform(lo, hi)
            let z = (x - mean) / std
            if unitDouble() < ExactMath.exp(0.5 * (minZ2 - z * z)) { break }
        }
        return x
    }

    static let sqrt2Pi = 2.5066282746310002

    /// True with probability p (p in [0,1]).
    ///
    /// One word: `unitDouble() < p`, so p is effectively rounded down to a multiple of 2^-53;
    /// p <= 0 is always false, p >= 1 always true.
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool {
        unitDouble() < p
    }
}

/// Normal(mean, std) truncated to [min, max], with the sampler `RandomStream.normal(mean:std:min:max:)`
/// uses for it chosen once (the rules are there), so that drawing many values repeats no setup.
public struct TruncatedNormal: Sendable {
    public let mean: Double, std: Double, min: Double, max: Double
    /// The standardised bounds, (min − mean)/std and (max − mean)/std.
    let alpha: Double, beta: Double
    let sampler: Sampler

    enum Sampler: Sendable {
        /// min == max, std == 0, or both bounds beyond ~1e308 sigma on the same side.
        case constant(Double)
        case unbounded
        /// Plain normal proposals kept if in [alpha, beta].
        case normalProposals
        /// Uniform proposals in [min, max], accepted with probability exp((minZ2 − z²)/2).
        case uniformProposals(minZ2: Double)
        /// One-sided, with inner bound a and outer bound b (mirrored when `flip`).
        case halfNormal(a: Double, b: Double, flip: Bool)
        case exponential(a: Double, b: Double, lambda: Double, flip: Bool)
    }

    /// Requires finite mean, finite std >= 0, min <= max (not nan).
    public init(mean: Double, std: Double, min lo: Double, max hi: Double) {
        precondition(lo <= hi, "normal(min:max:) requires min <= max")
        precondition(mean.isFinite && std.isFinite && std >= 0, "normal requires finite mean and std >= 0")
        (self.mean, self.std, min, max) = (mean, std, lo, hi)
        alpha = std == 0 ? 0 : (lo - mean) / std
        beta = std == 0 ? 0 : (hi - mean) / std
        sampler = TruncatedNormal.sampler(mean: mean, std: std, lo: lo, hi: hi, alpha: alpha, beta: beta)
    }

    private static func sampler(mean: Double, std: Double, lo: Double, hi: Double, alpha: Double, beta: Double) -> Sampler {
        if lo == hi { return .constant(lo) }
        if std == 0 { return .constant(Swift.min(Swift.max(mean, lo), hi)) }
        if alpha == -Double.infinity && beta == Double.infinity { return .unbounded }
        if alpha == beta && alpha.isInfinite {
            // Both bounds beyond ~1e308 sigma on the same side: all mass sits at the inner bound.
            return .constant(alpha > 0 ? lo : hi)
        }
        if alpha <= 0 && beta >= 0 {
            return beta - alpha >= RandomStream.sqrt2Pi ? .normalProposals : .uniformProposals(minZ2: 0)
        }
        let flip = beta < 0
        let a = flip ? -beta : alpha                       // 0 < a < b
        let b = flip ? -alpha : beta
        let root = (a * a + 4.0).squareRoot()
        // Robert's narrowness test; exp(...) <= e^½, so the exp is skipped when clearly wide.
        let scale = 2.0 / (a + root)
        if b - a <= scale * 1.6487212707001282
            && b - a <= scale * ExactMath.exp((a * a - a * root) * 0.25 + 0.5) {
            return .uniformProposals(minZ2: a * a)
        }
        return a < 0.3 ? .halfNormal(a: a, b: b, flip: flip) : .exponential(a: a, b: b, lambda: 0.5 * (a + root), flip: flip)
    }
}
