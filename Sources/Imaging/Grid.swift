import Foundation
import RadVaultCore

/// The sampling grid of a 3-D image: dimensions, voxel spacing (mm), the world position of the
/// first voxel's centre and the direction cosines.
///
/// Voxel storage order everywhere in RadVault is NIfTI's: x fastest, then y, then z, so the
/// linear index of (x, y, z) is `x + nx * (y + ny * z)`.
public struct Grid: Hashable, Sendable, Codable {
    public var nx: Int
    public var ny: Int
    public var nz: Int
    /// Voxel spacing along x, y, z in mm.
    public var spacing: SIMD3<Double>
    /// World coordinates (mm) of the centre of voxel (0, 0, 0).
    public var origin: SIMD3<Double>
    /// Direction cosines, row-major 3×3; column j is the world direction of voxel axis j.
    public var direction: [Double]

    public init(
        nx: Int, ny: Int, nz: Int, spacing: SIMD3<Double>,
        origin: SIMD3<Double> = .zero, direction: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
    ) {
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.spacing = spacing
        self.origin = origin
        self.direction = direction
    }

    /// Number of voxels.
    public var count: Int { nx * ny * nz }

    /// Dimensions as `[x, y, z]`.
    public var dimensions: [Int] { [nx, ny, nz] }

    /// Linear index of voxel (x, y, z).
    @inline(__always) public func index(_ x: Int, _ y: Int, _ z: Int) -> Int { x + nx * (y + ny * z) }

    /// Voxel volume in mm³.
    public var voxelVolume: Double { spacing.x * spacing.y * spacing.z }

    /// The sub-grid from voxel `low` to `high` (inclusive, `[x, y, z]`): same spacing and
    /// direction, origin at the centre of voxel `low`.
    public func cropped(low: [Int], high: [Int]) -> Grid {
        let offset = [Double(low[0]) * spacing.x, Double(low[1]) * spacing.y, Double(low[2]) * spacing.z]
        var shifted = origin
        for row in 0..<3 {
            shifted[row] += (0..<3).reduce(0.0) { $0 + direction[row * 3 + $1] * offset[$1] }
        }
        return Grid(
            nx: high[0] - low[0] + 1, ny: high[1] - low[1] + 1, nz: high[2] - low[2] + 1, spacing: spacing,
            origin: shifted, direction: direction)
    }
}

/// A scalar image on a grid. Intensities are stored as `Double` after scl_slope/scl_inter.
public struct Volume: Sendable {
    public var grid: Grid
    public var voxels: [Double]

    public init(grid: Grid, voxels: [Double]) {
        precondition(voxels.count == grid.count, "Volume: voxel count must equal grid size")
        self.grid = grid
        self.voxels = voxels
    }

    @inline(__always) public subscript(x: Int, y: Int, z: Int) -> Double {
        get { voxels[grid.index(x, y, z)] }
        set { voxels[grid.index(x, y, z)] = newValue }
    }
}

/// A binary mask on a grid (true = inside the region of interest).
public struct Mask: Sendable, Equatable {
    public var grid: Grid
    public var voxels: [Bool]

    public init(grid: Grid, voxels: [Bool]) {
        precondition(voxels.count == grid.count, "Mask: voxel count must equal grid size")
        self.grid = grid
        self.voxels = voxels
    }

    /// Number of voxels inside the mask.
    public var count: Int { voxels.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Lowest and highest voxel index per axis of the voxels inside, or nil for an empty mask.
    ///
    /// Row by row: C `memchr` finds a row's first voxel inside (a `Bool` is stored as the byte 1),
    /// so empty rows cost a vector scan and no per-voxel comparison of coordinates.
    public var boundingBox: (lower: SIMD3<Int>, upper: SIMD3<Int>)? {
        let (nx, ny, nz) = (grid.nx, grid.ny, grid.nz)
        var lower = SIMD3(Int.max, Int.max, Int.max)
        var upper = SIMD3(-1, -1, -1)
        voxels.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, nx > 0 else { return }
            for z in 0..<nz {
                for y in 0..<ny {
                    let row = base + nx * (y + ny * z)
                    guard let hit = memchr(row, 1, nx) else { continue }
                    let first = row.distance(to: UnsafeRawPointer(hit))
                    var last = nx - 1
                    while row.load(fromByteOffset: last, as: UInt8.self) == 0 { last -= 1 }
                    lower = pointwiseMin(lower, SIMD3(first, y, z))
                    upper = pointwiseMax(upper, SIMD3(last, y, z))
                }
            }
        }
        return upper.x >= 0 ? (lower, upper) : nil
    }

    @inline(__always) public subscript(x: Int, y: Int, z: Int) -> Bool {
        get { voxels[grid.index(x, y, z)] }
        set { voxels[grid.index(x, y, z)] = newValue }
    }
}

/// A region of interest as IBSI defines it (IBSI-1 §2.1, "ROI masks"): the intensity mask and
/// the morphological mask start identical and diverge once re-segmentation removes voxels from
/// the intensity mask only. Morphological features use the morphological mask; every other
/// family uses the intensity mask.
public struct ROI: Sendable {
    /// The (processed) image the ROI sits on.
    public var image: Volume
    /// Voxels used by intensity-based families.
    public var intensityMask: Mask
    /// Voxels used by morphological features.
    public var morphologicalMask: Mask

    public init(image: Volume, intensityMask: Mask, morphologicalMask: Mask) {
        self.image = image
        self.intensityMask = intensityMask
        self.morphologicalMask = morphologicalMask
    }
}

/// Discretised grey levels of an ROI (IBSI-1 §2.7): `levels[i]` is in 1...`levelCount` inside
/// the intensity mask and 0 outside it.
public struct DiscretisedROI: Sendable {
    public var grid: Grid
    public var levels: [Int32]
    public var levelCount: Int
    public var mask: Mask

    public init(grid: Grid, levels: [Int32], levelCount: Int, mask: Mask) {
        self.grid = grid
        self.levels = levels
        self.levelCount = levelCount
        self.mask = mask
    }
}
