import Glibc
import Testing
@testable import Paranom

/// |got − ref| in units of ref's ulp (0 when identical, infinite on a special-value mismatch).
func ulpError(_ got: Double, _ ref: Double) -> Double {
    if got == ref || (got.isNaN && ref.isNaN) { return 0 }
    if !got.isFinite || !ref.isFinite { return .infinity }
    return abs(got - ref) / ref.ulp
}

/// Error against a Float80 reference, in ulps of the Double nearest the reference.
func ulpError80(_ got: Double, _ ref: Float80) -> Double {
    let refD = Double(ref)
    if got == refD { return 0 }
    return Double(abs(Float80(got) - ref) / Float80(refD.ulp))
}

/// Deterministic pseudo-random inputs for the sweeps.
struct Inputs {
    var s = RandomStream(Philox4x64(key0: 99, key1: 7), row: 0, stream: 0, purpose: 0)
    mutating func uniform(_ a: Double, _ b: Double) -> Double { s.uniform(a, b) }
    mutating func word() -> UInt64 { s.nextWord() }
}

/// Glibc-style reference for sin/cos(2π·t): exact reduction to |θ| <= π/4, then sinl/cosl.
func turnsReference(_ t: Double, cosine: Bool) -> Float80 {
    let x = 4 * t
    let q = x.rounded(.toNearestOrEven)
    let r = x - q
    let theta = Float80(r) * (Float80.pi / 2)
    let quadrant = (Int64(q) + (cosine ? 1 : 0)) & 3
    switch quadrant {
    case 0: return sinl(theta)
    case 1: return cosl(theta)
    case 2: return -sinl(theta)
    default: return -cosl(theta)
    }
}

@Suite struct ExactMathTests {
    @Test func roundedToNearestEvenMatchesTheStandardLibrary() {
        func check(_ x: Double) {
            let got = ExactMath.roundedToNearestEven(x), want = x.rounded(.toNearestOrEven)
            #expect(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN), "\(x)")
        }
        let special: [Double] = [0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                                 0x1p52 - 0.5, -(0x1p52 - 0.5), 0x1p52, 0x1p52 + 1, 0x1p53 + 2, -0x1p53, .infinity, -.infinity,
                                 .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude]
        special.forEach(check)
        var inputs = Inputs()
        for _ in 0..<200_000 {
            check(Double(bitPattern: inputs.word()))
            check(inputs.uniform(-1e6, 1e6))
            check((inputs.uniform(-1e4, 1e4) * 100).rounded(.towardZero) + 0.5)
        }
    }

    @Test func logAccuracy() {
        var maxErr = 0.0, maxErr80 = 0.0
        func check(_ x: Double) {
            let got = ExactMath.log(x)
            maxErr = max(maxErr, ulpError(got, Glibc.log(x)))
            maxErr80 = max(maxErr80, ulpError80(got, logl(Float80(x))))
        }
        let lo = Glibc.log(1e-300), hi = Glibc.log(1e300)
        let n = 200_000
        for i in 0...n { check(Glibc.exp(lo + (hi - lo) * Double(i) / Double(n))) }
        for k in -50_000...50_000 { check(1 + Double(k) * 0x1p-30) }
        var x = 1.0, y = 1.0
        for _ in 0..<2000 { x = x.nextUp; y = y.nextDown; check(x); check(y) }
        var inputs = Inputs()
        for _ in 0..<200_000 {
            // Random positive finite bit patterns (includes subnormals).
            check(Double(bitPattern: inputs.word() % 0x7FEF_FFFF_FFFF_FFFF + 1))
            check(inputs.uniform(0.5, 2))
        }
        print("ExactMath.log max ulp error: vs Glibc log \(maxErr), vs logl \(maxErr80)")
        #expect(maxErr <= 2)
        #expect(maxErr80 <= 2)
    }

    @Test func logSpecialValues() {
        #expect(ExactMath.log(0) == -.infinity)
        #expect(ExactMath.log(-0.0) == -.infinity)
        #expect(ExactMath.log(-1).isNaN)
        #expect(ExactMath.log(-.infinity).isNaN)
        #expect(ExactMath.log(.nan).isNaN)
        #expect(ExactMath.log(.infinity) == .infinity)
        #expect(ExactMath.log(1) == 0)
        #expect(ulpError(ExactMath.log(.leastNonzeroMagnitude), Glibc.log(.leastNonzeroMagnitude)) <= 1)
        #expect(ulpError(ExactMath.log(.greatestFiniteMagnitude), Glibc.log(.greatestFiniteMagnitude)) <= 1)
        #expect(ExactMath.log(2) == 0.6931471805599453)
    }

    @Test func expAccuracy() {
        var maxErr = 0.0, maxErr80 = 0.0
        func check(_ x: Double) {
            let got = ExactMath.exp(x)
            maxErr = max(maxErr, ulpError(got, Glibc.exp(x)))
            maxErr80 = max(maxErr80, ulpError80(got, expl(Float80(x))))
        }
        let n = 500_000
        for i in 0...n { check(-745 + (709 + 745) * Double(i) / Double(n)) }
        var inputs = Inputs()
        for _ in 0..<200_000 {
            check(inputs.uniform(-745.1, 709.78))
            check(inputs.uniform(-2, 2))
            check(inputs.uniform(-1e-8, 1e-8))
            check(inputs.uniform(-745.13, -708))   // subnormal results
        }
        print("ExactMath.exp max ulp error: vs Glibc exp \(maxErr), vs expl \(maxErr80)")
        #expect(maxErr <= 2)
        #expect(maxErr80 <= 2)
    }

    @Test func expSpecialValues() {
        #expect(ExactMath.exp(0) == 1)
        #expect(ExactMath.exp(-0.0) == 1)
        #expect(ExactMath.exp(.infinity) == .infinity)
        #expect(ExactMath.exp(-.infinity) == 0)
        #expect(ExactMath.exp(.nan).isNaN)
        #expect(ExactMath.exp(710) == .infinity)
        #expect(ExactMath.exp(-746) == 0)
        #expect(ExactMath.exp(709.78).isFinite)
        #expect(ExactMath.exp(-745) == Glibc.exp(-745))          // 5e-324
        #expect(ExactMath.exp(-740).isSubnormal)
        #expect(ExactMath.exp(1e-300) == 1)
    }

    @Test func turnsAccuracy() {
        var maxSin = 0.0, maxCos = 0.0
        func check(_ t: Double) {
            maxSin = max(maxSin, ulpError80(ExactMath.sinTurns(t), turnsReference(t, cosine: false)))
            maxCos = max(maxCos, ulpError80(ExactMath.cosTurns(t), turnsReference(t, cosine: true)))
        }
        var inputs = Inputs()
        for _ in 0..<200_000 {
            check(inputs.uniform(-1e6, 1e6))
            check(inputs.uniform(-1, 1))
            check(inputs.uniform(-1e-6, 1e-6))
        }
        for k in -400...400 {
            let base = Double(k) / 8
            var a = base, b = base
            for _ in 0..<20 { a = a.nextUp; b = b.nextDown; check(a); check(b) }
        }
        // Small angles: compare directly with Glibc sin(2π t) too (no reduction needed).
        var maxDirect = 0.0
        for _ in 0..<100_000 {
            let t = inputs.uniform(-1e-3, 1e-3)
            let ref = Double(sinl(2 * Float80.pi * Float80(t)))
            maxDirect = max(maxDirect, ulpError(ExactMath.sinTurns(t), ref))
        }
        print("ExactMath.sinTurns max ulp error \(maxSin), cosTurns \(maxCos), small-angle direct \(maxDirect)")
        #expect(maxSin <= 2)
        #expect(maxCos <= 2)
        #expect(maxDirect <= 2)
    }

    @Test func turnsExactValues() {
        for k in -1000...1000 {
            let t = Double(k)
            #expect(ExactMath.sinTurns(t) == 0)
            #expect(ExactMath.sinTurns(t + 0.5) == 0)
            #expect(ExactMath.cosTurns(t) == 1)
            #expect(ExactMath.cosTurns(t + 0.5) == -1)
            #expect(ExactMath.sinTurns(t + 0.25) == 1)
            #expect(ExactMath.sinTurns(t + 0.75) == -1)
            #expect(ExactMath.cosTurns(t + 0.25) == 0)
            #expect(ExactMath.cosTurns(t + 0.75) == 0)
        }
        #expect(ExactMath.sinTurns(1e6 + 0.5) == 0)
        #expect(ExactMath.sinTurns(1e20) == 0)
        #expect(ExactMath.cosTurns(1e20) == 1)
        #expect(ExactMath.sinTurns(0x1p50 - 0.25) == -1)
        #expect(ExactMath.sinTurns(0x1p50 + 0.25) == 1)
        #expect(ExactMath.cosTurns(0x1p50 + 0.25) == 0)
        #expect(ExactMath.sinTurns(.infinity).isNaN)
        #expect(ExactMath.cosTurns(-.infinity).isNaN)
        #expect(ExactMath.sinTurns(.nan).isNaN)
        #expect(ExactMath.sinTurns(-0.25) == -1)
        #expect(ExactMath.sinTurns(1.0 / 12) == 0.5 || ulpError(ExactMath.sinTurns(1.0 / 12), 0.5) <= 1)
    }
}
