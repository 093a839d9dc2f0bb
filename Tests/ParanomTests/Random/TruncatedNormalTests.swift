import Glibc
import Testing
@testable import Paranom

/// Theoretical mean and variance of the standard normal truncated to [a, b] (Glibc erfc/exp).
func truncatedMoments(_ a: Double, _ b: Double) -> (mean: Double, variance: Double) {
    let r2 = 2.0.squareRoot()
    func phi(_ x: Double) -> Double { x.isInfinite ? 0 : Glibc.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }
    func xphi(_ x: Double) -> Double { x.isInfinite ? 0 : x * phi(x) }
    let mass: Double
    if a >= 0 {
        mass = (erfc(a / r2) - erfc(b / r2)) / 2
    } else if b <= 0 {
        mass = (erfc(-b / r2) - erfc(-a / r2)) / 2
    } else {
        mass = 1 - (erfc(-a / r2) + erfc(b / r2)) / 2
    }
    let mean = (phi(a) - phi(b)) / mass
    let variance = 1 + (xphi(a) - xphi(b)) / mass - mean * mean
    return (mean, variance)
}

@Suite struct TruncatedNormalTests {
    /// (mean, std, min, max) cases covering every sampler branch.
    static let cases: [(Double, Double, Double, Double)] = [
        (0, 1, -1, 1),                       // contains 0, narrow: uniform, m = 0
        (0, 1, -0.5, 3),                     // contains 0, wide: plain normal rejection
        (0, 1, 0, .infinity),                // one-sided from 0: half-normal
        (0, 1, 0.1, 3),                      // half-normal
        (0, 1, 2, 3),                        // exponential
        (0, 1, 1, 1.5),                      // one-sided narrow: uniform, m = a²
        (0, 1, 8, 9),                        // far tail: exponential
        (0, 1, -9, -8),                      // mirrored far tail
        (0, 1, -.infinity, -10),             // mirrored one-sided far tail
        (0, 1, 5, 5 + 1e-6),                 // very narrow
        (0, 1, -.infinity, .infinity),       // untruncated
        (0, 1, -.infinity, 0.3),             // wide containing 0
        (10, 2, 26, 28),                     // scaled: [8, 9] sigma
        (-3, 0.5, -3.25, -2.5),              // scaled, contains mean
    ]

    @Test(arguments: 0..<cases.count)
    func boundsAndMean(_ index: Int) {
        let (mu, sigma, lo, hi) = Self.cases[index]
        var s = RandomStream(testGenerator, row: UInt64(index), stream: 1, purpose: 9)
        let n = 40_000
        var sum = 0.0
        for _ in 0..<n {
            let x = s.normal(mean: mu, std: sigma, min: lo, max: hi)
            #expect(x >= lo && x <= hi)
            sum += (x - mu) / sigma
        }
        let a = (lo - mu) / sigma, b = (hi - mu) / sigma
        let mean = sum / Double(n)
        let theory = truncatedMoments(a, b)
        let sd = (b - a < 1e-3) ? (b - a) / 12.0.squareRoot() : theory.variance.squareRoot()
        let tolerance = 6 * sd / Double(n).squareRoot()
        #expect(abs(mean - theory.mean) < tolerance, "case \(index): mean \(mean) vs \(theory.mean)")
    }

    @Test func narrowIntervalIsNotConstant() {
        var s = RandomStream(testGenerator, row: 1, stream: 1, purpose: 1)
        var values = Set<Double>()
        for _ in 0..<1000 { values.insert(s.normal(mean: 0, std: 1, min: 5, max: 5 + 1e-6)) }
        #expect(values.count > 900)
    }

    @Test func degenerateInputs() {
        var s = RandomStream(testGenerator, row: 1, stream: 1, purpose: 2)
        #expect(s.normal(mean: 0, std: 1, min: 2, max: 2) == 2)
        #expect(s.normal(mean: 5, std: 0, min: 0, max: 1) == 1)
        #expect(s.normal(mean: 0.5, std: 0, min: 0, max: 1) == 0.5)
        #expect(s.normal(mean: 0, std: 1e-300, min: 1e10, max: 2e10) == 1e10)
        let x = s.normal(mean: 0, std: 1, min: 40, max: .infinity)
        #expect(x >= 40 && x < 40.2)
    }

    @Test func deterministic() {
        var a = RandomStream(testGenerator, row: 8, stream: 8, purpose: 8)
        var b = a
        for _ in 0..<1000 {
            #expect(a.normal(mean: 1, std: 2, min: 17, max: 19) == b.normal(mean: 1, std: 2, min: 17, max: 19))
        }
    }
}

@Suite struct WeightedChoiceTests {
    @Test func frequencies() {
        let wc = WeightedChoice(weights: [3, 1, 0, 6])
        #expect(wc.count == 4)
        var s = RandomStream(testGenerator, row: 2, stream: 0, purpose: 0)
        var counts = [0, 0, 0, 0]
        let n = 100_000
        for _ in 0..<n { counts[wc.pick(&s)] += 1 }
        #expect(counts[2] == 0)
        #expect(abs(Double(counts[0]) / Double(n) - 0.3) < 0.01)
        #expect(abs(Double(counts[1]) / Double(n) - 0.1) < 0.01)
        #expect(abs(Double(counts[3]) / Double(n) - 0.6) < 0.01)
    }

    @Test func zeroWeightsAtEnds() {
        let wc = WeightedChoice(weights: [0, 0, 2, 0, 0])
        var s = RandomStream(testGenerator, row: 3, stream: 0, purpose: 0)
        for _ in 0..<10_000 { #expect(wc.pick(&s) == 2) }
        let single = WeightedChoice(weights: [1])
        #expect(single.pick(&s) == 0)
    }

    @Test func oneWordPerPick() {
        let wc = WeightedChoice(weights: [1, 2, 3, 4, 5])
        var s = RandomStream(testGenerator, row: 4, stream: 0, purpose: 0)
        var t = s
        for _ in 0..<100 {
            let i = wc.pick(&s)
            let u = t.unitDouble() * 15
            let cum: [Double] = [1, 3, 6, 10, 15]
            #expect(i == cum.firstIndex { $0 > u }!)
        }
    }
}
