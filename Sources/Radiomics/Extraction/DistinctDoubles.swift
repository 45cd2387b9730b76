/// Counts distinct doubles with `Set<Double>`'s equality (−0 == +0; NaN equals nothing, so every
/// NaN counts) in an open-addressing table of bit patterns with linear probing.
///
/// Why: only the count is needed (no order, no iteration), and a multiplicative hash of the bits
/// is several times cheaper than `Hasher` (SipHash) per inserted value.
struct DistinctDoubles {
    private var table: [UInt64]
    private var used: [Bool]
    private var mask: Int
    private var stored = 0
    private var nans = 0

    init() {
        table = [UInt64](repeating: 0, count: 1024)
        used = [Bool](repeating: false, count: 1024)
        mask = 1023
    }

    /// The number of distinct values inserted.
    var count: Int { stored + nans }

    mutating func insert(_ value: Double) {
        guard !value.isNaN else {
            nans += 1
            return
        }
        let bits = value == 0 ? 0 : value.bitPattern
        var slot = Self.slot(bits, mask)
        while used[slot] {
            if table[slot] == bits { return }
            slot = (slot + 1) & mask
        }
        used[slot] = true
        table[slot] = bits
        stored += 1
        if 2 * stored > mask { grow() }
    }

    /// Fibonacci hashing of the bit pattern: the top bits of the product index the table.
    private static func slot(_ bits: UInt64, _ mask: Int) -> Int {
        let mixed = (bits ^ (bits >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    private mutating func grow() {
        let oldTable = table, oldUsed = used
        let size = 2 * (mask + 1)
        table = [UInt64](repeating: 0, count: size)
        used = [Bool](repeating: false, count: size)
        mask = size - 1
        for i in oldTable.indices where oldUsed[i] {
            var slot = Self.slot(oldTable[i], mask)
            while used[slot] { slot = (slot + 1) & mask }
            used[slot] = true
            table[slot] = oldTable[i]
        }
    }
}
