import Glibc
import Testing
@testable import Paranom

let testGenerator = Philox4x64(key0: 0x1234_5678_9ABC_DEF0, key1: 0x0FED_CBA9_8765_4321)

func makeStream(row: UInt64 = 1, stream: UInt64 = 2, purpose: UInt64 = 3) -> RandomStream {
    RandomStream(testGenerator, row: row, stream: stream, purpose: purpose)
}

@Suite struct RandomStreamTests {
    @Test func streamID() {
        #expect(RandomStream.streamID(variable: 3, attempt: 0) == 3 << 32)
        #expect(RandomStream.streamID(variable: 0xFFFF_FFFF, attempt: 0xFFFF_FFFF) == UInt64.max)
        #expect(RandomStream.streamID(variable: 1, attempt: 5) == 0x1_0000_0005)
    }

    @Test func sameInputsSameWords() {
        var a = makeStream(), b = makeStream()
        for _ in 0..<100 { #expect(a.nextWord() == b.nextWord()) }
    }

    @Test func differentCountersDifferentWords() {
        func first8(_ s: RandomStream) -> [UInt64] {
            var s = s
            return (0..<8).map { _ in s.nextWord() }
        }
        let base = first8(makeStream())
        #expect(base != first8(makeStream(row: 9)))
        #expect(base != first8(makeStream(stream: 9)))
        #expect(base != first8(makeStream(purpose: 9)))
        #expect(base != first8(RandomStream(Philox4x64(key0: 1, key1: 1), row: 1, stream: 2, purpose: 3)))
    }

    @Test func counterLayout() {
        var s = makeStream(row: 11, stream: 22, purpose: 33)
        let b0 = testGenerator.block(11, 22, 0, 33)
        let b1 = testGenerator.block(11, 22, 1, 33)
        let b2 = testGenerator.block(11, 22, 2, 33)
        let expected = [b0.0, b0.1, b0.2, b0.3, b1.0, b1.1, b1.2, b1.3, b2.0]
        let got = (0..<9).map { _ in s.nextWord() }
        #expect(got == expected)
        #expect(got[4] == b1.0)   // word 5 starts block 1
    }

    @Test func unitDoubleRanges() {
        var s = makeStream()
        var minU = 1.0, maxU = 0.0
        for _ in 0..<100_000 {
            let u = s.unitDouble()
            #expect(u >= 0 && u < 1)
            minU = min(minU, u); maxU = max(maxU, u)
            let v = s.unitDoubleOpenClosed()
            #expect(v > 0 && v <= 1)
        }
        #expect(minU < 1e-3 && maxU > 1 - 1e-3)
        // Exact mapping of the word.
        var a = makeStream(), b = makeStream()
        let w = a.nextWord()
        #expect(b.unitDouble() == Double(w >> 11) * 0x1p-53)
        var c = makeStream()
        #expect(c.unitDoubleOpenClosed() == Double((w >> 11) + 1) * 0x1p-53)
    }

    @Test func uniformBounds() {
        var s = makeStream()
        for (a, b) in [(-3.0, 7.0), (0.1, 0.1 + 1e-15), (1e300, 1.5e300), (-2.5, -2.5), (5.0, 5.0)] {
            var sum = 0.0
            for _ in 0..<10_000 {
                let x = s.uniform(a, b)
                #expect(x >= a && x <= b)
                sum += x
            }
            if a == b { #expect(sum == 10_000 * a) }
        }
        let huge = Double.greatestFiniteMagnitude
        for _ in 0..<1000 {
            let x = s.uniform(-huge, huge)
            #expect(x.isFinite)
        }
        var mean = 0.0
        for _ in 0..<100_000 { mean += s.uniform(2, 4) }
        #expect(abs(mean / 100_000 - 3) < 0.01)
    }

    @Test func integerBoundsInclusive() {
        var s = makeStream()
        for (a, b) in [(Int64(0), Int64(1)), (-3, 3), (5, 5), (Int64.max - 2, Int64.max), (Int64.min, Int64.min + 1)] {
            var seen = Set<Int64>()
            for _ in 0..<2000 {
                let x = s.integer(a, b)
                #expect(x >= a && x <= b)
                seen.insert(x)
            }
            #expect(seen.count == Int(b - a) + 1)
        }
    }

    @Test func integerFullRange() {
        var s = makeStream(), t = makeStream()
        var neg = 0
        for _ in 0..<10_000 {
            let x = s.integer(.min, .max)
            #expect(x == Int64(bitPattern: t.nextWord()))
            if x < 0 { neg += 1 }
        }
        #expect(neg > 4_500 && neg < 5_500)
    }

    @Test func integerChiSquare() {
        var s = makeStream(row: 77)
        var counts = [Int](repeating: 0, count: 10)
        let n = 100_000
        for _ in 0..<n { counts[Int(s.integer(0, 9))] += 1 }
        let e = Double(n) / 10
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - e) * (Double($1) - e) / e }
        #expect(chi2 < 40)   // 9 dof; p ~ 1e-5
    }

    @Test func integerRejectionHeavyRange() {
        // n = 3·2^62: 2^64 mod n = 2^62, so a quarter of words are rejected.
        let a = Int64.min
        let b = Int64.min &+ Int64(bitPattern: 3 << 62 - 1)
        var s = makeStream(row: 5)
        var counts = [0, 0, 0]
        let n = 60_000
        for _ in 0..<n {
            let x = s.integer(a, b)
            #expect(x >= a && x <= b)
            counts[Int(UInt64(bitPattern: x &- a) >> 62)] += 1
        }
        for c in counts { #expect(abs(Double(c) / Double(n) - 1.0 / 3) < 0.01) }
        // Determine consumption: the next word of `s` must equal word k of a fresh stream, k ≈ 4n/3.
        var fresh = makeStream(row: 5)
        let next = s.nextWord()
        var k = 0
        while fresh.nextWord() != next && k < 4 * n { k += 1 }
        #expect(Double(k) > 1.25 * Double(n) && Double(k) < 1.42 * Double(n))
    }

    @Test func standardNormalMoments() {
        var s = makeStream(row: 3)
        let n = 200_000
        var sum = 0.0, sum2 = 0.0, sum4 = 0.0
        for _ in 0..<n {
            let z = s.standardNormal()
            sum += z; sum2 += z * z; sum4 += z * z * z * z
        }
        let mean = sum / Double(n)
        let variance = sum2 / Double(n) - mean * mean
        #expect(abs(mean) < 0.01)
        #expect(abs(variance.squareRoot() - 1) < 0.01)
        #expect(abs(sum4 / Double(n) - 3) < 0.1)
    }

    @Test func bernoulliFrequencies() {
        var s = makeStream(row: 4)
        for p in [0.0, 0.1, 0.5, 0.93, 1.0] {
            var hits = 0
            for _ in 0..<50_000 where s.bernoulli(p) { hits += 1 }
            let f = Double(hits) / 50_000
            if p == 0 || p == 1 { #expect(f == p) } else { #expect(abs(f - p) < 0.01) }
        }
    }
}
