import Foundation
import Testing
@testable import Paranom

// MARK: - Helpers

/// SplitMix64, fixed seeds for reproducibility.


#if DEBUG
let scale = 1  // debug: the full counts (2M bit patterns, 1M + 1M); release doubles them
#else
let scale = 2
#endif

/// Checks one value; returns a failure description or nil. `buf` must hold 64 bytes.
func checkShortest(_ v: Double, _ buf: UnsafeMutablePointer<UInt8>) -> String? {
    for i in 0..<64 { buf[i] = 0xAA }
    let n = DecimalFormatter.writeShortest(v, to: buf)
    if n < 1 || n > DecimalFormatter.maxDoubleLength { return "length \(n) for \(v.bitPattern)" }
    for i in n..<64 where buf[i] != 0xAA { return "wrote past end for \(v.bitPattern)" }
    var expected = v.description
    let same = expected.withUTF8 { e -> Bool in
        guard e.count == n else { return false }
        for i in 0..<n where e[i] != buf[i] { return false }
        return true
    }
    let text = String(decoding: UnsafeBufferPointer(start: buf, count: n), as: UTF8.self)
    if !same { return "bits \(v.bitPattern): got \(text), description \(expected)" }
    guard let back = Double(text) else { return "unparsable \(text)" }
    if v.isNaN { return back.isNaN ? nil : "nan did not round-trip: \(text)" }
    if back.bitPattern != v.bitPattern { return "round trip \(text) -> \(back.bitPattern) != \(v.bitPattern)" }
    return nil
}

/// Runs `checkShortest` on `count` values from `make`, records at most a few failures.
func runShortest(count: Int, seed: UInt64, _ make: (inout SplitMix64) -> Double) {
    var rng = SplitMix64(seed: seed)
    let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    defer { buf.deallocate() }
    var failures = 0
    for _ in 0..<count {
        if let f = checkShortest(make(&rng), buf) {
            failures += 1
            if failures <= 5 { Issue.record(Comment(rawValue: f)) }
        }
    }
    #expect(failures == 0)
}

func checkAll(_ values: [Double]) {
    let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    defer { buf.deallocate() }
    for v in values {
        if let f = checkShortest(v, buf) { Issue.record(Comment(rawValue: f)) }
    }
}

func withNeighbours(_ values: [Double]) -> [Double] {
    var out: [Double] = []
    for v in values {
        var a = v, b = v
        out.append(v)
        for _ in 0..<3 { a = a.nextUp; b = b.nextDown; out.append(a); out.append(b) }
    }
    return out + out.map { -$0 }
}

// MARK: - writeShortest

@Suite struct ShortestTests {
    @Test func specialValues() {
        var values: [Double] = [
            0, -0.0, .infinity, -.infinity, .nan, -.nan, .signalingNaN,
            Double(bitPattern: 0x7FF8_0000_0000_0123), Double(bitPattern: 0xFFF0_0000_0000_0001),
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            0.1, 0.2, 0.3, 1.0 / 3.0, 2.0 / 3.0, 123.456, 1e23, 9.5, 0.5, 1.5, 2.5, 1e21, 1e22,
            Double(bitPattern: 0x000F_FFFF_FFFF_FFFF),  // largest subnormal
        ]
        values += withNeighbours([
            .leastNormalMagnitude, 0x1p53, 0x1p52, 0x1p54, 1e15, 1e16, 1e17, 1e-4, 1e-5, 1e-3, 1,
            0.1, 0.3, 1e23, 1e308, Double(bitPattern: 1), Double(bitPattern: 2), .greatestFiniteMagnitude.nextDown, 9_999_999_999_999_998,
        ].filter { $0.isFinite })
        for d in -3...3 { values.append(0x1p53 + Double(d)) }
        checkAll(values)
    }

    @Test func powersOfTwoAndTen() {
        var values: [Double] = []
        for e in -1074...1023 { values.append(Double(sign: .plus, exponent: e, significand: 1)) }
        for k in -323...308 {
            let v = Double("1e\(k)")!
            values += [v, v.nextUp, v.nextDown]
        }
        values += values.map { -$0 }
        checkAll(values)
    }

    @Test func smallIntegersAndDecimals() {
        var values: [Double] = []
        for i in -3000...3000 { values.append(Double(i)); values.append(Double(i) / 100); values.append(Double(i) / 1e6) }
        checkAll(values)
    }

    @Test func randomBitPatterns() {
        // Uniform over all finite bit patterns (both signs, subnormals included).
        runShortest(count: 1_000_000 * scale, seed: 1) { rng in
            while true {
                let b = rng.next()
                if (b >> 52) & 0x7FF != 0x7FF { return Double(bitPattern: b) }
            }
        }
    }

    @Test func randomBitPatterns2() {
        runShortest(count: 1_000_000 * scale, seed: 2) { rng in
            while true {
                let b = rng.next()
                if (b >> 52) & 0x7FF != 0x7FF { return Double(bitPattern: b) }
            }
        }
    }

    @Test func randomUnder1000() {
        runShortest(count: 1_000_000 * scale, seed: 3) { rng in rng.unit() * 1000 }
    }

    @Test func normalishMagnitudes() {
        // Gaussian values scaled by a random power of ten in 1e-8 ... 1e20.
        let p10: [Double] = (-8...20).map { Double("1e\($0)")! }
        runShortest(count: 1_000_000 * scale, seed: 4) { rng in
            rng.gaussian() * p10[Int(rng.next() % UInt64(p10.count))]
        }
    }

    @Test func shortDecimalsNearThresholds() {
        // Values with few digits around the notation switches (1e-4 and 2^53).
        runShortest(count: 200_000, seed: 5) { rng in
            let digits = rng.next() % 100_000
            let e = Int(rng.next() % 30) - 12
            return Double("\(digits)e\(e)")!
        }
    }
}

// MARK: - writeScaled

let powersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

func checkScaled(_ q: Int64, _ k: Int, _ buf: UnsafeMutablePointer<UInt8>) -> String? {
    for i in 0..<64 { buf[i] = 0xAA }
    let n = DecimalFormatter.writeScaled(q, decimals: k, to: buf)
    if n < 1 || n > DecimalFormatter.maxDoubleLength { return "length \(n) for \(q), \(k)" }
    for i in n..<64 where buf[i] != 0xAA { return "wrote past end for \(q), \(k)" }
    let text = String(decoding: UnsafeBufferPointer(start: buf, count: n), as: UTF8.self)
    let value = Double(q) / powersOfTen[k]
    let expected = value.description
    if text != expected { return "q \(q) k \(k): got \(text), description \(expected)" }
    guard let back = Double(text), back.bitPattern == value.bitPattern else { return "round trip \(text)" }
    return nil
}

@Suite struct ScaledTests {
    @Test func edges() {
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { buf.deallocate() }
        let big: Int64 = 1_000_000_000_000_000
        var cases: [(Int64, Int)] = [
            (0, 0), (0, 2), (0, 15), (150, 2), (100, 2), (-150, 2), (-100, 2), (1, 15), (-1, 15),
            (1, 4), (1, 5), (10, 5), (12345, 9), (1, 0), (-1, 0), (10, 0), (1500, 0),
            (big - 1, 0), (big - 1, 15), (-(big - 1), 7), (big, 0), (big, 3), (-big, 3), (big + 1, 2),
            (Int64.max, 0), (Int64.max, 5), (Int64.min, 0), (Int64.min, 15), (9_007_199_254_740_993, 0),
            (123_456_789_012_345, 15), (5, 1), (999, 3), (1000, 3), (1, 3), (1, 2),
        ]
        for k in 0...15 {
            for q: Int64 in [1, -1, 7, 10, 99, 100, 101, 12_345, big - 1, -(big - 1), big / 10, 999_999] {
                cases.append((q, k))
            }
        }
        for (q, k) in cases {
            if let f = checkScaled(q, k, buf) { Issue.record(Comment(rawValue: f)) }
        }
        // decimals above 15 fall back to the division by the exact power of ten.
        for k in 16...22 {
            let n = DecimalFormatter.writeScaled(12_345, decimals: k, to: buf)
            let text = String(decoding: UnsafeBufferPointer(start: buf, count: n), as: UTF8.self)
            #expect(text == (12_345.0 / powersOfTen[k]).description)
        }
    }

    @Test func random() {
        var rng = SplitMix64(seed: 11)
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { buf.deallocate() }
        let range: UInt64 = 2_000_000_000_000_000 - 1  // q in -(10^15 - 1) ... 10^15 - 1
        var failures = 0
        let count = 1_000_000 * (scale == 1 ? 1 : 2)
        for i in 0..<count {
            let q: Int64
            if i & 1 == 0 {
                q = Int64(rng.next() % range) - 999_999_999_999_999
            } else {
                // Varying digit counts, so that short values and trailing zeros are common.
                let digits = Int(rng.next() % 16)
                var p: UInt64 = 1
                for _ in 0..<digits { p *= 10 }
                let m = Int64(rng.next() % p)
                q = rng.next() & 1 == 0 ? m : -m
            }
            let k = Int(rng.next() % 16)
            if let f = checkScaled(q, k, buf) {
                failures += 1
                if failures <= 5 { Issue.record(Comment(rawValue: f)) }
            }
        }
        #expect(failures == 0)
    }

    @Test func twoDecimals() {
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { buf.deallocate() }
        var failures = 0
        for q in Int64(-200_000)...200_000 {
            if let f = checkScaled(q, 2, buf) {
                failures += 1
                if failures <= 5 { Issue.record(Comment(rawValue: f)) }
            }
        }
        #expect(failures == 0)
    }
}

// MARK: - writeInteger

@Suite struct IntegerTests {
    @Test func integers() {
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
        defer { buf.deallocate() }
        var values: [Int64] = [.min, .max, 0, 1, -1, 9, 10, -10, 99, 100, .min + 1, .max - 1]
        var p: Int64 = 1
        for _ in 0..<18 { p *= 10; values += [p, p - 1, p + 1, -p, -(p - 1)] }
        var rng = SplitMix64(seed: 21)
        for _ in 0..<200_000 {
            let r = Int64(bitPattern: rng.next())
            values.append(r)
            values.append(r >> (rng.next() % 64))
        }
        var failures = 0
        for v in values {
            let n = DecimalFormatter.writeInteger(v, to: buf)
            let text = String(decoding: UnsafeBufferPointer(start: buf, count: n), as: UTF8.self)
            if n > 20 || text != String(v) {
                failures += 1
                if failures <= 5 { Issue.record(Comment(rawValue: "\(v): got \(text)")) }
            }
        }
        #expect(failures == 0)
    }
}

// MARK: - Tables (verified with exact big-integer arithmetic)

/// Minimal unsigned big integer, little-endian 32-bit limbs.
struct BigUInt: Comparable {
    var limbs: [UInt32]
    init(_ v: UInt64) { limbs = [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]; trim() }
    init(lo: UInt64, hi: UInt64) {
        limbs = [lo, hi].flatMap { [UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $0 >> 32)] }
        trim()
    }
    mutating func trim() { while let l = limbs.last, l == 0 { limbs.removeLast() } }
    static func powerOfTwo(_ e: Int) -> BigUInt {
        var r = BigUInt(0)
        r.limbs = Array(repeating: 0, count: e / 32 + 1)
        r.limbs[e / 32] = 1 << UInt32(e % 32)
        return r
    }
    var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }
    static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let t = UInt64(x) * UInt64(y) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + b.limbs.count
            while carry != 0 {
                let t = UInt64(out[k]) + carry
                out[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        var r = BigUInt(0)
        r.limbs = out
        r.trim()
        return r
    }
    func shiftedLeft(_ s: Int) -> BigUInt { self * BigUInt.powerOfTwo(s) }
    func shiftedRight(_ s: Int) -> BigUInt {
        var out = [UInt32](repeating: 0, count: limbs.count)
        for bit in s..<max(s, bitLength) where (limbs[bit / 32] >> UInt32(bit % 32)) & 1 == 1 {
            out[(bit - s) / 32] |= 1 << UInt32((bit - s) % 32)
        }
        var r = BigUInt(0)
        r.limbs = out
        r.trim()
        return r
    }
    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }
}

@Suite struct TableTests {
    @Test func pow5Split() {
        let t = DecimalFormatter.pow5Split
        #expect(t.count == 2 * 326)
        var p = BigUInt(1)
        for i in 0..<326 {
            let j = p.bitLength - 125
            let expected = j >= 0 ? p.shiftedRight(j) : p.shiftedLeft(-j)
            #expect(BigUInt(lo: t[2 * i], hi: t[2 * i + 1]) == expected, "pow5Split[\(i)]")
            p = p * BigUInt(5)
        }
    }

    @Test func pow5InvSplit() {
        let t = DecimalFormatter.pow5InvSplit
        #expect(t.count == 2 * 342)
        var p = BigUInt(1)
        for i in 0..<342 {
            // entry == floor(2^j / 5^i) + 1  <=>  (entry - 1) * 5^i <= 2^j < entry * 5^i
            let j = p.bitLength - 1 + 125
            let entry = BigUInt(lo: t[2 * i], hi: t[2 * i + 1])
            let below = BigUInt(lo: t[2 * i] &- 1, hi: t[2 * i] == 0 ? t[2 * i + 1] - 1 : t[2 * i + 1])
            let two = BigUInt.powerOfTwo(j)
            #expect(!(two < below * p) && two < entry * p, "pow5InvSplit[\(i)]")
            p = p * BigUInt(5)
        }
    }
}

// MARK: - Digits and integers near 2^53

@Suite struct DigitTests {
    /// The SWAR 8-digit conversion, on every value below 200,000 and 300,000 random ones.
    @Test func eightDigitsMatchesDecimalText() {
        var rng = SplitMix64(seed: 11)
        var failures = 0
        func check(_ v: UInt64) {
            var word = DecimalFormatter.eightDigits(v).littleEndian
            let text = withUnsafeBytes(of: &word) { String(decoding: $0, as: UTF8.self) }
            let expected = String(repeating: "0", count: 8 - String(v).count) + String(v)
            if text != expected {
                failures += 1
                if failures <= 5 { Issue.record("eightDigits(\(v)) = \(text)") }
            }
        }
        for v in 0..<UInt64(200_000) { check(v) }
        for _ in 0..<300_000 { check(rng.next() % 100_000_000) }
        for v: UInt64 in [99_999_999, 10_000_000, 9_999_999, 99_990_000, 12_345_678] { check(v) }
        #expect(failures == 0)
    }

    /// writeDigits at every length from 1 to 20 digits, and writeInteger at the extremes.
    @Test func digitsOfEveryLength() {
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
        defer { buf.deallocate() }
        var rng = SplitMix64(seed: 12)
        var values: [UInt64] = [0, .max, 1 << 53, 10_000_000_000_000_000_000]
        var p: UInt64 = 1
        for _ in 0..<19 {
            values += [p, p - 1, p + 1, p * 9 + (p - 1), rng.next() % p + p]
            p *= 10
        }
        for v in values where v > 0 || true {
            for i in 0..<32 { buf[i] = 0xAA }
            let n = DecimalFormatter.decimalLength(v)
            DecimalFormatter.writeDigits(v, n, buf + 4)
            #expect(String(decoding: UnsafeBufferPointer(start: buf + 4, count: n), as: UTF8.self) == String(v))
            #expect((0..<4).allSatisfy { buf[$0] == 0xAA } && (4 + n..<32).allSatisfy { buf[$0] == 0xAA }, "\(v) wrote outside its digits")
        }
        for v: Int64 in [.min, .max, 0, -1, 1 << 53, -(1 << 53)] {
            let n = DecimalFormatter.writeInteger(v, to: buf)
            #expect(String(decoding: UnsafeBufferPointer(start: buf, count: n), as: UTF8.self) == String(v))
        }
    }

    /// Integers near 2^53 (where the notation switches and doubles stop being dense), and
    /// random integers from 2^50 to 2^56, round-trip and match `description`.
    @Test func integersNear2To53() {
        var values: [Double] = []
        for d in -2_000...2_000 {
            values.append(0x1p53 + Double(d))
            values.append(0x1p52 + Double(d))
            values.append(0x1p54 + Double(d) * 4)
        }
        checkAll(values + values.map { -$0 })
        runShortest(count: 200_000, seed: 13) { rng in
            Double(Int64(bitPattern: rng.next() % (1 << 56 - 1 << 50) + 1 << 50)) * (rng.next() & 1 == 0 ? 1 : -1)
        }
    }
}
