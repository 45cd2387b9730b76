/// A double-precision mixed-radix (2, 3, 4, 5) complex FFT and 3-D transforms on split real and
/// imaginary arrays.
///
/// Algorithm: the Stockham autosort formulation (Van Loan, *Computational Frameworks for the
/// FFT*, §1.7; the indexing of E. Bainville's "OpenCL Fast Fourier Transform" notes). Stage s
/// with radix R and span p (the product of earlier radices) reads x_r = in[i + r·n/R], twiddles
/// x_r by exp(−2πi·r·k/(pR)) with k = i mod p, takes a size-R DFT and writes
/// out[(i − k)·R + k + r·p]; after the last stage the output is in natural order.
///
/// Determinism: twiddle factors come from `deterministicCosSin`, which uses only IEEE-754
/// +, ×, ÷ (no libm), so the same input gives the same bits on every platform; the operation
/// order is fixed. Accuracy: each twiddle is within about 1 ulp; the FFT's relative rms error is
/// then O(ε log n) (Schatzman 1996, "Accuracy of the discrete Fourier transform and the FFT").
struct FourierTransform: Sendable {
    let n: Int
    let radices: [Int]
    /// Per stage: twiddles exp(−2πi·r·k/(pR)) at [k·(R−1) + (r−1)].
    let twiddleRe: [[Double]]
    let twiddleIm: [[Double]]

    /// Smallest m ≥ minimum whose prime factors are 2, 3 and 5.
    static func niceSize(atLeast minimum: Int) -> Int {
        var m = max(1, minimum)
        while true {
            var r = m
            for p in [2, 3, 5] { while r % p == 0 { r /= p } }
            if r == 1 { return m }
            m += 1
        }
    }

    /// A plan for length n (n must be a product of 2, 3 and 5; see `niceSize`).
    init(n: Int) {
        self.n = n
        var r = n
        var rs: [Int] = []
        while r % 4 == 0 { rs.append(4); r /= 4 }
        for p in [2, 3, 5] { while r % p == 0 { rs.append(p); r /= p } }
        radices = rs
        var tre: [[Double]] = []
        var tim: [[Double]] = []
        var span = 1
        for radix in rs {
            var re = [Double](repeating: 0, count: span * (radix - 1))
            var im = re
            for k in 0..<span {
                for q in 1..<radix {
                    let (c, s) = Self.deterministicCosSin(q * k, span * radix)
                    re[k * (radix - 1) + q - 1] = c
                    im[k * (radix - 1) + q - 1] = -s
                }
            }
            tre.append(re)
            tim.append(im)
            span *= radix
        }
        twiddleRe = tre
        twiddleIm = tim
    }

    /// (cos, sin) of 2π·num/den using octant reduction and Taylor series evaluated with IEEE
    /// arithmetic only (|θ| ≤ π/4 after reduction, so 12 terms reach full double precision).
    static func deterministicCosSin(_ num: Int, _ den: Int) -> (Double, Double) {
        // Reduce num/den to [0, 1/8] of a turn using the symmetries of the circle.
        var k = num % den
        if k < 0 { k += den }
        let eighth = 8 * k  // position in eighths of a turn, times den
        let octant = min(eighth / den, 7)
        // Angle within the octant, measured towards the nearer axis.
        let rem = eighth - octant * den  // in [0, den)
        let reflect = octant % 2 == 1
        let t = Double(reflect ? den - rem : rem) / Double(8 * den) * (2 * Double.pi)
        let (c0, s0) = taylor(t)
        // Angle = octant·π/4 + (reflect ? π/4 − t : t).
        let (c, s): (Double, Double)
        switch octant {
        case 0: (c, s) = (c0, s0)
        case 1: (c, s) = (s0, c0)
        case 2: (c, s) = (-s0, c0)
        case 3: (c, s) = (-c0, s0)
        case 4: (c, s) = (-c0, -s0)
        case 5: (c, s) = (-s0, -c0)
        case 6: (c, s) = (s0, -c0)
        default: (c, s) = (c0, -s0)
        }
        return (c, s)
    }

    private static func taylor(_ t: Double) -> (Double, Double) {
        let t2 = t * t
        var c = 1.0
        var s = 1.0
        var termC = 1.0
        var termS = 1.0
        for i in 1...12 {
            let k = Double(2 * i)
            termC *= -t2 / ((k - 1) * k)
            termS *= -t2 / (k * (k + 1))
            c += termC
            s += termS
        }
        return (c, s * t)
    }

    /// In-place forward transform (sign −1, unnormalised) of one contiguous line, using `scratch`
    /// buffers of length ≥ n.
    func forward(
        _ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>,
        _ sre: UnsafeMutablePointer<Double>, _ sim: UnsafeMutablePointer<Double>
    ) {
        forward(FFTBatch(count: 1, elementStride: 1, signalStride: 1), re, im, sre, sim)
    }
}
