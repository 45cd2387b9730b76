/// A batch of equal-length signals in one buffer: element q of signal b lives at
/// q·elementStride + b·signalStride. Batching lets a 3-D FFT transform whole planes at once with
/// the innermost loop running over contiguous memory, and hoists each twiddle out of that loop.
struct FFTBatch: Sendable {
    var count: Int
    var elementStride: Int
    var signalStride: Int
}

// swift-format-ignore
extension FourierTransform {
    /// Forward transform (sign −1, unnormalised) of every signal of the batch, in place. The
    /// scratch buffers must be addressable with the same layout as the data (out-of-place
    /// Stockham stages ping-pong between the two).
    func forward(
        _ batch: FFTBatch, _ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>,
        _ sre: UnsafeMutablePointer<Double>, _ sim: UnsafeMutablePointer<Double>
    ) {
        var ir = re, ii = im, or = sre, oi = sim
        var span = 1
        for (stage, radix) in radices.enumerated() {
            twiddleRe[stage].withUnsafeBufferPointer { wr in
                twiddleIm[stage].withUnsafeBufferPointer { wi in
                    guard let wr = wr.baseAddress, let wi = wi.baseAddress else { return }
                    let pass = Pass(n: n, radix: radix, span: span, batch: batch, wr: wr, wi: wi)
                    pass.run(ir, ii, or, oi)
                }
            }
            swap(&ir, &or)
            swap(&ii, &oi)
            span *= radix
        }
        guard ir != re else { return }
        let s = batch.elementStride, t = batch.signalStride
        for q in 0..<n {
            for b in 0..<batch.count {
                let o = q * s + b * t
                re[o] = ir[o]
                im[o] = ii[o]
            }
        }
    }
}

/// Equally spaced element offsets first + r·step (the r-th input or output of a butterfly);
/// a value type, so a butterfly allocates nothing.
private struct Taps {
    let first: Int, step: Int
    @inline(__always) subscript(r: Int) -> Int { first + r * step }
}

/// One Stockham stage over a batch: reads x_r = in[i + r·n/R], twiddles, size-R DFT, writes
/// out[(i − k)·R + k + r·span] with k = i mod span (see `FourierTransform`).
// swift-format-ignore
private struct Pass {
    let n: Int, radix: Int, span: Int, batch: FFTBatch
    let wr: UnsafePointer<Double>, wi: UnsafePointer<Double>

    func run(_ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
             _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>) {
        let m = n / radix
        let s = batch.elementStride
        // Inputs i + r·m and outputs q + r·span (r = 0..<radix), in elements of stride s.
        let inStep = m * s, outStep = span * s
        for i in 0..<m {
            let k = i % span
            let q = (i - k) * radix + k
            let tw = k * (radix - 1)
            let a = Taps(first: i * s, step: inStep), o = Taps(first: q * s, step: outStep)
            switch radix {
            case 2: radix2(ir, ii, or, oi, a, o, tw)
            case 3: radix3(ir, ii, or, oi, a, o, tw)
            case 4: radix4(ir, ii, or, oi, a, o, tw)
            default: radix5(ir, ii, or, oi, a, o, tw)
            }
        }
    }

    func radix2(_ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
                _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>,
                _ a: Taps, _ o: Taps, _ tw: Int) {
        let c1 = wr[tw], d1 = wi[tw]
        let a0 = a[0], a1 = a[1], o0 = o[0], o1 = o[1], t = batch.signalStride
        for b in 0..<batch.count {
            let e = b * t
            let x0r = ir[a0 + e], x0i = ii[a0 + e]
            let yr = ir[a1 + e], yi = ii[a1 + e]
            let x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1
            or[o0 + e] = x0r + x1r; oi[o0 + e] = x0i + x1i
            or[o1 + e] = x0r - x1r; oi[o1 + e] = x0i - x1i
        }
    }

    func radix3(_ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
                _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>,
                _ a: Taps, _ o: Taps, _ tw: Int) {
        let c1 = wr[tw], d1 = wi[tw], c2 = wr[tw + 1], d2 = wi[tw + 1]
        let h = -0.5, s1 = -0.8660254037844386  // cos, −sin of 2π/3
        let a0 = a[0], a1 = a[1], a2 = a[2], o0 = o[0], o1 = o[1], o2 = o[2], t = batch.signalStride
        for b in 0..<batch.count {
            let e = b * t
            let x0r = ir[a0 + e], x0i = ii[a0 + e]
            var yr = ir[a1 + e], yi = ii[a1 + e]
            let x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1
            yr = ir[a2 + e]; yi = ii[a2 + e]
            let x2r = yr * c2 - yi * d2, x2i = yr * d2 + yi * c2
            let sr = x1r + x2r, si = x1i + x2i, dr = x1r - x2r, di = x1i - x2i
            or[o0 + e] = x0r + sr; oi[o0 + e] = x0i + si
            let mr = x0r + h * sr, mi = x0i + h * si
            or[o1 + e] = mr - s1 * di; oi[o1 + e] = mi + s1 * dr
            or[o2 + e] = mr + s1 * di; oi[o2 + e] = mi - s1 * dr
        }
    }

    func radix4(_ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
                _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>,
                _ a: Taps, _ o: Taps, _ tw: Int) {
        let c1 = wr[tw], d1 = wi[tw], c2 = wr[tw + 1], d2 = wi[tw + 1], c3 = wr[tw + 2], d3 = wi[tw + 2]
        let a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], t = batch.signalStride
        let o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3]
        for b in 0..<batch.count {
            let e = b * t
            let x0r = ir[a0 + e], x0i = ii[a0 + e]
            var yr = ir[a1 + e], yi = ii[a1 + e]
            let x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1
            yr = ir[a2 + e]; yi = ii[a2 + e]
            let x2r = yr * c2 - yi * d2, x2i = yr * d2 + yi * c2
            yr = ir[a3 + e]; yi = ii[a3 + e]
            let x3r = yr * c3 - yi * d3, x3i = yr * d3 + yi * c3
            let pr = x0r + x2r, pi = x0i + x2i, qr = x0r - x2r, qi = x0i - x2i
            let ur = x1r + x3r, ui = x1i + x3i, vr = x1r - x3r, vi = x1i - x3i
            or[o0 + e] = pr + ur; oi[o0 + e] = pi + ui
            or[o2 + e] = pr - ur; oi[o2 + e] = pi - ui
            // X1 = q − i·v, X3 = q + i·v (forward sign).
            or[o1 + e] = qr + vi; oi[o1 + e] = qi - vr
            or[o3 + e] = qr - vi; oi[o3 + e] = qi + vr
        }
    }

    func radix5(_ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
                _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>,
                _ a: Taps, _ o: Taps, _ tw: Int) {
        let c1 = 0.30901699437494745, c2 = -0.8090169943749475  // cos 2π/5, cos 4π/5
        let s1 = 0.9510565162951535, s2 = 0.5877852522924731  // sin 2π/5, sin 4π/5
        let c1w = wr[tw], d1w = wi[tw], c2w = wr[tw + 1], d2w = wi[tw + 1]
        let c3w = wr[tw + 2], d3w = wi[tw + 2], c4w = wr[tw + 3], d4w = wi[tw + 3]
        let a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4]
        let o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3], o4 = o[4]
        let t = batch.signalStride
        for b in 0..<batch.count {
            let e = b * t
            let x0r = ir[a0 + e], x0i = ii[a0 + e]
            var xr = (0.0, 0.0, 0.0, 0.0), xi = (0.0, 0.0, 0.0, 0.0)
            var yr = ir[a1 + e], yi = ii[a1 + e]
            xr.0 = yr * c1w - yi * d1w; xi.0 = yr * d1w + yi * c1w
            yr = ir[a2 + e]; yi = ii[a2 + e]
            xr.1 = yr * c2w - yi * d2w; xi.1 = yr * d2w + yi * c2w
            yr = ir[a3 + e]; yi = ii[a3 + e]
            xr.2 = yr * c3w - yi * d3w; xi.2 = yr * d3w + yi * c3w
            yr = ir[a4 + e]; yi = ii[a4 + e]
            xr.3 = yr * c4w - yi * d4w; xi.3 = yr * d4w + yi * c4w
            let ar = xr.0 + xr.3, ai = xi.0 + xi.3, br = xr.0 - xr.3, bi = xi.0 - xi.3
            let cr = xr.1 + xr.2, ci = xi.1 + xi.2, dr = xr.1 - xr.2, di = xi.1 - xi.2
            or[o0 + e] = x0r + ar + cr; oi[o0 + e] = x0i + ai + ci
            let m1r = x0r + c1 * ar + c2 * cr, m1i = x0i + c1 * ai + c2 * ci
            let m2r = x0r + c2 * ar + c1 * cr, m2i = x0i + c2 * ai + c1 * ci
            let n1r = s1 * bi + s2 * di, n1i = s1 * br + s2 * dr
            let n2r = s2 * bi - s1 * di, n2i = s2 * br - s1 * dr
            or[o1 + e] = m1r + n1r; oi[o1 + e] = m1i - n1i
            or[o4 + e] = m1r - n1r; oi[o4 + e] = m1i + n1i
            or[o2 + e] = m2r + n2r; oi[o2 + e] = m2i - n2i
            or[o3 + e] = m2r - n2r; oi[o3 + e] = m2i + n2i
        }
    }
}
