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
        let digitMask = UInt64(buckets - 1)
        var keys = [UInt64](repeating: 0, count: n)
        var spareKeys = keys
        var data = values
        var spareData = values
        var histogram = [Int](repeating: 0, count: passes * buckets)
        histogram.withUnsafeMutableBufferPointer { h in
            keys.withUnsafeMutableBufferPointer { k in
                for i in 0..<n {
                    let bits = (values[i] == 0 ? 0.0 : values[i]).bitPattern
                    let key = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
                    k[i] = key
                    for p in 0..<passes { h[p &* buckets &+ Int((key >> UInt64(p &* digitBits)) & digitMask)] &+= 1 }
                }
            }
            for p in 0..<passes {
                let base = p * buckets
                // A digit that is the same for every key leaves the order unchanged.
                if h[base..<(base + buckets)].contains(n) { continue }
                var start = 0
                for b in base..<(base + buckets) {
                    let c = h[b]
                    h[b] = start
                    start += c
                }
                let shift = UInt64(p * digitBits)
                keys.withUnsafeBufferPointer { k in
                    data.withUnsafeBufferPointer { d in
                        spareKeys.withUnsafeMutableBufferPointer { sk in
                            spareData.withUnsafeMutableBufferPointer { sd in
                                for i in 0..<n {
                                    let b = base &+ Int((k[i] >> shift) & digitMask)
                                    let j = h[b]
                                    h[b] = j &+ 1
                                    sk[j] = k[i]
                                    sd[j] = d[i]
                                }
                            }
                        }
                    }
                }
                swap(&keys, &spareKeys)
                swap(&data, &spareData)
            }
        }
        return data
    }
}
