/// Philox4x64-10 (Random123, Salmon et al., SC'11): a counter-based generator.
///
/// A pure function of (key, counter): the same key and counter give the same four 64-bit words on
/// every platform. Uses only integer operations (64x64->128 multiplies, xor, wrapping adds) with
/// 10 rounds, multipliers 0xD2E7470EE14C6C93 / 0xCA5A826395121157 and Weyl key increments
/// 0x9E3779B97F4A7C15 / 0xBB67AE8584CAA73B. Matches the Random123 known-answer vectors.
public struct Philox4x64: Sendable, Hashable {
    /// First key word.
    public let key0: UInt64
    /// Second key word.
    public let key1: UInt64

    /// Creates a generator for a 128-bit key; any values are valid.
    @inline(__always)
    public init(key0: UInt64, key1: UInt64) {
        self.key0 = key0
        self.key1 = key1
    }

    /// Returns the four output words for a counter.
    ///
    /// Distinct counters (under one key) give independent-looking, non-repeating blocks; the
    /// function has no state, so blocks can be computed in any order or in parallel.
    @inline(__always)
    public func block(
        _ c0: UInt64, _ c1: UInt64, _ c2: UInt64, _ c3: UInt64
    ) -> (UInt64, UInt64, UInt64, UInt64) {
        var x0 = c0, x1 = c1, x2 = c2, x3 = c3
        var k0 = key0, k1 = key1
        Self.round(&x0, &x1, &x2, &x3, k0, k1)
        for _ in 1..<10 {
            k0 &+= 0x9E37_79B9_7F4A_7C15
            k1 &+= 0xBB67_AE85_84CA_A73B
            Self.round(&x0, &x1, &x2, &x3, k0, k1)
        }
        return (x0, x1, x2, x3)
    }

    /// One Philox S-box/P-box round.
    @inline(__always)
    private static func round(
        _ x0: inout UInt64, _ x1: inout UInt64, _ x2: inout UInt64, _ x3: inout UInt64,
        _ k0: UInt64, _ k1: UInt64
    ) {
        let p0 = UInt64(0xD2E7_470E_E14C_6C93).multipliedFullWidth(by: x0)
        let p1 = UInt64(0xCA5A_8263_9512_1157).multipliedFullWidth(by: x2)
        let n0 = p1.high ^ x1 ^ k0
        let n2 = p0.high ^ x3 ^ k1
        x0 = n0
        x1 = p1.low
        x2 = n2
        x3 = p0.low
    }
}
