/// The pair sums of `SpatialAutocorrelation` from half spectra (Parseval), without an inverse FFT.
///
/// For real signals a, b on the padded lattice (size L) and the real, even kernel K,
/// Σ_i a_i (K ∗ b)_i = (1/L) Σ_f K̂(f) Re(conj(â(f)) b̂(f)). With m (mask), y ((x − μ)·m) and
/// q = y² this gives W = Σ m(K∗m), S₁ = Σ y(K∗y) and T = Σ q(K∗m) from the forward transforms of
/// m, y and q alone. Every term is unchanged under f → −f, so only f_x ≤ M_x/2 is needed (the
/// rest counted twice): a real-to-complex transform along x (two real lines per complex FFT,
/// separated with X(f) = (C(f) + conj C(−f))/2, Y(f) = (C(f) − conj C(−f))/2i), then the y and z
/// passes on half the columns; the z pass runs chunk by chunk and each chunk's spectra are
/// summed at once, so the full 3-D spectrum is never stored. S₁ needs ŷ alone and W, T need m̂ and
/// q̂, so the two groups are transformed one after the other: at most two half spectra (over the
/// occupied z range) are held at a time.
extension SpatialAutocorrelation {
    /// The real signals on the box: the mask m, y = (x − μ)·m and q = y².
    enum Field: Int {
        case mask, centred, square
    }

    /// (W, S₁, T) for a sample on an even padded lattice `m` (m_a ≥ 2·box_a).
    static func spectralSums(
        _ s: Sample, mean: Double, lattice m: SIMD3<Int>, plans: [FourierTransform], kernel: KernelSpectrum
    ) -> (w: Double, cross: Double, squareWeighted: Double) {
        let cross = groupSums(s, mean: mean, fields: [.centred], lattice: m, plans: plans, kernel: kernel)
        let pair = groupSums(s, mean: mean, fields: [.mask, .square], lattice: m, plans: plans, kernel: kernel)
        let size = Double(m.x * m.y * m.z)
        return (pair.first / size, cross.first / size, pair.second / size)
    }

    /// The Parseval sums of one group of fields: for [y], (Σ K̂|ŷ|², 0); for [m, q],
    /// (Σ K̂|m̂|², Σ K̂ Re(m̂ conj q̂)); unnormalised (not yet divided by L).
    private static func groupSums(
        _ s: Sample, mean: Double, fields: [Field], lattice m: SIMD3<Int>, plans: [FourierTransform],
        kernel: KernelSpectrum
    ) -> (first: Double, second: Double) {
        let o = s.dims
        let hx = m.x / 2 + 1
        let plane = hx * m.y
        let fieldSize = plane * o.z
        let count = fields.count
        var half = [Double](repeating: 0, count: 2 * count * fieldSize)
        half.withUnsafeMutableBufferPointer { p in
            guard let hre = p.baseAddress else { return }
            let him = hre + count * fieldSize
            realTransformX(s, mean: mean, fields: fields, hx: hx, lattice: m, plan: plans[0], hre, him)
            var scratch = [Double](repeating: 0, count: 2 * plane)
            scratch.withUnsafeMutableBufferPointer { sp in
                guard let sr = sp.baseAddress else { return }
                let batch = FFTBatch(count: hx, elementStride: hx, signalStride: 1)
                // Rows y ≥ box_y are zero and M_y ≥ 2·box_y: the upper half of every column is zero.
                for offset in stride(from: 0, to: count * fieldSize, by: plane) {
                    plans[1].forward(batch, hre + offset, him + offset, sr, sr + plane, upperHalfZero: true)
                }
            }
        }
        var sums = (first: 0.0, second: 0.0)
        half.withUnsafeBufferPointer { p in
            kernel.values.withUnsafeBufferPointer { k in
                guard let hre = p.baseAddress, let k = k.baseAddress else { return }
                sums = transformZAndSum(
                    hre, hre + count * fieldSize, fields: count, kernel: k, hx: hx, occupiedZ: o.z, lattice: m,
                    plan: plans[2])
            }
        }
        return sums
    }

    /// Real-to-complex x pass: the lines of the given fields on the box, two per complex FFT,
    /// written as half lines (f_x ≤ M_x/2) into one half lattice per field of `hx`·M_y·box_z
    /// (x fastest).
    private static func realTransformX(
        _ s: Sample, mean: Double, fields kinds: [Field], hx: Int, lattice m: SIMD3<Int>, plan: FourierTransform,
        _ hre: UnsafeMutablePointer<Double>, _ him: UnsafeMutablePointer<Double>
    ) {
        let o = s.dims
        let boxSize = o.x * o.y * o.z
        var fields = [Double](repeating: 0, count: kinds.count * boxSize)
        for (p, v) in zip(s.positions, s.values) {
            let y = v - mean
            for (f, kind) in kinds.enumerated() {
                switch kind {
                case .mask: fields[f * boxSize + p] = 1
                case .centred: fields[f * boxSize + p] = y
                case .square: fields[f * boxSize + p] = y * y
                }
            }
        }
        let rows = o.y * o.z
        let fieldSize = hx * m.y * o.z
        // The real lines to transform: every field of every box row holding an ROI voxel (rows
        // without one are zero, and so is their spectrum, already in place); source and
        // destination offsets.
        var occupied = [Bool](repeating: false, count: rows)
        for p in s.positions { occupied[p / o.x] = true }
        var source: [Int] = []
        var target: [Int] = []
        for field in 0..<kinds.count {
            for row in 0..<rows where occupied[row] {
                source.append(field * boxSize + o.x * row)
                target.append(field * fieldSize + hx * (row % o.y + m.y * (row / o.y)))
            }
        }
        let n = plan.n
        var batch = LineBatch(plan: plan, capacity: LineBatch.capacity(length: n))
        fields.withUnsafeBufferPointer { fp in
            source.withUnsafeBufferPointer { source in
                target.withUnsafeBufferPointer { target in
                    guard let f = fp.baseAddress else { return }
                    var first = 0
                    while first < source.count {
                        let lineCount = min(2 * batch.capacity, source.count - first)
                        let odd = lineCount % 2 == 1
                        // x ≥ box_x is zero padding and M_x ≥ 2·box_x: only the lower half is filled.
                        batch.transform(
                            count: (lineCount + 1) / 2, upperHalfZero: true,
                            fill: { re, im, count in
                                for x in 0..<(n / 2) {
                                    let row = x * count
                                    guard x < o.x else {
                                        for b in 0..<count { re[row + b] = 0; im[row + b] = 0 }
                                        continue
                                    }
                                    for b in 0..<count {
                                        let j = first + 2 * b
                                        re[row + b] = f[source[j] + x]
                                        im[row + b] = odd && b == count - 1 ? 0 : f[source[j + 1] + x]
                                    }
                                }
                            },
                            drain: { re, im, count in
                                for k in 0..<hx {
                                    let c = k * count
                                    let d = (k == 0 ? 0 : n - k) * count
                                    for b in 0..<count {
                                        let j = first + 2 * b
                                        let cr = re[c + b], ci = im[c + b], dr = re[d + b], di = im[d + b]
                                        hre[target[j] + k] = 0.5 * (cr + dr)
                                        him[target[j] + k] = 0.5 * (ci - di)
                                        if !odd || b < count - 1 {
                                            hre[target[j + 1] + k] = 0.5 * (ci + di)
                                            him[target[j + 1] + k] = 0.5 * (dr - cr)
                                        }
                                    }
                                }
                            })
                        first += lineCount
                    }
                }
            }
        }
    }

    /// z pass of the half lattices (one or two fields), chunk by chunk of (f_x, f_y) columns, each
    /// chunk's Parseval terms summed straight away (per chunk, then into the totals: a fixed order).
    private static func transformZAndSum(
        _ hre: UnsafePointer<Double>, _ him: UnsafePointer<Double>, fields: Int, kernel k: UnsafePointer<Double>,
        hx: Int, occupiedZ oz: Int, lattice m: SIMD3<Int>, plan: FourierTransform
    ) -> (first: Double, second: Double) {
        let plane = hx * m.y
        let fieldSize = plane * oz
        let hy = m.y / 2 + 1
        let columnsPerChunk = max(1, LineBatch.capacity(length: m.z) / fields)
        var batch = LineBatch(plan: plan, capacity: fields * columnsPerChunk)
        var totals = (first: 0.0, second: 0.0)
        var kernelRow = [Int](repeating: 0, count: columnsPerChunk)
        var weight = [Double](repeating: 0, count: columnsPerChunk)
        for first in stride(from: 0, to: plane, by: columnsPerChunk) {
            let columns = min(columnsPerChunk, plane - first)
            for b in 0..<columns {
                let (fy, fx) = (first + b).quotientAndRemainder(dividingBy: hx)
                kernelRow[b] = fx + hx * KernelSpectrum.fold(fy, m.y)
                weight[b] = fx == 0 || 2 * fx == m.x ? 1 : 2
            }
            // z ≥ box_z is zero padding and M_z ≥ 2·box_z: only the lower half is filled.
            batch.transform(
                count: fields * columns, upperHalfZero: true,
                fill: { re, im, count in
                    for z in 0..<(m.z / 2) {
                        let row = z * count
                        guard z < oz else {
                            for b in 0..<count {
                                re[row + b] = 0
                                im[row + b] = 0
                            }
                            continue
                        }
                        for field in 0..<fields {
                            let src = field * fieldSize + z * plane + first
                            let dst = row + field * columns
                            for b in 0..<columns {
                                re[dst + b] = hre[src + b]
                                im[dst + b] = him[src + b]
                            }
                        }
                    }
                },
                drain: { re, im, count in
                    kernelRow.withUnsafeBufferPointer { kernelRow in
                        weight.withUnsafeBufferPointer { weight in
                            var chunk = (first: 0.0, second: 0.0)
                            for z in 0..<m.z {
                                let kz = hx * hy * KernelSpectrum.fold(z, m.z)
                                let row = z * count
                                if fields == 1 {
                                    for b in 0..<columns {
                                        let kv = k[kernelRow[b] + kz] * weight[b]
                                        let yr = re[row + b], yi = im[row + b]
                                        chunk.first += kv * (yr * yr + yi * yi)
                                    }
                                } else {
                                    for b in 0..<columns {
                                        let kv = k[kernelRow[b] + kz] * weight[b]
                                        let mr = re[row + b], mi = im[row + b]
                                        let qr = re[row + columns + b], qi = im[row + columns + b]
                                        chunk.first += kv * (mr * mr + mi * mi)
                                        chunk.second += kv * (mr * qr + mi * qi)
                                    }
                                }
                            }
                            totals.first += chunk.first
                            totals.second += chunk.second
                        }
                    }
                })
        }
        return totals
    }
}
