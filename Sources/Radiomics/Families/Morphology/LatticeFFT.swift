/// 3-D complex FFTs on a zero-padded box (x fastest), built from batched 1-D `FourierTransform`
/// stages: x-lines are transformed slice by slice, y- and z-lines plane by plane with the
/// innermost loop over contiguous memory.
///
/// Lines that only ever hold zeros are skipped: the forward transform knows which corner box is
/// occupied, the inverse which corner box is needed (about 40 % fewer line transforms).
/// The kernel spectrum uses that the inverse-distance kernel is real and even along every axis:
/// each 1-D transform of such lines is real, so two lines ride in one complex transform (one as
/// the real, one as the imaginary part) and come out separated — half the work of a complex FFT.
struct LatticeFFT {
    let dims: SIMD3<Int>
    private let plans: [FourierTransform]
    private var scratchRe: [Double]
    private var scratchIm: [Double]

    /// Smallest even m ≥ minimum with prime factors 2, 3, 5 (even so that lines pair up).
    static func size(atLeast minimum: Int) -> Int { 2 * FourierTransform.niceSize(atLeast: (minimum + 1) / 2) }

    init(dims: SIMD3<Int>) {
        self.dims = dims
        plans = [FourierTransform(n: dims.x), FourierTransform(n: dims.y), FourierTransform(n: dims.z)]
        scratchRe = [Double](repeating: 0, count: dims.x * dims.y * dims.z)
        scratchIm = scratchRe
    }

    /// Index in the padded lattice of a box-linear index.
    @inline(__always) func paddedIndex(boxIndex p: Int, boxDims b: SIMD3<Int>) -> Int {
        let x = p % b.x
        let y = (p / b.x) % b.y
        let z = p / (b.x * b.y)
        return x + dims.x * (y + dims.y * z)
    }

    /// Real spectrum of the inverse-distance kernel K(d) = 1/‖d ⊙ spacing‖, K(0) = 0, placed
    /// cyclically for |d_a| < box_a (dims must be even).
    mutating func kernelSpectrum(boxDims b: SIMD3<Int>, spacing: SIMD3<Double>) -> [Double] {
        var k = [Double](repeating: 0, count: dims.x * dims.y * dims.z)
        for dz in (1 - b.z)..<b.z {
            let z = dz < 0 ? dz + dims.z : dz
            let wz = Double(dz) * spacing.z
            for dy in (1 - b.y)..<b.y {
                let y = dy < 0 ? dy + dims.y : dy
                let wy = Double(dy) * spacing.y
                let row = dims.x * (y + dims.y * z)
                for dx in (1 - b.x)..<b.x where dx != 0 || dy != 0 || dz != 0 {
                    let x = dx < 0 ? dx + dims.x : dx
                    let wx = Double(dx) * spacing.x
                    k[row + x] = 1 / (wx * wx + wy * wy + wz * wz).squareRoot()
                }
            }
        }
        let (nx, ny, nz) = (dims.x, dims.y, dims.z)
        let plane = nx * ny
        let plans = self.plans
        k.withUnsafeMutableBufferPointer { kp in
            guard let k = kp.baseAddress else { return }
            withScratch { sr, _ in
                // x: lines y < ny/2 (real part) paired with lines y ≥ ny/2 (imaginary part).
                let xBatch = FFTBatch(count: ny / 2, elementStride: 1, signalStride: nx)
                for z in 0..<nz {
                    let o = z * plane
                    let h = o + (ny / 2) * nx
                    plans[0].forward(xBatch, k + o, k + h, sr + o, sr + h)
                }
                // y: columns x < nx/2 paired with x ≥ nx/2, per slice.
                let yBatch = FFTBatch(count: nx / 2, elementStride: nx, signalStride: 1)
                for z in 0..<nz {
                    let o = z * plane
                    plans[1].forward(yBatch, k + o, k + o + nx / 2, sr + o, sr + o + nx / 2)
                }
                // z: first half of each plane paired with the second half.
                let zBatch = FFTBatch(count: plane / 2, elementStride: plane, signalStride: 1)
                plans[2].forward(zBatch, k, k + plane / 2, sr, sr + plane / 2)
            }
        }
        return k
    }

    /// Forward transform; input is zero outside the corner box `occupied`.
    mutating func forward(_ re: inout [Double], _ im: inout [Double], occupied o: SIMD3<Int>) {
        transform(&re, &im, xLines: o.y, xSlices: o.z, ySlices: o.z, zFirst: false)
    }

    /// Unnormalised inverse transform (divide by the lattice size afterwards); only the corner
    /// box `needed` of the output is valid. Uses IDFT(x) = swap(DFT(swap(x))).
    mutating func inverse(_ re: inout [Double], _ im: inout [Double], needed n: SIMD3<Int>) {
        transform(&im, &re, xLines: n.y, xSlices: n.z, ySlices: n.z, zFirst: true)
    }

    /// The three axis passes (x, y, z, or z, y, x when `zFirst`), restricted to the given slices.
    private mutating func transform(
        _ re: inout [Double], _ im: inout [Double], xLines: Int, xSlices: Int, ySlices: Int, zFirst: Bool
    ) {
        let (nx, ny) = (dims.x, dims.y)
        let plane = nx * ny
        let plans = self.plans
        re.withUnsafeMutableBufferPointer { rp in
            im.withUnsafeMutableBufferPointer { ip in
                guard let r = rp.baseAddress, let i = ip.baseAddress else { return }
                withScratch { sr, si in
                    let xPass = {
                        let batch = FFTBatch(count: xLines, elementStride: 1, signalStride: nx)
                        for z in 0..<xSlices {
                            let o = z * plane
                            plans[0].forward(batch, r + o, i + o, sr + o, si + o)
                        }
                    }
                    let zPass = {
                        let batch = FFTBatch(count: plane, elementStride: plane, signalStride: 1)
                        plans[2].forward(batch, r, i, sr, si)
                    }
                    if zFirst { zPass() } else { xPass() }
                    let yBatch = FFTBatch(count: nx, elementStride: nx, signalStride: 1)
                    for z in 0..<ySlices {
                        let o = z * plane
                        plans[1].forward(yBatch, r + o, i + o, sr + o, si + o)
                    }
                    if zFirst { xPass() } else { zPass() }
                }
            }
        }
    }

    /// Runs `body` with the scratch buffers (same layout as the lattice).
    private mutating func withScratch(
        _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    ) {
        scratchRe.withUnsafeMutableBufferPointer { a in
            scratchIm.withUnsafeMutableBufferPointer { b in
                guard let a = a.baseAddress, let b = b.baseAddress else { return }
                body(a, b)
            }
        }
    }
}
