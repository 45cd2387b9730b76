import Foundation
import Imaging
import RadVaultCore

/// IBSI-1 local intensity features (§3.2, family 9ST6), computed in 3D (DHQ4).
///
/// Both features average the image over a 1 cm³ sphere, r = (3/(4π))^{1/3} cm ≈ 6.2035 mm, in
/// world coordinates: every image voxel (inside or outside the ROI) whose centre lies within r of
/// the centre voxel counts; voxels beyond the image border do not exist and are not counted
/// (this reproduces the digital-phantom reference values 2.6 and 3.1). Centre voxels are the
/// voxels of the intensity mask.
///
/// Method: the sphere is a union of x-runs, one per (dy, dz) offset, with half-width
/// w(dy, dz) = max{w : (w·s_x)² + (dy·s_y)² + (dz·s_z)² ≤ r²}. With per-row prefix sums of the
/// image each run costs O(1), so one sphere mean costs O(r²) instead of O(r³) — the
/// summed-area form of the spherical mean filter the manual suggests.
public enum LocalIntensityFeatures {
    /// Sphere radius in mm: the radius of a 1 cm³ ball.
    public static let radius: Double = pow(3 / (4 * Double.pi), 1.0 / 3) * 10

    /// The feature definitions in table order.
    public static let definitions: [FeatureDefinition] = [
        FeatureDefinition(
            family: .localIntensity, tag: "loc_peak_loc", ibsiID: "VJGA", name: "Local intensity peak",
            doc: "Mean image intensity within a 1 cm³ sphere (r ≈ 6.2 mm, voxel centres within r, ROI or not, "
                + "inside the image) centred on the intensity-mask voxel of maximum intensity; with several "
                + "maxima, the highest of their means. Not in PyRadiomics."),
        FeatureDefinition(
            family: .localIntensity, tag: "loc_peak_glob", ibsiID: "0F91", name: "Global intensity peak",
            doc: "Highest 1 cm³-sphere mean intensity over all centre voxels of the intensity mask (same "
                + "sphere as the local peak). Not in PyRadiomics."),
    ]

    /// Computes the local and global intensity peaks. Throws `.invalidInput` for an empty intensity
    /// mask or a mask not on the image grid. A one-voxel ROI is valid: both peaks are its sphere mean.
    public static func compute(roi: ROI) throws -> [FeatureValue] {
        let image = roi.image
        let mask = roi.intensityMask
        guard mask.grid == image.grid else {
            throw RadVaultError.invalidInput(
                "local intensity: intensity mask grid \(mask.grid.dimensions) must equal the image grid "
                    + "\(image.grid.dimensions)")
        }
        let s = image.grid.spacing
        guard s.x > 0, s.y > 0, s.z > 0, s.sum().isFinite else {
            throw RadVaultError.invalidInput("local intensity: grid spacing must be positive and finite; got \(s)")
        }
        var maximum = -Double.infinity
        var any = false
        for (v, inside) in zip(image.voxels, mask.voxels) where inside {
            any = true
            maximum = max(maximum, v)
        }
        guard any else {
            throw RadVaultError.invalidInput(
                "local intensity: the intensity mask is empty; expected at least one voxel inside the ROI")
        }
        guard let box = BoundingBox(mask: mask) else {
            throw RadVaultError.internalError("local intensity: mask bounding box missing for a non-empty mask")
        }
        let sphere = SphereMean(image: image, radius: radius)
        let (local, global) = sphere.peaks(mask: mask, image: image, maximum: maximum, box: box)
        return [
            FeatureValue(family: .localIntensity, tag: "loc_peak_loc", ibsiID: "VJGA", aggregation: nil, value: local),
            FeatureValue(
                family: .localIntensity, tag: "loc_peak_glob", ibsiID: "0F91", aggregation: nil, value: global),
        ]
    }
}

/// Spherical means of an image by x-run prefix sums.
struct SphereMean {
    let grid: Grid
    /// Per (y, z) row, nx + 1 prefix sums.
    let prefix: [Double]
    /// The sphere as runs: (dy, dz, half-width in x).
    let runs: [SIMD3<Int>]

    init(image: Volume, radius: Double) {
        grid = image.grid
        let g = image.grid
        var p = [Double](repeating: 0, count: (g.nx + 1) * g.ny * g.nz)
        for row in 0..<(g.ny * g.nz) {
            var acc = 0.0
            let src = row * g.nx
            let dst = row * (g.nx + 1)
            for x in 0..<g.nx {
                acc += image.voxels[src + x]
                p[dst + x + 1] = acc
            }
        }
        prefix = p
        runs = Self.runs(spacing: g.spacing, radius: radius)
    }

    /// The x-runs of the voxel-centre ball of the given radius (distance ≤ radius).
    static func runs(spacing s: SIMD3<Double>, radius r: Double) -> [SIMD3<Int>] {
        let r2 = r * r
        let ry = Int((r / s.y).rounded(.down))
        let rz = Int((r / s.z).rounded(.down))
        var result: [SIMD3<Int>] = []
        for dz in -rz...rz {
            for dy in -ry...ry {
                let rest = r2 - pow(Double(dy) * s.y, 2) - pow(Double(dz) * s.z, 2)
                guard rest >= 0 else { continue }
                var w = Int((rest.squareRoot() / s.x).rounded(.down))
                while pow(Double(w + 1) * s.x, 2) <= rest { w += 1 }
                while w > 0 && pow(Double(w) * s.x, 2) > rest { w -= 1 }
                result.append(SIMD3(dy, dz, w))
            }
        }
        return result
    }

    /// (local peak, global peak): the highest ball mean over the mask voxels whose intensity is
    /// `maximum`, and over all mask voxels within `box`.
    ///
    /// Row by row: each sphere run is added to the sums of a whole row segment at once (the loop
    /// over x vectorises where the run needs no clipping). Every voxel's sum still adds the runs in
    /// the same order, so each mean is bit-identical to summing voxel by voxel.
    func peaks(mask: Mask, image: Volume, maximum: Double, box: BoundingBox) -> (Double, Double) {
        var local = -Double.infinity
        var global = -Double.infinity
        let g = grid
        var sums = [Double](repeating: 0, count: g.nx)
        var counts = [Int](repeating: 0, count: g.nx)
        prefix.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { sums in
                counts.withUnsafeMutableBufferPointer { counts in
                    for z in box.lower.z...box.upper.z {
                        for y in box.lower.y...box.upper.y {
                            let row = g.index(0, y, z)
                            var lo = Int.max
                            var hi = Int.min
                            for x in box.lower.x...box.upper.x where mask.voxels[row + x] {
                                lo = min(lo, x)
                                hi = x
                            }
                            guard lo <= hi else { continue }
                            for x in lo...hi {
                                sums[x] = 0
                                counts[x] = 0
                            }
                            for run in runs { add(run, p, sums, counts, lo, hi, y, z) }
                            for x in lo...hi where mask.voxels[row + x] {
                                let m = sums[x] / Double(counts[x])
                                global = max(global, m)
                                if image.voxels[row + x] == maximum { local = max(local, m) }
                            }
                        }
                    }
                }
            }
        }
        return (local, global)
    }

    /// Adds one sphere run (dy, dz, half-width w) to the sums and counts of row segment lo...hi.
    @inline(__always)
    private func add(
        _ run: SIMD3<Int>, _ p: UnsafeBufferPointer<Double>, _ sums: UnsafeMutableBufferPointer<Double>,
        _ counts: UnsafeMutableBufferPointer<Int>, _ lo: Int, _ hi: Int, _ y: Int, _ z: Int
    ) {
        let g = grid
        let yy = y + run.x
        let zz = z + run.y
        guard yy >= 0, yy < g.ny, zz >= 0, zz < g.nz else { return }
        let w = run.z
        let base = (yy + g.ny * zz) * (g.nx + 1)
        let clipped = { (x: Int) in
            let a = max(0, x - w)
            let b = min(g.nx - 1, x + w)
            sums[x] += p[base + b + 1] - p[base + a]
            counts[x] += b - a + 1
        }
        // Unclipped segment: w ≤ x ≤ nx − 1 − w.
        let first = max(lo, w)
        let last = min(hi, g.nx - 1 - w)
        guard first <= last else {
            for x in lo...hi { clipped(x) }
            return
        }
        for x in lo..<first { clipped(x) }
        let width = 2 * w + 1
        // Pointer offsets instead of checked index arithmetic, so the loop vectorises.
        guard let prefix = p.baseAddress, let sum = sums.baseAddress, let count = counts.baseAddress else { return }
        let upper = prefix + (base + w + 1)
        let lower = prefix + (base - w)
        for x in first...last {
            sum[x] += upper[x] - lower[x]
            count[x] &+= width
        }
        if last < hi { for x in (last + 1)...hi { clipped(x) } }
    }
}
