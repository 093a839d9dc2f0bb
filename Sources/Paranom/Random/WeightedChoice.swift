/// Picks an index with probability proportional to its weight (weights finite, >= 0, sum > 0).
///
/// Build once, pick many times: `pick` uses exactly one `unitDouble()` word, scales it by the
/// total and binary-searches the cumulative sums (O(log n), no allocation). An index with weight 0
/// is never returned. Probabilities are exact up to the rounding of the cumulative sums (a weight
/// below ~2^-53 of the running total may be absorbed and never be picked).
public struct WeightedChoice: Sendable {
    /// cumulative[i] = w[0] + ... + w[i] (rounded left to right).
    private let cumulative: [Double]
    /// Last index with a positive weight (returned if u·total rounds up to the total).
    private let lastPositive: Int

    /// Builds the cumulative table. Precondition: non-empty, all weights finite and >= 0, finite sum > 0.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "WeightedChoice needs at least one weight")
        var cum = [Double]()
        cum.reserveCapacity(weights.count)
        var total = 0.0
        var last = -1
        for (i, w) in weights.enumerated() {
            precondition(w.isFinite && w >= 0, "WeightedChoice weights must be finite and >= 0")
            if w > 0 { last = i }
            total += w
            cum.append(total)
        }
        precondition(total > 0 && total.isFinite, "WeightedChoice weights must have a finite positive sum")
        cumulative = cum
        lastPositive = last
    }

    /// Number of weights (indices returned are in 0..<count).
    public var count: Int { cumulative.count }

    /// Draws one index (consumes exactly one `unitDouble()` word).
    @inline(__always)
    public func pick(_ stream: inout RandomStream) -> Int {
        let target = stream.unitDouble() * cumulative[cumulative.count - 1]
        // First index whose cumulative sum exceeds target; it has a positive weight because
        // cumulative[i] > target >= cumulative[i - 1].
        var lo = 0
        var hi = cumulative.count
        cumulative.withUnsafeBufferPointer { buf in
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if buf[mid] > target { hi = mid } else { lo = mid &+ 1 }
            }
        }
        return lo < cumulative.count ? lo : lastPositive
    }
}
