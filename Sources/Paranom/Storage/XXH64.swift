/// XXH64 (Yann Collet's xxHash, 64-bit), the checksum zstd uses for frames.
///
/// Use `XXH64.hash(_:seed:)` for one-shot hashing, or create a value, feed it
/// with `update(_:)` in chunks of any size and read the digest with `finalize()`.
/// Streaming over any chunk split gives the same digest as one-shot hashing.
public struct XXH64: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private let seed: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    private var v4: UInt64
    private var totalLength: UInt64 = 0
    /// Up to 31 pending bytes that do not yet form a full 32-byte stripe.
    private var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var bufferCount: Int = 0

    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ XXH64.p1 &+ XXH64.p2
        v2 = seed &+ XXH64.p2
        v3 = seed
        v4 = seed &- XXH64.p1
    }

    // MARK: Core

    @inline(__always)
    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 {
        (x << r) | (x >> (64 &- r))
    }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    private static func merge(_ acc: UInt64, _ val: UInt64) -> UInt64 {
        (acc ^ round(0, val)) &* p1 &+ p4
    }

    @inline(__always)
    private static func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func load32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Processes all whole 32-byte stripes in `count` bytes at `p`; returns the number of bytes consumed.
    @inline(__always)
    private static func stripes(
        _ p: UnsafeRawPointer, _ count: Int,
        _ a1: inout UInt64, _ a2: inout UInt64, _ a3: inout UInt64, _ a4: inout UInt64
    ) -> Int {
        var s1 = a1, s2 = a2, s3 = a3, s4 = a4
        var offset = 0
        let limit = count - 32
        while offset <= limit {
            s1 = round(s1, load64(p, offset))
            s2 = round(s2, load64(p, offset + 8))
            s3 = round(s3, load64(p, offset + 16))
            s4 = round(s4, load64(p, offset + 24))
            offset += 32
        }
        a1 = s1; a2 = s2; a3 = s3; a4 = s4
        return offset
    }

    /// Folds the accumulators (or the small-input start value), the length and the tail.
    private static func finish(
        converged h0: UInt64, totalLength: UInt64, tail p: UnsafeRawPointer?, tailCount: Int
    ) -> UInt64 {
        var h = h0 &+ totalLength
        var offset = 0
        if let p {
            while offset + 8 <= tailCount {
                h ^= round(0, load64(p, offset))
                h = rotl(h, 27) &* p1 &+ p4
                offset += 8
            }
            if offset + 4 <= tailCount {
                h ^= UInt64(load32(p, offset)) &* p1
                h = rotl(h, 23) &* p2 &+ p3
                offset += 4
            }
            while offset < tailCount {
                h ^= UInt64(p.load(fromByteOffset: offset, as: UInt8.self)) &* p5
                h = rotl(h, 11) &* p1
                offset += 1
            }
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private static func converge(_ a1: UInt64, _ a2: UInt64, _ a3: UInt64, _ a4: UInt64) -> UInt64 {
        var h = rotl(a1, 1) &+ rotl(a2, 7) &+ rotl(a3, 12) &+ rotl(a4, 18)
        h = merge(h, a1)
        h = merge(h, a2)
        h = merge(h, a3)
        h = merge(h, a4)
        return h
    }

    // MARK: Streaming

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var input = base
        var remaining = bytes.count
        totalLength &+= UInt64(remaining)

        var a1 = v1, a2 = v2, a3 = v3, a4 = v4
        var pending = buffer
        var pendingCount = bufferCount

        if pendingCount > 0 {
            let take = min(32 - pendingCount, remaining)
            withUnsafeMutableBytes(of: &pending) { raw in
                raw.baseAddress!.advanced(by: pendingCount).copyMemory(from: input, byteCount: take)
            }
            pendingCount += take
            input += take
            remaining -= take
            if pendingCount == 32 {
                withUnsafeBytes(of: &pending) { raw in
                    _ = XXH64.stripes(raw.baseAddress!, 32, &a1, &a2, &a3, &a4)
                }
                pendingCount = 0
            }
        }

        if remaining >= 32 {
            let consumed = XXH64.stripes(input, remaining, &a1, &a2, &a3, &a4)
            input += consumed
            remaining -= consumed
        }

        if remaining > 0 {
            // Only reached with an empty buffer: either it was empty, or it was just flushed.
            withUnsafeMutableBytes(of: &pending) { raw in
                raw.baseAddress!.advanced(by: pendingCount).copyMemory(from: input, byteCount: remaining)
            }
            pendingCount += remaining
        }

        v1 = a1; v2 = a2; v3 = a3; v4 = a4
        buffer = pending
        bufferCount = pendingCount
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed so far. Does not change the state; more updates may follow.
    public func finalize() -> UInt64 {
        let h0 = totalLength >= 32 ? XXH64.converge(v1, v2, v3, v4) : seed &+ XXH64.p5
        var pending = buffer
        let count = bufferCount
        return withUnsafeBytes(of: &pending) { raw in
            XXH64.finish(converged: h0, totalLength: totalLength, tail: raw.baseAddress, tailCount: count)
        }
    }

    // MARK: One-shot

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return finish(converged: seed &+ p5, totalLength: 0, tail: nil, tailCount: 0)
        }
        let count = bytes.count
        var h0 = seed &+ p5
        var consumed = 0
        if count >= 32 {
            var a1 = seed &+ p1 &+ p2, a2 = seed &+ p2, a3 = seed, a4 = seed &- p1
            consumed = stripes(base, count, &a1, &a2, &a3, &a4)
            h0 = converge(a1, a2, a3, a4)
        }
        return finish(
            converged: h0, totalLength: UInt64(count),
            tail: UnsafeRawPointer(base) + consumed, tailCount: count - consumed)
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
