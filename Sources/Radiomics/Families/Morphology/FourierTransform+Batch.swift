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
    ///
    /// `upperHalfZero`: elements n/2...n−1 of every signal are zero (zero padding to ≥ twice the
    /// data) and are not read; the first stage (radix 4 or 2, span 1, unit twiddles) then drops
    /// the butterfly terms that would add or scale those zeros. Every other value is computed by
    /// the same operations, and dropping x + 0, x − 0 and y·1 − 0 changes at most the sign of a
    /// zero, which never changes a non-zero result (+, −, × keep values equal up to zero signs).
    func forward(
        _ batch: FFTBatch, _ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>,
        _ sre: UnsafeMutablePointer<Double>, _ sim: UnsafeMutablePointer<Double>, upperHalfZero: Bool = false
    ) {
        var ir = re, ii = im, or = sre, oi = sim
        var span = 1
        for (stage, radix) in radices.enumerated() {
            twiddleRe[stage].withUnsafeBufferPointer { wr in
                twiddleIm[stage].withUnsafeBufferPointer { wi in
                    guard let wr = wr.baseAddress, let wi = wi.baseAddress else { return }
                    let pass = Pass(n: n, radix: radix, span: span, batch: batch, wr: wr, wi: wi)
                    if stage == 0, upperHalfZero, radix == 4 || radix == 2 {
                        pass.runUpperHalfZero(ir, ii, or, oi)
                    } else {
                        pass.run(ir, ii, or, oi)
                    }
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

/// The arithmetic of one butterfly lane: a Double, or two adjacent signals as a SIMD2<Double>
/// (contiguous batches). Lanes are independent and use the same IEEE operations in the same
/// order, so the vector path gives bit-identical results.
private protocol Lane {
    init(splat: Double)
    static func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> Self
    func store(_ p: UnsafeMutablePointer<Double>, _ i: Int)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
}

extension Double: Lane {
    init(splat: Double) { self = splat }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> Double { p[i] }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Double>, _ i: Int) { p[i] = self }
}

extension SIMD2: Lane where Scalar == Double {
    init(splat: Double) { self.init(repeating: splat) }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> SIMD2<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD2<Double>.self)
    }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: self, as: SIMD2<Double>.self)
    }
}

/// One radix-R butterfly of a Stockham stage at fixed inputs/outputs, applied signal by signal.
private protocol Butterfly {
    func apply<L: Lane>(_ e: Int, _ lane: L.Type)
}

/// Source and destination arrays of a stage.
private struct Buffers {
    let ir: UnsafeMutablePointer<Double>, ii: UnsafeMutablePointer<Double>
    let or: UnsafeMutablePointer<Double>, oi: UnsafeMutablePointer<Double>
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
        let io = Buffers(ir: ir, ii: ii, or: or, oi: oi)
        // Inputs i + r·m and outputs q + r·span (r = 0..<radix), in elements of stride s.
        let inStep = m * s, outStep = span * s
        for i in 0..<m {
            let k = i % span
            let q = (i - k) * radix + k
            let tw = k * (radix - 1)
            let a = i * s, o = q * s
            switch radix {
            case 2:
                sweep(Radix2(io: io, a: a, da: inStep, o: o, d: outStep, c1: wr[tw], d1: wi[tw]))
            case 3:
                let w = (wr[tw], wi[tw], wr[tw + 1], wi[tw + 1])
                sweep(Radix3(io: io, a: a, da: inStep, o: o, d: outStep, w: w))
            case 4:
                let w = (wr[tw], wi[tw], wr[tw + 1], wi[tw + 1], wr[tw + 2], wi[tw + 2])
                sweep(Radix4(io: io, a: a, da: inStep, o: o, d: outStep, w: w))
            default:
                let w = (wr[tw], wi[tw], wr[tw + 1], wi[tw + 1], wr[tw + 2], wi[tw + 2], wr[tw + 3], wi[tw + 3])
                sweep(Radix5(io: io, a: a, da: inStep, o: o, d: outStep, w: w))
            }
        }
    }

    /// The first stage (span 1, radix 4 or 2) when inputs n/2...n−1 are zero: radix 4 reads x₀, x₁
    /// only, radix 2 copies x₀ to both outputs.
    func runUpperHalfZero(_ ir: UnsafeMutablePointer<Double>, _ ii: UnsafeMutablePointer<Double>,
                          _ or: UnsafeMutablePointer<Double>, _ oi: UnsafeMutablePointer<Double>) {
        let m = n / radix
        let s = batch.elementStride
        let io = Buffers(ir: ir, ii: ii, or: or, oi: oi)
        for i in 0..<m {
            let a = i * s, o = i * radix * s
            if radix == 4 {
                sweep(Radix4UpperZero(io: io, a: a, da: m * s, o: o, d: s))
            } else {
                sweep(Radix2UpperZero(io: io, a: a, o: o, d: s))
            }
        }
    }

    /// Applies a butterfly to every signal: two at a time when signals are contiguous.
    @inline(__always) func sweep<B: Butterfly>(_ b: B) {
        let count = batch.count, t = batch.signalStride
        guard t == 1 else {
            for j in 0..<count { b.apply(j &* t, Double.self) }
            return
        }
        var j = 0
        while j &+ 2 <= count {
            b.apply(j, SIMD2<Double>.self)
            j &+= 2
        }
        if j < count { b.apply(j, Double.self) }
    }
}

// swift-format-ignore
private struct Radix2: Butterfly {
    let io: Buffers, a: Int, da: Int, o: Int, d: Int, c1: Double, d1: Double

    @inline(__always) func apply<L: Lane>(_ e: Int, _ lane: L.Type) {
        let c1 = L(splat: c1), d1 = L(splat: d1)
        let a0 = a &+ e, a1 = a0 &+ da, o0 = o &+ e, o1 = o0 &+ d
        let x0r = L.load(io.ir, a0), x0i = L.load(io.ii, a0)
        let yr = L.load(io.ir, a1), yi = L.load(io.ii, a1)
        let x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1
        (x0r + x1r).store(io.or, o0); (x0i + x1i).store(io.oi, o0)
        (x0r - x1r).store(io.or, o1); (x0i - x1i).store(io.oi, o1)
    }
}

/// Radix 2 at span 1 with x₁ = 0: X₀ = X₁ = x₀.
// swift-format-ignore
private struct Radix2UpperZero: Butterfly {
    let io: Buffers, a: Int, o: Int, d: Int

    @inline(__always) func apply<L: Lane>(_ e: Int, _ lane: L.Type) {
        let a0 = a &+ e, o0 = o &+ e, o1 = o0 &+ d
        let x0r = L.load(io.ir, a0), x0i = L.load(io.ii, a0)
        x0r.store(io.or, o0); x0i.store(io.oi, o0)
        x0r.store(io.or, o1); x0i.store(io.oi, o1)
    }
}

/// Radix 4 at span 1 (unit twiddles) with x₂ = x₃ = 0: `Radix4` with p = q = x₀, u = v = x₁.
// swift-format-ignore
private struct Radix4UpperZero: Butterfly {
    let io: Buffers, a: Int, da: Int, o: Int, d: Int

    @inline(__always) func apply<L: Lane>(_ e: Int, _ lane: L.Type) {
        let a0 = a &+ e, a1 = a0 &+ da
        let o0 = o &+ e, o1 = o0 &+ d, o2 = o1 &+ d, o3 = o2 &+ d
        let x0r = L.load(io.ir, a0), x0i = L.load(io.ii, a0)
        let x1r = L.load(io.ir, a1), x1i = L.load(io.ii, a1)
        (x0r + x1r).store(io.or, o0); (x0i + x1i).store(io.oi, o0)
        (x0r - x1r).store(io.or, o2); (x0i - x1i).store(io.oi, o2)
        (x0r + x1i).store(io.or, o1); (x0i - x1r).store(io.oi, o1)
        (x0r - x1i).store(io.or, o3); (x0i + x1r).store(io.oi, o3)
    }
}

// swift-format-ignore
private struct Radix3: Butterfly {
    let io: Buffers, a: Int, da: Int, o: Int, d: Int
    let w: (Double, Double, Double, Double)

    @inline(__always) func apply<L: Lane>(_ e: Int, _ lane: L.Type) {
        let c1 = L(splat: w.0), d1 = L(splat: w.1), c2 = L(splat: w.2), d2 = L(splat: w.3)
        let h = L(splat: -0.5), s1 = L(splat: -0.8660254037844386)  // cos, −sin of 2π/3
        let a0 = a &+ e, a1 = a0 &+ da, a2 = a1 &+ da, o0 = o &+ e, o1 = o0 &+ d, o2 = o1 &+ d
        let x0r = L.load(io.ir, a0), x0i = L.load(io.ii, a0)
        var yr = L.load(io.ir, a1), yi = L.load(io.ii, a1)
        let x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1
        yr = L.load(io.ir, a2); yi = L.load(io.ii, a2)
        let x2r = yr * c2 - yi * d2, x2i = yr * d2 + yi * c2
        let sr = x1r + x2r, si = x1i + x2i, dr = x1r - x2r, di = x1i - x2i
        (x0r + sr).store(io.or, o0); (x0i + si).store(io.oi, o0)
        let mr = x0r + h * sr, mi = x0i + h * si
        (mr - s1 * di).store(io.or, o1); (mi + s1 * dr).store(io.oi, o1)
        (mr + s1 * di).store(io.or, o2); (mi - s1 * dr).store(io.oi, o2)
    }
}

// swift-format-ignore
private struct Radix4: Butterfly {
    let io: Buffers, a: Int, da: Int, o: Int, d: Int
    let w: (Double, Double, Double, Double, Double, Double)

    @inline(__always) func apply<L: Lane>(_ e: Int, _ lane: L.Type) {
        let c1 = L(splat: w.0), d1 = L(splat: w.1), c2 = L(splat: w.2), d2 = L(splat: w.3)
        let c3 = L(splat: w.4), d3 = L(splat: w.5)
        let a0 = a &+ e, a1 = a0 &+ da, a2 = a1 &+ da, a3 = a2 &+ da
        let o0 = o &+ e, o1 = o0 &+ d, o2 = o1 &+ d, o3 = o2 &+ d
        let x0r = L.load(io.ir, a0), x0i = L.load(io.ii, a0)
        var yr = L.load(io.ir, a1), yi = L.load(io.ii, a1)
        let x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1
        yr = L.load(io.ir, a2); yi = L.load(io.ii, a2)
        let x2r = yr * c2 - yi * d2, x2i = yr * d2 + yi * c2
        yr = L.load(io.ir, a3); yi = L.load(io.ii, a3)
        let x3r = yr * c3 - yi * d3, x3i = yr * d3 + yi * c3
        let pr = x0r + x2r, pi = x0i + x2i, qr = x0r - x2r, qi = x0i - x2i
        let ur = x1r + x3r, ui = x1i + x3i, vr = x1r - x3r, vi = x1i - x3i
        (pr + ur).store(io.or, o0); (pi + ui).store(io.oi, o0)
        (pr - ur).store(io.or, o2); (pi - ui).store(io.oi, o2)
        // X1 = q − i·v, X3 = q + i·v (forward sign).
        (qr + vi).store(io.or, o1); (qi - vr).store(io.oi, o1)
        (qr - vi).store(io.or, o3); (qi + vr).store(io.oi, o3)
    }
}

// swift-format-ignore
private struct Radix5: Butterfly {
    let io: Buffers, a: Int, da: Int, o: Int, d: Int
    let w: (Double, Double, Double, Double, Double, Double, Double, Double)

    @inline(__always) func apply<L: Lane>(_ e: Int, _ lane: L.Type) {
        let c1 = L(splat: 0.30901699437494745), c2 = L(splat: -0.8090169943749475)  // cos 2π/5, cos 4π/5
        let s1 = L(splat: 0.9510565162951535), s2 = L(splat: 0.5877852522924731)  // sin 2π/5, sin 4π/5
        let c1w = L(splat: w.0), d1w = L(splat: w.1), c2w = L(splat: w.2), d2w = L(splat: w.3)
        let c3w = L(splat: w.4), d3w = L(splat: w.5), c4w = L(splat: w.6), d4w = L(splat: w.7)
        let a0 = a &+ e, a1 = a0 &+ da, a2 = a1 &+ da, a3 = a2 &+ da, a4 = a3 &+ da
        let o0 = o &+ e, o1 = o0 &+ d, o2 = o1 &+ d, o3 = o2 &+ d, o4 = o3 &+ d
        let x0r = L.load(io.ir, a0), x0i = L.load(io.ii, a0)
        var yr = L.load(io.ir, a1), yi = L.load(io.ii, a1)
        let xr0 = yr * c1w - yi * d1w, xi0 = yr * d1w + yi * c1w
        yr = L.load(io.ir, a2); yi = L.load(io.ii, a2)
        let xr1 = yr * c2w - yi * d2w, xi1 = yr * d2w + yi * c2w
        yr = L.load(io.ir, a3); yi = L.load(io.ii, a3)
        let xr2 = yr * c3w - yi * d3w, xi2 = yr * d3w + yi * c3w
        yr = L.load(io.ir, a4); yi = L.load(io.ii, a4)
        let xr3 = yr * c4w - yi * d4w, xi3 = yr * d4w + yi * c4w
        let ar = xr0 + xr3, ai = xi0 + xi3, br = xr0 - xr3, bi = xi0 - xi3
        let cr = xr1 + xr2, ci = xi1 + xi2, dr = xr1 - xr2, di = xi1 - xi2
        (x0r + ar + cr).store(io.or, o0); (x0i + ai + ci).store(io.oi, o0)
        let m1r = x0r + c1 * ar + c2 * cr, m1i = x0i + c1 * ai + c2 * ci
        let m2r = x0r + c2 * ar + c1 * cr, m2i = x0i + c2 * ai + c1 * ci
        let n1r = s1 * bi + s2 * di, n1i = s1 * br + s2 * dr
        let n2r = s2 * bi - s1 * di, n2i = s2 * br - s1 * dr
        (m1r + n1r).store(io.or, o1); (m1i - n1i).store(io.oi, o1)
        (m1r - n1r).store(io.or, o4); (m1i + n1i).store(io.oi, o4)
        (m2r + n2r).store(io.or, o2); (m2i - n2i).store(io.oi, o2)
        (m2r - n2r).store(io.or, o3); (m2i + n2i).store(io.oi, o3)
    }
}
