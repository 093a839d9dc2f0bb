/// Platform-independent elementary functions built from IEEE-exact operations only.
///
/// Every function uses only IEEE 754 basic operations (+, -, *, / in round-to-nearest, no fused
/// multiply-add), integer operations and bit manipulation, so results are bit-for-bit identical on
/// every conforming platform and compiler release (independent of any libm). Algorithms follow
/// fdlibm (Sun Microsystems) kernels. Accuracy figures are measured against Glibc on x86_64
/// (see the tests); they are not correctly rounded in all cases.
public enum ExactMath {
    // MARK: log

    /// Natural logarithm.
    ///
    /// Special values: `log(+0) = log(-0) = -inf`, `log(x < 0) = nan`, `log(nan) = nan`,
    /// `log(+inf) = +inf`, `log(1) = +0`. Subnormal inputs are handled exactly (rescaled by 2^54).
    /// Method: x = 2^k · m with m in [√½, √2), log(m) = 2·atanh(f/(2+f)) via the fdlibm minimax
    /// polynomial, k·ln2 added in two pieces. Measured max error: 1 ulp vs Glibc `log`, 0.81 ulp vs
    /// the exact value (Glibc `logl`), over log-spaced [1e-300, 1e300], values near 1, random bit
    /// patterns including subnormals.
    @inline(__always)
    public static func log(_ x: Double) -> Double {
        var ix = x.bitPattern
        var hx = UInt32(truncatingIfNeeded: ix >> 32)
        var k: Int32 = 0
        if hx < 0x0010_0000 || hx >> 31 != 0 {
            if ix << 1 == 0 { return -Double.infinity }   // ±0
            if hx >> 31 != 0 { return Double.nan }         // negative or negative-signed nan
            // Subnormal: scale up exactly.
            k = -54
            ix = (x * 0x1p54).bitPattern
            hx = UInt32(truncatingIfNeeded: ix >> 32)
        } else if hx >= 0x7FF0_0000 {
            return x                                       // +inf or nan
        } else if ix == 0x3FF0_0000_0000_0000 {
            return 0
        }
        // Reduce into [√½, √2).
        hx &+= 0x3FF0_0000 - 0x3FE6_A09E
        k += Int32(hx >> 20) - 0x3FF
        hx = (hx & 0x000F_FFFF) &+ 0x3FE6_A09E
        ix = UInt64(hx) << 32 | (ix & 0xFFFF_FFFF)
        let m = Double(bitPattern: ix)

        let f = m - 1.0
        let hfsq = 0.5 * f * f
        let s = f / (2.0 + f)
        let z = s * s
        let w = z * z
        let t1 = w * (lg2 + w * (lg4 + w * lg6))
        let t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)))
        let r = t2 + t1
        let dk = Double(k)
        return s * (hfsq + r) + dk * ln2Lo - hfsq + f + dk * ln2Hi
    }

    // MARK: exp

    /// Exponential function e^x.
    ///
    /// `exp(nan) = nan`, `exp(+inf) = +inf`, `exp(-inf) = +0`; overflows to +inf for
    /// x > 709.782712893384 and underflows to +0 for x < -745.1332191019411; results in the
    /// subnormal range are produced by a single final rounding. Method: Cody-Waite reduction
    /// x = k·ln2 + r (ln2 split in two), |r| <= ½ln2, fdlibm rational approximation, scaling by
    /// 2^k through the exponent bits. Measured max error over [-745, 709]: 1 ulp vs Glibc `exp`,
    /// 0.87 ulp vs the exact value (Glibc `expl`). Not always correctly rounded: e.g.
    /// `exp(1)` is e + 1 ulp.
    @inline(__always)
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893383973096 { return Double.infinity }
        if x < -745.13321910194110842 { return 0 }
        let ax = Swift.abs(x)
        var k = 0
        var hi = x, lo = 0.0, r = x
        if ax > 0.34657359027997264 {                      // |x| > ½ ln2
            if ax >= 1.0397207708399179 {                  // |x| >= 1.5 ln2
                k = Int(invLn2 * x + (x < 0 ? -0.5 : 0.5))
            } else {
                k = x < 0 ? -1 : 1
            }
            let dk = Double(k)
            hi = x - dk * ln2Hi                            // exact: k·ln2Hi has few bits
            lo = dk * ln2Lo
            r = hi - lo
        } else if ax < 0x1p-28 {
            return 1.0 + x
        }
        let rr = r * r
        let c = r - rr * (p1 + rr * (p2 + rr * (p3 + rr * (p4 + rr * p5))))
        let y = 1.0 + (r * c / (2.0 - c) - lo + hi)
        if k == 0 { return y }
        if k >= -1021 {
            return Double(bitPattern: y.bitPattern &+ (UInt64(bitPattern: Int64(k)) << 52))
        }
        // Subnormal result: build y·2^(k+1000) (normal, exact), then one rounding by 2^-1000.
        let scaled = Double(bitPattern: y.bitPattern &+ (UInt64(bitPattern: Int64(k + 1000)) << 52))
        return scaled * 0x1p-1000
    }

    // MARK: sin / cos in turns

    /// sin(2π · turns).
    ///
    /// Range reduction is exact: x = 4·turns (exact), q = nearest integer to x (computed with the
    /// IEEE 2^52 rounding trick), r = x − q (exact, |r| <= ½), θ = r·π/2 formed as a double-double
    /// (Dekker product, no FMA), then the quadrant q mod 4 selects ±sin/±cos on |θ| <= π/4 (fdlibm
    /// kernels). Gives exactly 0 at integer and half-integer turns and exactly ±1 at quarter turns.
    /// |turns| >= 2^52 is an integer, so the result is 0; non-finite input gives nan.
    /// Measured max error over [-1e6, 1e6]: 0.77 ulp vs Glibc `sinl` of the exactly reduced angle
    /// (and 1 ulp vs Glibc for small |turns|).
    @inline(__always)
    public static func sinTurns(_ turns: Double) -> Double {
        turnsKernel(turns, quadrantOffset: 0)
    }

    /// cos(2π · turns).
    ///
    /// Same exact reduction as `sinTurns`; gives exactly ±1 at integer and half-integer turns and
    /// exactly 0 at odd quarter turns. |turns| >= 2^52 gives 1; non-finite input gives nan.
    /// Measured max error over [-1e6, 1e6]: 0.78 ulp vs Glibc `cosl` of the exactly reduced angle.
    @inline(__always)
    public static func cosTurns(_ turns: Double) -> Double {
        turnsKernel(turns, quadrantOffset: 1)
    }

    @inline(__always)
    private static func turnsKernel(_ turns: Double, quadrantOffset: Int64) -> Double {
        if !turns.isFinite { return Double.nan }
        if Swift.abs(turns) >= 0x1p52 {
            return quadrantOffset == 0 ? 0.0 : 1.0
        }
        let x = 4.0 * turns                                // exact, |x| < 2^54
        let q: Double
        if Swift.abs(x) >= 0x1p52 {
            q = x                                          // already an integer
        } else if x >= 0 {
            q = (x + 0x1p52) - 0x1p52                      // round to nearest, ties to even
        } else {
            q = (x - 0x1p52) + 0x1p52
        }
        let r = x - q                                      // exact, |r| <= 0.5
        let quadrant = (Int64(q) &+ quadrantOffset) & 3

        // θ = r · π/2 as hi + lo (Dekker product of r with π/2's leading double).
        let rh = Double(bitPattern: r.bitPattern & 0xFFFF_FFFF_F800_0000)
        let rl = r - rh
        let p = r * pio2Hi
        let e = ((rh * pio2HiH - p) + rh * pio2HiL + rl * pio2HiH) + rl * pio2HiL
        let y0 = e + r * pio2Lo
        let th = p + y0
        let tl = y0 - (th - p)

        switch quadrant {
        case 0: return kernelSin(th, tl)
        case 1: return kernelCos(th, tl)
        case 2: return 0.0 - kernelSin(th, tl)
        default: return 0.0 - kernelCos(th, tl)
        }
    }

    /// fdlibm __kernel_sin(x, y, 1) on |x| <= π/4, y the tail of x.
    @inline(__always)
    private static func kernelSin(_ x: Double, _ y: Double) -> Double {
        let z = x * x
        let w = z * z
        let r = s2 + z * (s3 + z * s4) + z * w * (s5 + z * s6)
        let v = z * x
        return x - ((z * (0.5 * y - v * r) - y) - v * s1)
    }

    /// fdlibm __kernel_cos(x, y) on |x| <= π/4, y the tail of x.
    @inline(__always)
    private static func kernelCos(_ x: Double, _ y: Double) -> Double {
        let z = x * x
        let w = z * z
        let r = z * (c1 + z * (c2 + z * c3)) + w * w * (c4 + z * (c5 + z * c6))
        let hz = 0.5 * z
        let ww = 1.0 - hz
        return ww + (((1.0 - ww) - hz) + (z * r - x * y))
    }

    // MARK: rounding

    /// x rounded to the nearest integer, ties to even: the same as `x.rounded(.toNearestOrEven)`
    /// (sign of zero included), by the IEEE 2^52 trick, so that it needs no call into the C
    /// library on targets without a rounding instruction (x86-64 before SSE4.1).
    @inline(__always)
    public static func roundedToNearestEven(_ x: Double) -> Double {
        guard Swift.abs(x) < 0x1p52 else { return x }      // already an integer, or inf or nan
        return Double(signOf: x, magnitudeOf: (Swift.abs(x) + 0x1p52) - 0x1p52)
    }

    // MARK: constants (fdlibm)

    private static let ln2Hi = 6.93147180369123816490e-01   // 0x3FE62E42FEE00000
    private static let ln2Lo = 1.90821492927058770002e-10   // 0x3DEA39EF35793C76
    private static let invLn2 = 1.44269504088896338700e+00

    private static let lg1 = 6.666666666666735130e-01
    private static let lg2 = 3.999999999940941908e-01
    private static let lg3 = 2.857142874366239149e-01
    private static let lg4 = 2.222219843214978396e-01
    private static let lg5 = 1.818357216161805012e-01
    private static let lg6 = 1.531383769920937332e-01
    private static let lg7 = 1.479819860511658591e-01

    private static let p1 = 1.66666666666666019037e-01
    private static let p2 = -2.77777777770155933842e-03
    private static let p3 = 6.61375632143793436117e-05
    private static let p4 = -1.65339022054652515390e-06
    private static let p5 = 4.13813679705723846039e-08

    private static let s1 = -1.66666666666666324348e-01
    private static let s2 = 8.33333333332248946124e-03
    private static let s3 = -1.98412698298579493134e-04
    private static let s4 = 2.75573137070700676789e-06
    private static let s5 = -2.50507602534068634195e-08
    private static let s6 = 1.58969099521155010221e-10

    private static let c1 = 4.16666666666666019037e-02
    private static let c2 = -1.38888888888741095749e-03
    private static let c3 = 2.48015872894767294178e-05
    private static let c4 = -2.75573143513906633035e-07
    private static let c5 = 2.08757232129817482790e-09
    private static let c6 = -1.13596475577881948265e-11

    /// π/2 rounded to double, and the remainder π/2 − pio2Hi.
    private static let pio2Hi = 1.5707963267948966          // 0x3FF921FB54442D18
    private static let pio2Lo = 6.123233995736766e-17       // 0x3C91A62633145C07
    /// pio2Hi split: leading 26 significant bits and the exact remainder.
    private static let pio2HiH = 0x1.921fb5p0                 // 0x3FF921FB50000000
    private static let pio2HiL = 0x4442d18p-52               // pio2Hi - pio2HiH
}
