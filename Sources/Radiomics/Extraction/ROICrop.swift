import Foundation
import Imaging

/// Cropping of an image and its masks to the ROI's bounding box plus a margin, so that the
/// feature families scan the ROI's neighbourhood instead of the whole image.
///
/// Exact: every family reads only voxels inside the masks, except local intensity (IBSI-1 §3.2),
/// which averages image voxels within a 1 cm³ sphere (radius 6.2035 mm) of ROI voxels; the margin
/// covers that sphere plus one voxel. Cropping before processing is done only without
/// interpolation (rounding and re-segmentation are voxel-wise or use ROI statistics only); with
/// interpolation the IBSI grid alignment depends on the whole image, so the crop follows it.
enum ROICrop {
    /// Radius of the 1 cm³ sphere of the local intensity peak, in mm: (3/(4π))^{1/3} cm.
    static let localIntensityRadius = 10 * pow(3 / (4 * Double.pi), 1.0 / 3.0)

    /// Lowest and highest voxel index per axis of the crop box, or nil for an empty mask.
    static func box(of mask: Mask) -> (low: [Int], high: [Int])? {
        let g = mask.grid
        guard let box = mask.boundingBox else { return nil }
        var low = [box.lower.x, box.lower.y, box.lower.z]
        var high = [box.upper.x, box.upper.y, box.upper.z]
        let spacing = [g.spacing.x, g.spacing.y, g.spacing.z]
        let size = g.dimensions
        for axis in 0..<3 {
            let margin = Int((localIntensityRadius / spacing[axis]).rounded(.up)) + 1
            low[axis] = max(0, low[axis] - margin)
            high[axis] = min(size[axis] - 1, high[axis] + margin)
        }
        return (low, high)
    }

    /// The sub-grid of `grid` from voxel `low` to `high` (inclusive), same spacing and direction.
    static func grid(_ grid: Grid, low: [Int], high: [Int]) -> Grid {
        grid.cropped(low: low, high: high)
    }

    /// Copies the voxels of the box out of a full-grid array.
    static func crop<T>(_ voxels: [T], from grid: Grid, low: [Int], high: [Int]) -> [T] {
        var out: [T] = []
        out.reserveCapacity((high[0] - low[0] + 1) * (high[1] - low[1] + 1) * (high[2] - low[2] + 1))
        for z in low[2]...high[2] {
            for y in low[1]...high[1] {
                let start = grid.index(low[0], y, z)
                out.append(contentsOf: voxels[start...(start + high[0] - low[0])])
            }
        }
        return out
    }

    /// Image and mask cropped to the mask's box (unchanged when the box is the whole grid).
    static func crop(image: Volume, mask: Mask) -> (Volume, Mask) {
        guard let (low, high) = box(of: mask), low != [0, 0, 0] || high != mask.grid.dimensions.map({ $0 - 1 }) else {
            return (image, mask)
        }
        let g = grid(image.grid, low: low, high: high)
        return (
            Volume(grid: g, voxels: crop(image.voxels, from: image.grid, low: low, high: high)),
            Mask(grid: g, voxels: crop(mask.voxels, from: mask.grid, low: low, high: high))
        )
    }

    /// A processed ROI cropped to its morphological mask's box.
    static func crop(_ roi: ROI) -> ROI {
        guard let (low, high) = box(of: roi.morphologicalMask),
            low != [0, 0, 0] || high != roi.image.grid.dimensions.map({ $0 - 1 })
        else { return roi }
        let full = roi.image.grid
        let g = grid(full, low: low, high: high)
        return ROI(
            image: Volume(grid: g, voxels: crop(roi.image.voxels, from: full, low: low, high: high)),
            intensityMask: Mask(grid: g, voxels: crop(roi.intensityMask.voxels, from: full, low: low, high: high)),
            morphologicalMask: Mask(
                grid: g, voxels: crop(roi.morphologicalMask.voxels, from: full, low: low, high: high)))
    }
}
