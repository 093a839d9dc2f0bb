/// How a column block's values are laid out before compression (FORMAT.md, "Block encodings").
///
/// - `f64`: the IEEE bit patterns of float64 values, byte-shuffled: 8 planes of `n` bytes,
///   plane j holding byte j (little-endian) of every value.
/// - `for`: integers as offsets from `base` in `width` bytes (0, 1, 2, 4 or 8), byte-shuffled
///   into `width` planes; value i = base + offset i.
/// - `delta`: like `for`, but what is stored is the difference from the previous value:
///   value 0 = `reference`, value i = value (i - 1) + (base + offset i) for i ≥ 1 (offset 0 is
///   stored as 0 and not used). Wrapping 64-bit arithmetic.
/// A float64 column with `round: k` is stored as the integers q = value · 10^k (`for` or
/// `delta`) with `decimals` = k; the value is q / 10^k in IEEE division, bit-identical.
struct BlockLayout: Sendable, Equatable {
    enum Kind: String, Sendable { case f64, `for`, delta }
    var kind: Kind
    var decimals: Int?
    var base: Int64 = 0
    var width: Int = 8
    var reference: Int64 = 0
}

/// One column's encoded values, ready to compress.
struct EncodedColumn {
    var layout: BlockLayout
    var bytes: [UInt8]
    /// The smallest and largest value, for the manifest's block statistics.
    var minimum: SQLValue
    var maximum: SQLValue
}

enum ColumnEncoding {
    /// Encodes a column, choosing the smallest layout that reproduces every value exactly.
    static func encode(_ values: ColumnValues, decimals: Int?) -> EncodedColumn {
        switch values {
        case let .integer(v):
            return encodeIntegers(v, decimals: nil)
        case let .double(v):
            if let decimals, let scaled = scaledIntegers(v, decimals: decimals) {
                var encoded = encodeIntegers(scaled, decimals: decimals)
                // q ↦ q / 10^k is monotonic and gives each value back bit for bit (never −0).
                let scale = exactPowerOfTen(decimals)
                if case let .integer(low) = encoded.minimum, case let .integer(high) = encoded.maximum {
                    encoded.minimum = .real(Double(low) / scale)
                    encoded.maximum = .real(Double(high) / scale)
                }
                return encoded
            }
            let (low, high) = extremes(v)
            let bytes = v.withUnsafeBufferPointer { values in shuffle(count: values.count, width: 8) { values[$0].bitPattern } }
            return EncodedColumn(layout: BlockLayout(kind: .f64), bytes: bytes, minimum: .real(low), maximum: .real(high))
        }
    }

    /// `(values.min() ?? 0, values.max() ?? 0)` in one pass (the same element wins a tie, NaN
    /// included).
    static func extremes(_ values: [Double]) -> (Double, Double) {
        values.withUnsafeBufferPointer { v in
            guard var low = v.first else { return (0, 0) }
            var high = low
            for value in v.dropFirst() {
                if value < low { low = value }
                if high < value { high = value }
            }
            return (low, high)
        }
    }

    /// The integers q with q / 10^decimals == value bit for bit, or nil when some value has none.
    static func scaledIntegers(_ values: [Double], decimals: Int) -> [Int64]? {
        let scale = exactPowerOfTen(decimals)
        var exact = true
        let result = [Int64](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for i in v.indices {
                    let q = ExactMath.roundedToNearestEven(v[i] * scale)
                    guard abs(q) < 9_007_199_254_740_992 else { exact = false; return }
                    let integer = Int64(q)
                    guard (Double(integer) / scale).bitPattern == v[i].bitPattern else { exact = false; return }
                    out[i] = integer
                }
            }
            initialized = exact ? values.count : 0
        }
        return exact ? result : nil
    }

    static func encodeIntegers(_ values: [Int64], decimals: Int?) -> EncodedColumn {
        // One pass for the range of the values and of their differences.
        var low = values.first ?? 0, high = low
        var deltaLow = Int64.max, deltaHigh = Int64.min
        var deltaFits = values.count > 1
        values.withUnsafeBufferPointer { v in
            var previous = low
            for i in v.indices.dropFirst() {
                let value = v[i]
                low = min(low, value)
                high = max(high, value)
                let (d, overflow) = value.subtractingReportingOverflow(previous)
                deltaFits = deltaFits && !overflow
                deltaLow = min(deltaLow, d)
                deltaHigh = max(deltaHigh, d)
                previous = value
            }
        }
        let plainWidth = byteWidth(UInt64(bitPattern: high &- low))
        let deltaWidth = byteWidth(UInt64(bitPattern: deltaHigh &- deltaLow))
        let layout: BlockLayout
        let bytes: [UInt8]
        if deltaFits && deltaWidth < plainWidth {
            layout = BlockLayout(kind: .delta, decimals: decimals, base: deltaLow, width: deltaWidth, reference: values[0])
            bytes = values.withUnsafeBufferPointer { v in
                shuffle(count: v.count, width: deltaWidth) { i in i == 0 ? 0 : UInt64(bitPattern: (v[i] &- v[i - 1]) &- deltaLow) }
            }
        } else {
            layout = BlockLayout(kind: .for, decimals: decimals, base: low, width: plainWidth)
            bytes = values.withUnsafeBufferPointer { v in shuffle(count: v.count, width: plainWidth) { UInt64(bitPattern: v[$0] &- low) } }
        }
        return EncodedColumn(layout: layout, bytes: bytes, minimum: .integer(low), maximum: .integer(high))
    }

    static func byteWidth(_ range: UInt64) -> Int {
        switch range {
        case 0: return 0
        case ...0xFF: return 1
        case ...0xFFFF: return 2
        case ...0xFFFF_FFFF: return 4
        default: return 8
        }
    }

    /// Byte-shuffles the low `width` bytes of `value(i)` for i in 0..<count into `width` planes.
    @inline(__always)
    static func shuffle(count n: Int, width: Int, _ value: (Int) -> UInt64) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: n * width) { out, initialized in
            if let base = out.baseAddress {
                // A constant width, so that the loop over the planes unrolls.
                switch width {
                case 1: fillPlanes(base, count: n, width: 1, value)
                case 2: fillPlanes(base, count: n, width: 2, value)
                case 4: fillPlanes(base, count: n, width: 4, value)
                case 8: fillPlanes(base, count: n, width: 8, value)
                default: fillPlanes(base, count: n, width: width, value)
                }
            }
            initialized = n * width
        }
    }

    @inline(__always)
    private static func fillPlanes(_ base: UnsafeMutablePointer<UInt8>, count n: Int, width: Int, _ value: (Int) -> UInt64) {
        // A pass per plane: each writes one stream of bytes, and its loop vectorises.
        for plane in 0..<width {
            let out = base + plane &* n
            let shift = UInt64(8 &* plane)
            for i in 0..<n { out[i] = UInt8(truncatingIfNeeded: value(i) &>> shift) }
        }
    }

    static func unshuffle(_ bytes: [UInt8], count n: Int, width: Int) -> [UInt64] {
        var values = [UInt64](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                for plane in 0..<width {
                    let shift = UInt64(plane * 8)
                    let base = plane * n
                    for i in 0..<n { out[i] |= UInt64(input[base + i]) << shift }
                }
            }
        }
        return values
    }

    /// Decodes a block's raw bytes into its `count` values.
    static func decode(_ bytes: [UInt8], count: Int, layout: BlockLayout) -> DecodedColumn {
        let offsets = unshuffle(bytes, count: count, width: layout.width)
        switch layout.kind {
        case .f64:
            return .doubles(offsets.map(Double.init(bitPattern:)))
        case .for, .delta:
            var integers = offsets.map { layout.base &+ Int64(bitPattern: $0) }
            if layout.kind == .delta && count > 0 {
                integers[0] = layout.reference
                for i in 1..<count { integers[i] = integers[i - 1] &+ integers[i] }
            }
            if let decimals = layout.decimals { return .scaled(integers, decimals: decimals) }
            return .integers(integers)
        }
    }
}

/// A decoded block, in the form that formats fastest.
enum DecodedColumn: Sendable {
    case doubles([Double])
    /// Rounded float64 values as their scaled integers q (value = q / 10^decimals).
    case scaled([Int64], decimals: Int)
    case integers([Int64])

    @inline(__always)
    func integer(at i: Int) -> Int64 {
        if case let .integers(v) = self { return v[i] }
        return 0
    }

    /// The values as the generator made them.
    var values: ColumnValues {
        switch self {
        case let .doubles(v): return .double(v)
        case let .scaled(q, decimals):
            let scale = exactPowerOfTen(decimals)
            return .double(q.map { Double($0) / scale })
        case let .integers(v): return .integer(v)
        }
    }
}
