import Imaging
import RadVaultCore

/// The ROI of a `DiscretisedROI` cropped to its bounding box and padded, with grey levels
/// re-indexed to the levels actually present.
///
/// Every texture matrix is built from this one layout: `levels[v]` is the compact index
/// (1...`greyValues.count`) of the voxel's grey level, 0 outside the intensity mask and in the
/// padding. Padding by at least the neighbourhood radius lets the kernels read any neighbour at
/// `v + offset` without bounds checks: a padded voxel simply reads as "outside the ROI".
///
/// Rows of texture matrices are indexed by compact level; `greyValues[c - 1]` is the discretised
/// grey level i (1...Ng) used in every formula, so levels absent from the ROI cost nothing and
/// give exactly the values an Ng×Ng matrix with empty rows would give. `levelCount` is Ng of the
/// discretisation, used where IBSI normalises by Ng (GLCM normalised inverse differences).
struct TextureVolume: Sendable {
    /// Extent of the cropped box (voxels).
    let nx: Int, ny: Int, nz: Int
    /// Padding on every side (voxels).
    let pad: Int
    /// Stride between rows and between slices of the padded array.
    let rowStride: Int, sliceStride: Int
    /// Compact grey index per padded voxel (0 = outside).
    let levels: [Int32]
    /// Grey level value of each compact index (index c ↦ `greyValues[c - 1]`).
    let greyValues: [Double]
    /// Ng: the number of grey levels of the discretisation.
    let levelCount: Int
    /// Number of voxels in the intensity mask (N_v).
    let voxelCount: Int
    /// Voxels in the intensity mask per cropped slice z.
    let sliceVoxelCounts: [Int]
    /// Lower corner of the box in the full grid.
    let lower: (x: Int, y: Int, z: Int)

    /// The largest Ng accepted (the texture kernels allocate arrays of size Ng).
    static let maximumLevelCount = 1 << 20

    /// Crops and pads `roi`; `including` widens the box to another mask (GLDZM's morphological mask).
    init(roi: DiscretisedROI, pad: Int, family: FeatureFamily, including extra: Mask? = nil) throws {
        try Self.validateShape(roi, family: family, extra: extra)
        let box = try Self.boundingBox(roi: roi, extra: extra, family: family)
        self.pad = pad
        lower = (box.x0, box.y0, box.z0)
        nx = box.x1 - box.x0 + 1
        ny = box.y1 - box.y0 + 1
        nz = box.z1 - box.z0 + 1
        rowStride = nx + 2 * pad
        sliceStride = rowStride * (ny + 2 * pad)
        levelCount = roi.levelCount
        let compact = try Self.compactLevels(roi, box: box, family: family)
        greyValues = compact.values
        var padded = [Int32](repeating: 0, count: sliceStride * (nz + 2 * pad))
        var perSlice = [Int](repeating: 0, count: nz)
        let g = roi.grid
        let (nx, ny, nz, pad, rowStride, sliceStride) = (nx, ny, nz, pad, rowStride, sliceStride)
        roi.mask.voxels.withUnsafeBufferPointer { mask in
            roi.levels.withUnsafeBufferPointer { source in
                padded.withUnsafeMutableBufferPointer { out in
                    for z in 0..<nz {
                        var count = 0
                        for y in 0..<ny {
                            let src = g.index(box.x0, box.y0 + y, box.z0 + z)
                            let dst = (pad + y) * rowStride + (pad + z) * sliceStride + pad
                            for x in 0..<nx where mask[src + x] {
                                out[dst + x] = compact.map[Int(source[src + x])]
                                count += 1
                            }
                        }
                        perSlice[z] = count
                    }
                }
            }
        }
        levels = padded
        sliceVoxelCounts = perSlice
        voxelCount = perSlice.reduce(0, +)
    }

    /// Padded linear index of cropped voxel (x, y, z).
    @inline(__always) func index(_ x: Int, _ y: Int, _ z: Int) -> Int {
        (x + pad) + rowStride * (y + pad) + sliceStride * (z + pad)
    }

    /// Linear offset of the neighbour at (dx, dy, dz).
    @inline(__always) func offset(_ dx: Int, _ dy: Int, _ dz: Int) -> Int {
        dx + rowStride * dy + sliceStride * dz
    }

    /// Cropped slices that hold at least one ROI voxel, in increasing z.
    var occupiedSlices: [Int] { (0..<nz).filter { sliceVoxelCounts[$0] > 0 } }

    /// `mask` cropped to the same padded box (false in the padding).
    func padded(_ mask: Mask) -> [Bool] {
        var out = [Bool](repeating: false, count: levels.count)
        for z in 0..<nz {
            for y in 0..<ny {
                let src = mask.grid.index(lower.x, lower.y + y, lower.z + z)
                let dst = index(0, y, z)
                for x in 0..<nx where mask.voxels[src + x] { out[dst + x] = true }
            }
        }
        return out
    }

    /// Offsets of all neighbours within Chebyshev distance `radius` (in-plane only when `planar`).
    func chebyshevOffsets(radius: Int, planar: Bool) -> [Int] {
        var out: [Int] = []
        let zr = planar ? 0 : radius
        for dz in -zr...zr {
            for dy in -radius...radius {
                for dx in -radius...radius where dx != 0 || dy != 0 || dz != 0 {
                    out.append(offset(dx, dy, dz))
                }
            }
        }
        return out
    }

    private static func validateShape(_ roi: DiscretisedROI, family: FeatureFamily, extra: Mask?) throws {
        let n = roi.grid.count
        guard roi.levels.count == n, roi.mask.voxels.count == n,
            roi.mask.grid.dimensions == roi.grid.dimensions
        else {
            throw RadVaultError.invalidInput(
                "\(family.rawValue): DiscretisedROI.levels has \(roi.levels.count) and mask \(roi.mask.voxels.count) "
                    + "voxels; expected both to equal the grid size \(n) (\(roi.grid.dimensions))")
        }
        if let extra, extra.voxels.count != n || extra.grid.dimensions != roi.grid.dimensions {
            throw RadVaultError.invalidInput(
                "\(family.rawValue): morphological mask has grid \(extra.grid.dimensions); expected the ROI grid "
                    + "\(roi.grid.dimensions)")
        }
        guard roi.levelCount >= 1, roi.levelCount <= maximumLevelCount else {
            throw RadVaultError.invalidInput(
                "\(family.rawValue): DiscretisedROI.levelCount is \(roi.levelCount); expected 1...\(maximumLevelCount)")
        }
    }

    private static func boundingBox(roi: DiscretisedROI, extra: Mask?, family: FeatureFamily) throws -> (
        x0: Int, y0: Int, z0: Int, x1: Int, y1: Int, z1: Int
    ) {
        // The box of (mask or extra) is the union of the two boxes (`Mask.boundingBox`, row by row).
        guard let box = roi.mask.boundingBox else {
            throw RadVaultError.invalidInput(
                "\(family.rawValue): the ROI intensity mask is empty; expected at least one voxel inside the mask")
        }
        var (lower, upper) = box
        if let extra, let other = extra.boundingBox {
            lower = pointwiseMin(lower, other.lower)
            upper = pointwiseMax(upper, other.upper)
        }
        return (lower.x, lower.y, lower.z, upper.x, upper.y, upper.z)
    }

    /// Maps each grey level present in the mask to a compact index 1...P (increasing level).
    private static func compactLevels(
        _ roi: DiscretisedROI, box: (x0: Int, y0: Int, z0: Int, x1: Int, y1: Int, z1: Int), family: FeatureFamily
    ) throws -> (map: [Int32], values: [Double]) {
        let ng = roi.levelCount, g = roi.grid
        var present = [Bool](repeating: false, count: ng + 1)
        for z in box.z0...box.z1 {
            for y in box.y0...box.y1 {
                let base = g.index(0, y, z)
                for x in box.x0...box.x1 where roi.mask.voxels[base + x] {
                    let l = Int(roi.levels[base + x])
                    guard l >= 1, l <= ng else {
                        throw RadVaultError.invalidInput(
                            "\(family.rawValue): DiscretisedROI.levels at voxel (\(x), \(y), \(z)) inside the mask is "
                                + "\(l); expected a grey level in 1...\(ng)")
                    }
                    present[l] = true
                }
            }
        }
        var map = [Int32](repeating: 0, count: ng + 1)
        var values: [Double] = []
        for l in 1...ng where present[l] {
            values.append(Double(l))
            map[l] = Int32(values.count)
        }
        return (map, values)
    }
}
