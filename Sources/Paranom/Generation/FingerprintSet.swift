/// A set of 64-bit key fingerprints: open addressing with linear probing, at most two thirds
/// full, so 12 bytes per fingerprint when sized for its count in advance.
///
/// Fingerprints are already uniformly mixed hashes, so they index the table directly: a
/// fingerprint's home slot is its high bits scaled to the table's size (⌊f · size / 2^64⌋),
/// with no further hashing (the standard `Set` rehashes every key with SipHash, several times
/// slower here), and the table's size need not be a power of two. Fingerprint 0 marks an empty
/// slot, so 0 is stored as 1: two keys whose fingerprints are 0 and 1 count as equal, which
/// costs at most a retry.
struct FingerprintSet {
    private var slots: [UInt64]
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        slots = [UInt64](repeating: 0, count: Swift.max(16, minimumCapacity + (minimumCapacity + 1) / 2))
    }

    @inline(__always)
    private static func stored(_ fingerprint: UInt64) -> UInt64 { fingerprint == 0 ? 1 : fingerprint }

    @inline(__always)
    private func home(_ value: UInt64) -> Int { Int(truncatingIfNeeded: value.multipliedFullWidth(by: UInt64(slots.count)).high) }

    func contains(_ fingerprint: UInt64) -> Bool {
        let value = Self.stored(fingerprint)
        var i = home(value)
        while true {
            let slot = slots[i]
            if slot == value { return true }
            if slot == 0 { return false }
            i += 1
            if i == slots.count { i = 0 }
        }
    }

    /// Adds a fingerprint; returns false when it was already there.
    @discardableResult
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        if (count + 1) * 3 > slots.count * 2 { grow() }
        let value = Self.stored(fingerprint)
        var i = home(value)
        while true {
            let slot = slots[i]
            if slot == value { return false }
            if slot == 0 {
                slots[i] = value
                count += 1
                return true
            }
            i += 1
            if i == slots.count { i = 0 }
        }
    }

    /// Adds many fingerprints, as `insert` does one by one, but faster for a large table: the
    /// home slots of a batch are read first, all at once, so that their cache misses overlap
    /// instead of coming one after another.
    mutating func insert(contentsOf fingerprints: [UInt64]) {
        let batch = 64
        var homes = [Int](repeating: 0, count: batch), first = [UInt64](repeating: 0, count: batch)
        var start = 0
        while start < fingerprints.count {
            let end = Swift.min(start + batch, fingerprints.count)
            while (count + end - start) * 3 > slots.count * 2 { grow() }
            slots.withUnsafeBufferPointer { table in
                for j in 0..<(end - start) {
                    homes[j] = home(Self.stored(fingerprints[start + j]))
                    first[j] = table[homes[j]]
                }
            }
            slots.withUnsafeMutableBufferPointer { table in
                for j in 0..<(end - start) {
                    let value = Self.stored(fingerprints[start + j])
                    if first[j] == value { continue }        // slots are never emptied: still there
                    var i = homes[j]
                    while table[i] != value {
                        if table[i] == 0 {
                            table[i] = value
                            count += 1
                            break
                        }
                        i += 1
                        if i == table.count { i = 0 }
                    }
                }
            }
            start = end
        }
    }

    private mutating func grow() {
        let old = slots.filter { $0 != 0 }
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        count = 0
        insert(contentsOf: old)
    }
}
