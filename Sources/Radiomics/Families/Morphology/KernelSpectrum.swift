/// One octant of the spectrum of the inverse-distance kernel K(d) = 1/‖d ⊙ spacing‖ (K(0) = 0)
/// placed cyclically on an even padded lattice M for |d_a| < box_a.
///
/// K is real and even along every axis (K(…, d_a, …) = K(…, M_a − d_a, …)), so its DFT is real
/// and even along every axis too: the octant 0 ≤ f_a ≤ M_a/2 determines all of it, and each
/// axis pass only has to transform the lines of that octant (a quarter of the lattice's lines),
/// two real-even lines per complex FFT (both spectra are real, so they come out as the real and
/// the imaginary part). Lines that hold only zeros (d_a ≥ box_a before their pass) are skipped.
/// This is exact: it reorganises the same DFT sums.
struct KernelSpectrum {
    /// Padded lattice size M (every component even).
    let lattice: SIMD3<Int>
    /// Octant size M/2 + 1.
    let half: SIMD3<Int>
    /// K̂ at (f_x, f_y, f_z), 0 ≤ f_a ≤ M_a/2, index f_x + half.x·(f_y + half.y·f_z).
    let values: [Double]

    /// The octant for a kernel supported on |d_a| < box_a (requires M_a ≥ 2·box_a); `plans` are
    /// FFT plans of lengths M_x, M_y, M_z.
    init(lattice m: SIMD3<Int>, box b: SIMD3<Int>, spacing: SIMD3<Double>, plans: [FourierTransform]) {
        lattice = m
        let h = m / 2 &+ 1
        half = h
        var e = [Double](repeating: 0, count: h.x * h.y * h.z)
        for dz in 0..<b.z {
            let wz = Double(dz) * spacing.z
            for dy in 0..<b.y {
                let wy = Double(dy) * spacing.y
                let row = h.x * (dy + h.y * dz)
                for dx in 0..<b.x where dx != 0 || dy != 0 || dz != 0 {
                    let wx = Double(dx) * spacing.x
                    e[row + dx] = 1 / (wx * wx + wy * wy + wz * wz).squareRoot()
                }
            }
        }
        // x lines (rows with d_y < box_y, d_z < box_z), then y lines (f_x any, d_z < box_z),
        // then z lines (all f_x, f_y of the octant).
        var xLines: [Int] = []
        for z in 0..<b.z { for y in 0..<b.y { xLines.append(h.x * (y + h.y * z)) } }
        var yLines: [Int] = []
        for z in 0..<b.z { for x in 0..<h.x { yLines.append(x + h.x * h.y * z) } }
        var zLines: [Int] = []
        for y in 0..<h.y { for x in 0..<h.x { zLines.append(x + h.x * y) } }
        e.withUnsafeMutableBufferPointer { p in
            guard let e = p.baseAddress else { return }
            Self.evenPass(e, lines: xLines, stride: 1, plan: plans[0])
            Self.evenPass(e, lines: yLines, stride: h.x, plan: plans[1])
            Self.evenPass(e, lines: zLines, stride: h.x * h.y, plan: plans[2])
        }
        values = e
    }

    /// Index f folded into the octant: f for f ≤ M/2, M − f above.
    @inline(__always) static func fold(_ f: Int, _ m: Int) -> Int { 2 * f <= m ? f : m - f }

    /// Transforms the real-even lines starting at `lines` (element j at start + j·stride for
    /// 0 ≤ j ≤ n/2, mirrored above) in place, keeping spectrum entries 0...n/2.
    private static func evenPass(_ e: UnsafeMutablePointer<Double>, lines: [Int], stride: Int, plan: FourierTransform) {
        let n = plan.n
        let h = n / 2 + 1
        var batch = LineBatch(plan: plan, capacity: LineBatch.capacity(length: n))
        var first = 0
        lines.withUnsafeBufferPointer { starts in
            while first < starts.count {
                let lineCount = min(2 * batch.capacity, starts.count - first)
                let signals = (lineCount + 1) / 2
                let real = starts.baseAddress.map { $0 + first }
                // Signal b: line 2b in the real part, line 2b + 1 (or zeros) in the imaginary part.
                let odd = lineCount % 2 == 1
                batch.transform(
                    count: signals,
                    fill: { re, im, count in
                        guard let s = real else { return }
                        for q in 0..<n {
                            let offset = fold(q, n) * stride
                            let row = q * count
                            for b in 0..<count {
                                re[row + b] = e[s[2 * b] + offset]
                                im[row + b] = odd && b == count - 1 ? 0 : e[s[2 * b + 1] + offset]
                            }
                        }
                    },
                    drain: { re, im, count in
                        guard let s = real else { return }
                        for f in 0..<h {
                            let offset = f * stride
                            let row = f * count
                            for b in 0..<count {
                                e[s[2 * b] + offset] = re[row + b]
                                if !odd || b < count - 1 { e[s[2 * b + 1] + offset] = im[row + b] }
                            }
                        }
                    })
                first += lineCount
            }
        }
    }
}
