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
/// (K is even, so correlation equals convolution). Zero padding to ≥ 2n − 1 per axis makes the
/// cyclic convolution equal the linear one on the box; the inner products are evaluated in the
/// frequency domain by Parseval from the forward transforms of m, y and y² and the real spectrum
/// of K (`spectralSums`, `KernelSpectrum`), so no inverse transform is needed. Then
/// I = N/W · S₁/Σy² and C = (N − 1)/(2W) · G/Σy².
///
/// Error analysis: an FFT has a relative rms error of O(ε log L) (Schatzman 1996); each sum is
/// (1/L) Σ_f K̂(f)·â(f)·b̂(f), so its absolute error is O(ε log L ‖K̂‖∞ ‖a‖₂‖b‖₂), the same bound
/// as a convolution followed by an inner product. For I, whose numerator can be small, this is
/// ~1e-13 relative on the ROIs tested (`direct` is the O(N²) reference; the test suite asserts
/// agreement to 1e-9 relative on random ROIs). The operation order is fixed, so the result is
/// deterministic.
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
    /// Largest padded lattice accepted: 2²⁶ points, about 1 GB of working arrays (three half
    /// spectra over the occupied z range, the kernel octant and the box fields).
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
            latticeSize(atLeast: 2 * dims.x - 1), latticeSize(atLeast: 2 * dims.y - 1),
            latticeSize(atLeast: 2 * dims.z - 1))
        let total = padded.x * padded.y * padded.z
        guard total <= maximumLatticePoints else {
            throw RadVaultError.unsupported(
                "morphology: Moran's I / Geary's C need a \(padded.x)×\(padded.y)×\(padded.z) FFT lattice for the "
                    + "intensity-mask bounding box \(dims.x)×\(dims.y)×\(dims.z); at most \(maximumLatticePoints) points "
                    + "are supported")
        }
        let plans = [FourierTransform(n: padded.x), FourierTransform(n: padded.y), FourierTransform(n: padded.z)]
        let kernel = KernelSpectrum(lattice: padded, box: dims, spacing: s.spacing, plans: plans)
        let sums = spectralSums(s, mean: mean, lattice: padded, plans: plans, kernel: kernel)
        var square = 0.0
        for v in s.values { square += (v - mean) * (v - mean) }
        let diff = 2 * sums.squareWeighted - 2 * sums.cross
        return finish(n: n, w: sums.w, cross: sums.cross, diff: diff, square: square)
    }

    /// Smallest even m ≥ minimum with prime factors 2, 3, 5 (even so that the kernel is even on
    /// the lattice and the half spectrum ends at m/2).
    static func latticeSize(atLeast minimum: Int) -> Int { 2 * FourierTransform.niceSize(atLeast: (minimum + 1) / 2) }

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
}
