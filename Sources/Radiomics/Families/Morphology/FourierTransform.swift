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
    private let radices: [Int]
    /// Per stage: twiddles exp(−2πi·r·k/(pR)) at [k·(R−1) + (r−1)].
    private let twiddleRe: [[Double]]
    private let twiddleIm: [[Double]]

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
        var inRe = re
        var inIm = im
        var outRe = sre
        var outIm = sim
        var span = 1
        for (stage, radix) in radices.enumerated() {
            twiddleRe[stage].withUnsafeBufferPointer { wr in
                twiddleIm[stage].withUnsafeBufferPointer { wi in
                    pass(radix, span, inRe, inIm, outRe, outIm, wr, wi)
                }
            }
            swap(&inRe, &outRe)
            swap(&inIm, &outIm)
            span *= radix
        }
        if inRe != re {
            re.update(from: inRe, count: n)
            im.update(from: inIm, count: n)
        }
    }

    // swift-format-ignore
    private func pass(
        _ radix: Int, _ span: Int,
        _ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
        _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>,
        _ wr: UnsafeBufferPointer<Double>, _ wi: UnsafeBufferPointer<Double>
    ) {
        let stride = n / radix
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 10) { buffer in
            let vr = buffer
            let vi = UnsafeMutableBufferPointer(rebasing: buffer[5..<10])
            for i in 0..<stride {
                let k = i % span
                let out = (i - k) * radix + k
                vr[0] = ir[i]
                vi[0] = ii[i]
                for q in 1..<radix {
                    let a = ir[i + q * stride]
                    let b = ii[i + q * stride]
                    let c = wr[k * (radix - 1) + q - 1]
                    let d = wi[k * (radix - 1) + q - 1]
                    vr[q] = a * c - b * d
                    vi[q] = a * d + b * c
                }
                Self.smallDFT(radix, vr, vi, or + out, oi + out, span)
            }
        }
    }

    /// Size-R DFT of (vr, vi), written at out[q·step].
    // swift-format-ignore
    @inline(__always)
    private static func smallDFT(
        _ radix: Int, _ vr: UnsafeMutableBufferPointer<Double>, _ vi: UnsafeMutableBufferPointer<Double>,
        _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>, _ step: Int
    ) {
        switch radix {
        case 2:
            or[0] = vr[0] + vr[1]; oi[0] = vi[0] + vi[1]
            or[step] = vr[0] - vr[1]; oi[step] = vi[0] - vi[1]
        case 4:
            let ar = vr[0] + vr[2], ai = vi[0] + vi[2], br = vr[0] - vr[2], bi = vi[0] - vi[2]
            let cr = vr[1] + vr[3], ci = vi[1] + vi[3], dr = vr[1] - vr[3], di = vi[1] - vi[3]
            or[0] = ar + cr; oi[0] = ai + ci
            or[2 * step] = ar - cr; oi[2 * step] = ai - ci
            // X1 = b − i·d, X3 = b + i·d (forward sign).
            or[step] = br + di; oi[step] = bi - dr
            or[3 * step] = br - di; oi[3 * step] = bi + dr
        case 3:
            let c1 = -0.5, s1 = -0.8660254037844386  // cos, −sin of 2π/3
            let sr = vr[1] + vr[2], si = vi[1] + vi[2], dr = vr[1] - vr[2], di = vi[1] - vi[2]
            or[0] = vr[0] + sr; oi[0] = vi[0] + si
            let mr = vr[0] + c1 * sr, mi = vi[0] + c1 * si
            or[step] = mr - s1 * di; oi[step] = mi + s1 * dr
            or[2 * step] = mr + s1 * di; oi[2 * step] = mi - s1 * dr
        default:
            // Radix 5: cos/sin of 2π/5 and 4π/5.
            let c1 = 0.30901699437494745, c2 = -0.8090169943749475
            let s1 = 0.9510565162951535, s2 = 0.5877852522924731
            let ar = vr[1] + vr[4], ai = vi[1] + vi[4], br = vr[1] - vr[4], bi = vi[1] - vi[4]
            let cr = vr[2] + vr[3], ci = vi[2] + vi[3], dr = vr[2] - vr[3], di = vi[2] - vi[3]
            or[0] = vr[0] + ar + cr; oi[0] = vi[0] + ai + ci
            let m1r = vr[0] + c1 * ar + c2 * cr, m1i = vi[0] + c1 * ai + c2 * ci
            let m2r = vr[0] + c2 * ar + c1 * cr, m2i = vi[0] + c2 * ai + c1 * ci
            let n1r = s1 * bi + s2 * di, n1i = s1 * br + s2 * dr
            let n2r = s2 * bi - s1 * di, n2i = s2 * br - s1 * dr
            or[step] = m1r + n1r; oi[step] = m1i - n1i
            or[4 * step] = m1r - n1r; oi[4 * step] = m1i + n1i
            or[2 * step] = m2r + n2r; oi[2 * step] = m2i - n2i
            or[3 * step] = m2r - n2r; oi[3 * step] = m2i + n2i
        }
    }
}
