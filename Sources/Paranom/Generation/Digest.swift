/// A dataset's digest: a 128-bit value computed from its rows alone.
///
/// Each stored value contributes a hash of (row, column id, value bits); the digest is the
/// sum of those hashes in two 64-bit lanes. Sums do not depend on order, so the digest of a
/// dataset does not depend on how its rows were split into segments or threads, and the
/// digest of a grown dataset is the old digest plus that of the new rows. It detects any
/// change to a value, a row's position or a label; it is not a cryptographic hash.
public struct Digest: Sendable, Equatable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public static let zero = Digest(high: 0, low: 0)

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the 32 hexadecimal digits that `description` prints.
    public init?(hex: String) {
        guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else { return nil }
        self.init(high: high, low: low)
    }

    public var description: String {
        func hex(_ v: UInt64) -> String {
            let digits = String(v, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(high) + hex(low)
    }

    public static func + (a: Digest, b: Digest) -> Digest {
        Digest(high: a.high &+ b.high, low: a.low &+ b.low)
    }

    public static func - (a: Digest, b: Digest) -> Digest {
        Digest(high: a.high &- b.high, low: a.low &- b.low)
    }

    /// The digest of one column's values for the rows from `start`, given as 64-bit patterns.
    ///
    /// Optimised for size (and so never inlined into a caller optimised for speed) so that LLVM
    /// keeps the loop scalar: x86-64's baseline (SSE2) has no 64-bit vector multiply, and the
    /// vector loop it would make is about 20% slower. A build for a processor with AVX2
    /// (`tools/build-release` sets PARANOM_AVX2 there) lets LLVM vectorise it: the loop then
    /// takes about 0.6 times as long as the scalar one.
    #if PARANOM_AVX2
    @inline(never)
    #else
    @inline(never) @_optimize(size)
    #endif
    static func of(column: UInt32, start: Int64, bits: UnsafeBufferPointer<UInt64>) -> Digest {
        let salt = UInt64(column) &* 0xC2B2_AE3D_27D4_EB4F
        var high: UInt64 = 0, low: UInt64 = 0
        var row = UInt64(bitPattern: start)
        for value in bits {
            let key = mix(row &* 0x9E37_79B9_7F4A_7C15 &+ salt)
            let x = value ^ key
            high &+= mix(x)
            low &+= mix(x &+ 0x632B_E59B_D9B4_E019)
            row &+= 1
        }
        return Digest(high: high, low: low)
    }

    /// The digest of one column's values for the rows from `start`.
    static func of(column: UInt32, start: Int64, values: ColumnValues) -> Digest {
        values.withBitPatterns { of(column: column, start: start, bits: $0) }
    }

    /// The finalizer of MurmurHash3's 64-bit variant: a bijective mix of all bits.
    @inline(__always)
    static func mix(_ v: UInt64) -> UInt64 {
        var x = v
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
