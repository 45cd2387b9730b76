/// A stable ascending sort of doubles by least-significant-digit radix sort: the same array as
/// the standard library's stable `sorted()`, in O(n).
///
/// Why: the statistics, the intensity histogram and the intensity-volume histogram each sort the
/// ROI's values, and a comparison sort of ~10⁵ doubles was a visible share of an extraction.
/// Keys are the IEEE-754 bit patterns made order-preserving (negative numbers: all bits flipped;
/// others: sign bit set), with −0.0 keyed as +0.0 so that the two zeros compare equal as they do
/// under `<`; the passes are stable, so equal keys keep their input order, exactly as `sorted()`
/// does. Inputs with NaN (unordered under `<`) and short inputs use `sorted()` itself.
enum AscendingSort {
    /// Radix digits of 11 bits: six passes cover 64 bits.
    private static let digitBits = 11

    /// `values` in ascending order (stable).
    static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n >= 512, !values.contains(where: \.isNaN) else { return values.sorted() }
        let buckets = 1 << digitBits
        let passes = (64 + digitBits - 1) / digitBits
        var keys = [UInt64](repeating: 0, count: n)
        var histogram = [Int](repeating: 0, count: passes * buckets)
        for i in 0..<n {
            let bits = (values[i] == 0 ? 0.0 : values[i]).bitPattern
            let key = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
            keys[i] = key
            for p in 0..<passes { histogram[p * buckets + Int((key >> UInt64(p * digitBits)) & UInt64(buckets - 1))] += 1 }
        }
        var data = values
        var spareKeys = keys
        var spareData = data
        for p in 0..<passes {
            let base = p * buckets
            // A digit that is the same for every key leaves the order unchanged.
            if histogram[base..<(base + buckets)].contains(n) { continue }
            var start = 0
            for b in 0..<buckets {
                let c = histogram[base + b]
                histogram[base + b] = start
                start += c
            }
            let shift = UInt64(p * digitBits)
            for i in 0..<n {
                let b = base + Int((keys[i] >> shift) & UInt64(buckets - 1))
                let j = histogram[b]
                histogram[b] = j + 1
                spareKeys[j] = keys[i]
                spareData[j] = data[i]
            }
            swap(&keys, &spareKeys)
            swap(&data, &spareData)
        }
        return data
    }
}
