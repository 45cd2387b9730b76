/// The order of a column's correlations by |r| descending (index ascending on ties), by a least
/// significant digit radix sort on the IEEE-754 bit patterns, with scratch buffers reused
/// across columns.
///
/// Why: for one n the two-sided p-value decreases with |r|, so this is the order of p ascending
/// that Benjamini–Hochberg needs, and for 2·10⁴ genes × 1,500 features a comparison sort of
/// indices costs more than all the p-values together. Non-negative doubles order as their bit
/// patterns read as unsigned integers; the key 0x3FF0… − bits(|r|) (|r| ≤ 1) turns descending
/// |r| into ascending keys, and bits(|r|) = 0x3FF0… − key gives |r| back. Two stable counting
/// passes of 13 bits sort on the key's bits 38–63 (sign, exponent and 14 fraction bits); a
/// final stable insertion pass orders the rare runs whose upper bits tie by the full key, so the
/// result is exactly the comparison order.
struct AbsoluteOrder {
    static let digitBits = 13
    static let buckets = 1 << digitBits
    static let lowestBit = 64 - 2 * digitBits

    private var keys: [UInt64] = []
    private var keysOut: [UInt64] = []
    private var order: [UInt32] = []
    private var orderOut: [UInt32] = []
    private var counts = [Int32](repeating: 0, count: 2 * buckets)

    /// |r| from a key.
    @inline(__always)
    static func magnitude(_ key: UInt64) -> Double { Double(bitPattern: 0x3FF0_0000_0000_0000 &- key) }

    /// The non-NaN entries of `values` by |value| descending, index ascending on ties: `body`
    /// receives their keys and their indices (relative to `values`) before the scratch is reused.
    mutating func sorted<T>(
        _ values: UnsafeBufferPointer<Double>, _ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt32>) -> T
    ) -> T {
        if keys.count < values.count {
            keys = [UInt64](repeating: 0, count: values.count)
            keysOut = keys
            order = [UInt32](repeating: 0, count: values.count)
            orderOut = order
        }
        let m = keysAndHistograms(values)
        for pass in 0..<2 where !allInOneBucket(pass: pass, m: m) {
            scatter(pass: pass, m: m)
            swap(&keys, &keysOut)
            swap(&order, &orderOut)
        }
        insertionFixUp(m)
        return keys.withUnsafeBufferPointer { ks in
            order.withUnsafeBufferPointer { os in
                body(UnsafeBufferPointer(rebasing: ks[0..<m]), UnsafeBufferPointer(rebasing: os[0..<m]))
            }
        }
    }

    /// The digit of `pass` (0 = bits 38–50, 1 = bits 51–63).
    @inline(__always)
    private static func digit(_ key: UInt64, _ pass: Int) -> Int {
        Int(truncatingIfNeeded: (key >> UInt64(lowestBit + digitBits * pass)) & UInt64(buckets - 1))
    }

    /// Keys and indices of the non-NaN values, and the histograms of both digits, in one pass;
    /// returns how many there are.
    private mutating func keysAndHistograms(_ values: UnsafeBufferPointer<Double>) -> Int {
        var m = 0
        keys.withUnsafeMutableBufferPointer { ks in
            order.withUnsafeMutableBufferPointer { os in
                counts.withUnsafeMutableBufferPointer { cs in
                    for k in cs.indices { cs[k] = 0 }
                    for i in 0..<values.count {
                        let v = values[i]
                        if v.isNaN { continue }
                        let key = 0x3FF0_0000_0000_0000 &- min(1, abs(v)).bitPattern
                        ks[m] = key
                        os[m] = UInt32(truncatingIfNeeded: i)
                        cs[Self.digit(key, 0)] &+= 1
                        cs[Self.buckets + Self.digit(key, 1)] &+= 1
                        m += 1
                    }
                }
            }
        }
        return m
    }

    /// True when every key has the same digit in this pass (the pass would not move anything).
    private func allInOneBucket(pass: Int, m: Int) -> Bool {
        counts[(pass * Self.buckets)..<((pass + 1) * Self.buckets)].contains(Int32(m))
    }

    /// One stable counting-sort pass from (keys, order) into (keysOut, orderOut); the histogram
    /// of the pass becomes its bucket starts.
    private mutating func scatter(pass: Int, m: Int) {
        let base = pass * Self.buckets
        keys.withUnsafeBufferPointer { ks in
            order.withUnsafeBufferPointer { os in
                keysOut.withUnsafeMutableBufferPointer { ko in
                    orderOut.withUnsafeMutableBufferPointer { oo in
                        counts.withUnsafeMutableBufferPointer { cs in
                            var total: Int32 = 0
                            for d in 0..<Self.buckets {
                                let c = cs[base + d]
                                cs[base + d] = total
                                total &+= c
                            }
                            for k in 0..<m {
                                let d = base + Self.digit(ks[k], pass)
                                let at = Int(cs[d])
                                cs[d] = Int32(at + 1)
                                ko[at] = ks[k]
                                oo[at] = os[k]
                            }
                        }
                    }
                }
            }
        }
    }

    /// Stable insertion sort by the full key; linear when only the lower bits are unsorted
    /// within rare runs of equal upper bits.
    private mutating func insertionFixUp(_ m: Int) {
        keys.withUnsafeMutableBufferPointer { ks in
            order.withUnsafeMutableBufferPointer { os in
                var i = 1
                while i < m {
                    let key = ks[i]
                    if key < ks[i - 1] {
                        let index = os[i]
                        var j = i
                        while j > 0 && ks[j - 1] > key {
                            ks[j] = ks[j - 1]
                            os[j] = os[j - 1]
                            j -= 1
                        }
                        ks[j] = key
                        os[j] = index
                    }
                    i += 1
                }
            }
        }
    }
}
