import Imaging
import RadVaultCore

/// Moran's I (IBSI N365) and Geary's C (NPT7) with inverse-distance weights
/// w_ij = 1 / ‖r_i − r_j‖ (world mm) over all ordered pairs i ≠ j of intensity-mask voxels —
/// exactly, not by subsampling.
///
/// Method (O(L log L), L = padded box size): with the mask indicator m, y = (x − μ)·m and the
/// kernel K(d) = 1/‖d ⊙ spacing‖ (K(0) = 0), every pair sum is a lattice correlation:
///   W  = Σ_ij w_ij               = Σ_i m_i (K ∗ m)_i
///   S₁ = Σ_ij w_ij y_i y_j       = Σ_i y_i (K ∗ y)_i
///   G  = Σ_ij w_ij (x_i − x_j)²  = 2 Σ_i y_i² (K ∗ m)_i − 2 S₁
/// (K is even, so correlation equals convolution). Both convolutions come from one complex FFT
/// of m + i·y times the real spectrum of K, inverted once; zero padding to ≥ 2n − 1 per axis makes
/// the cyclic convolution equal the linear one on the box. Then
/// I = N/W · S₁/Σy² and C = (N − 1)/(2W) · G/Σy².
///
/// Error analysis: an FFT convolution has a relative rms error of O(ε log L) with respect to
/// ‖K‖₂‖y‖₂ (Schatzman 1996); the three sums are inner products of those results with m, y and
/// y², so their absolute error is O(ε log L ‖K‖₂ ‖y‖₂²). For I, whose numerator can be small,
/// this bound is ~1e-13 relative on the ROIs tested (`direct` is the O(N²) reference; the test
/// suite asserts agreement to 1e-9 relative on random ROIs). The operation order is fixed, so the
/// result is deterministic.
enum SpatialAutocorrelation {
    /// The intensity-mask voxels on their bounding box.
    struct Sample: Sendable {
        /// Box dimensions.
        var dims: SIMD3<Int>
        var spacing: SIMD3<Double>
        /// Box-linear indices (x fastest) of the ROI voxels, ascending.
        var positions: [Int]
        /// Intensities at `positions`.
        var values: [Double]

        init(image: Volume, mask: Mask) throws {
            guard let box = BoundingBox(mask: mask) else {
                throw RadVaultError.invalidInput(
                    "morphology: the intensity mask is empty; expected at least one voxel inside the ROI")
            }
            dims = box.size
            spacing = mask.grid.spacing
            positions = []
            values = []
            let g = mask.grid
            for z in box.lower.z...box.upper.z {
                for y in box.lower.y...box.upper.y {
                    let row = g.index(0, y, z)
                    let boxRow = dims.x * ((y - box.lower.y) + dims.y * (z - box.lower.z)) - box.lower.x
                    for x in box.lower.x...box.upper.x where mask.voxels[row + x] {
                        positions.append(boxRow + x)
                        values.append(image.voxels[row + x])
                    }
                }
            }
        }
    }

    /// (Moran's I, Geary's C). NaN when they are undefined: fewer than 2 voxels or constant
    /// intensities (Σ(x − μ)² = 0), where both are 0/0.
    /// Largest padded lattice accepted: 2²⁶ points, about 2.7 GB for the five working arrays.
    static let maximumLatticePoints = 1 << 26

    /// (Moran's I, Geary's C) by FFT. Throws `.unsupported` when the ROI's bounding box would need
    /// a padded lattice above `maximumLatticePoints` (a box of about 200³ voxels).
    static func compute(
        _ s: Sample, maximumLatticePoints: Int = SpatialAutocorrelation.maximumLatticePoints
    ) throws -> (moran: Double, geary: Double) {
        let n = s.values.count
        guard n >= 2 else { return (.nan, .nan) }
        let mean = s.values.reduce(0, +) / Double(n)
        let dims = s.dims
        let padded = SIMD3(
            LatticeFFT.size(atLeast: 2 * dims.x - 1), LatticeFFT.size(atLeast: 2 * dims.y - 1),
            LatticeFFT.size(atLeast: 2 * dims.z - 1))
        let total = padded.x * padded.y * padded.z
        guard total <= maximumLatticePoints else {
            throw RadVaultError.unsupported(
                "morphology: Moran's I / Geary's C need a \(padded.x)×\(padded.y)×\(padded.z) FFT lattice for the "
                    + "intensity-mask bounding box \(dims.x)×\(dims.y)×\(dims.z); at most \(maximumLatticePoints) points "
                    + "are supported")
        }
        var fft = LatticeFFT(dims: padded)
        var re = [Double](repeating: 0, count: total)
        var im = [Double](repeating: 0, count: total)
        for (p, v) in zip(s.positions, s.values) {
            let q = fft.paddedIndex(boxIndex: p, boxDims: dims)
            re[q] = 1
            im[q] = v - mean
        }
        let kernel = fft.kernelSpectrum(boxDims: dims, spacing: s.spacing)
        fft.forward(&re, &im, occupied: dims)
        for i in 0..<total {
            re[i] *= kernel[i]
            im[i] *= kernel[i]
        }
        fft.inverse(&re, &im, needed: dims)
        let scale = 1 / Double(total)
        var sums = PairSums(count: n)
        for (p, v) in zip(s.positions, s.values) {
            let q = fft.paddedIndex(boxIndex: p, boxDims: dims)
            let y = v - mean
            let km = re[q] * scale
            let ky = im[q] * scale
            sums.add(weight: km, cross: y * ky, squareWeighted: y * y * km, square: y * y)
        }
        return sums.result()
    }

    /// The O(N²) pair sum, for reference and tests: fixed pair order i < j.
    static func direct(_ s: Sample) -> (moran: Double, geary: Double) {
        let n = s.values.count
        guard n >= 2 else { return (.nan, .nan) }
        let mean = s.values.reduce(0, +) / Double(n)
        let coords = s.positions.map { p -> SIMD3<Double> in
            SIMD3(Double(p % s.dims.x), Double((p / s.dims.x) % s.dims.y), Double(p / (s.dims.x * s.dims.y)))
                * s.spacing
        }
        var w = 0.0
        var cross = 0.0
        var diff = 0.0
        var square = 0.0
        for i in 0..<n {
            let yi = s.values[i] - mean
            square += yi * yi
            for j in (i + 1)..<n {
                let d = coords[i] - coords[j]
                let wij = 1 / (d * d).sum().squareRoot()
                let yj = s.values[j] - mean
                w += 2 * wij
                cross += 2 * wij * yi * yj
                diff += 2 * wij * (yi - yj) * (yi - yj)
            }
        }
        return finish(n: n, w: w, cross: cross, diff: diff, square: square)
    }

    static func finish(n: Int, w: Double, cross: Double, diff: Double, square: Double) -> (Double, Double) {
        guard square > 0, w > 0 else { return (.nan, .nan) }
        let moran = Double(n) / w * cross / square
        let geary = Double(n - 1) / (2 * w) * diff / square
        return (moran, geary)
    }

    /// Accumulates the per-voxel terms in voxel order.
    private struct PairSums {
        let count: Int
        var w = 0.0
        var cross = 0.0
        var squareWeighted = 0.0
        var square = 0.0

        init(count: Int) { self.count = count }

        mutating func add(weight: Double, cross c: Double, squareWeighted q: Double, square s: Double) {
            w += weight
            cross += c
            squareWeighted += q
            square += s
        }

        func result() -> (moran: Double, geary: Double) {
            let diff = 2 * squareWeighted - 2 * cross
            return SpatialAutocorrelation.finish(n: count, w: w, cross: cross, diff: diff, square: square)
        }
    }
}
