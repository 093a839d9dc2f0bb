/// A set of 64-bit key fingerprints: open addressing with linear probing.
///
/// Fingerprints are already uniformly mixed hashes, so their low bits index the table
/// directly, with no further hashing (the standard `Set` rehashes every key with SipHash,
/// several times slower here). Fingerprint 0 marks an empty slot, so 0 is stored as 1: two
/// keys whose fingerprints are 0 and 1 count as equal, which costs at most a retry.
struct FingerprintSet {
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func stored(_ fingerprint: UInt64) -> UInt64 { fingerprint == 0 ? 1 : fingerprint }

    func contains(_ fingerprint: UInt64) -> Bool {
        let value = Self.stored(fingerprint)
        var i = Int(truncatingIfNeeded: value) & mask
        while true {
            let slot = slots[i]
            if slot == value { return true }
            if slot == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Adds a fingerprint; returns false when it was already there.
    @discardableResult
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let value = Self.stored(fingerprint)
        var i = Int(truncatingIfNeeded: value) & mask
        while true {
            let slot = slots[i]
            if slot == value { return false }
            if slot == 0 {
                slots[i] = value
                count += 1
                return true
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for value in old where value != 0 { insert(value) }
    }
}
