import RadVaultCore
import Testing

@testable import Imaging

/// Hand-computed interpolation cases (IBSI-1 026Q/QCY4 grid alignment and the kernels).
@Suite struct InterpolationTests {
    static func line(_ values: [Double], spacing: Double) -> Volume {
        Volume(grid: Grid(nx: values.count, ny: 1, nz: 1, spacing: SIMD3(spacing, 1, 1)), voxels: values)
    }

    static func settings(_ sx: Double, _ method: InterpolationMethod = .linear) -> InterpolationSettings {
        InterpolationSettings(spacing: [sx, 1, 1], imageMethod: method, maskMethod: method)
    }

    @Test func ibsiGridExampleAlignsCentres() throws {
        // IBSI manual: a 4-voxel axis of 3 mm resampled to 2 mm has ⌈12/2⌉ = 6 voxels.
        var source = Grid(nx: 4, ny: 4, nz: 1, spacing: SIMD3(3, 3, 1), origin: SIMD3(10, 20, 0))
        source.direction = [-1, 0, 0, 0, 1, 0, 0, 0, 1]
        let g = try InterpolationGrid.make(from: source, settings: InterpolationSettings(spacing: [2, 2, 1]))
        #expect(g.grid.dimensions == [6, 6, 1])
        // x_b,g = ½(4 − 1 − (2/3)(6 − 1)) = −1/6 original voxels = −0.5 mm.
        #expect(abs(g.start[0] + 1.0 / 6) < 1e-15)
        #expect(abs(g.grid.origin.x - 10.5) < 1e-12)  // direction −x: a −0.5 mm step moves +0.5 in world x
        #expect(abs(g.grid.origin.y - 19.5) < 1e-12)
        #expect(g.grid.spacing == SIMD3(2, 2, 1))
    }

    @Test func exactMultipleIsNotRoundedUp() throws {
        // 60 slices of 3 mm to 2 mm is exactly 90 slices (the CT phantom's z axis).
        let source = Grid(nx: 1, ny: 1, nz: 60, spacing: SIMD3(1, 1, 3))
        let g = try InterpolationGrid.make(from: source, settings: InterpolationSettings(spacing: [1, 1, 2]))
        #expect(g.grid.nz == 90)
        let ct = Grid(nx: 204, ny: 201, nz: 60, spacing: SIMD3(0.977, 0.977, 3))
        #expect(
            try InterpolationGrid.make(from: ct, settings: InterpolationSettings(spacing: [2, 2, 2])).grid.dimensions
                == [100, 99, 90])
    }

    @Test func linearDownAndUpSampling() throws {
        // [0,10,20,30] at 1 mm → 2 mm: 2 voxels at positions 0.5 and 2.5.
        let down = try ImageProcessing.interpolate(Self.line([0, 10, 20, 30], spacing: 1), settings: Self.settings(2))
        #expect(down.voxels == [5, 25])
        // [0,10] at 2 mm → 1 mm: 4 voxels at −0.25, 0.25, 0.75, 1.25 (edges padded with boundary values).
        let up = try ImageProcessing.interpolate(Self.line([0, 10], spacing: 2), settings: Self.settings(1))
        #expect(up.voxels == [0, 2.5, 7.5, 10])
        let nearest = try ImageProcessing.interpolate(
            Self.line([0, 10], spacing: 2), settings: Self.settings(1, .nearest))
        #expect(nearest.voxels == [0, 0, 10, 10])
    }

    @Test func trilinearEqualsProductOfLinearWeights() throws {
        // 2×2×2 cube of 2 mm with f = x + 10y + 100z (voxel indices) → 1 mm: linear functions are
        // reproduced exactly inside the original grid.
        let grid = Grid(nx: 2, ny: 2, nz: 2, spacing: SIMD3(2, 2, 2))
        let f: [Double] = [0, 1, 10, 11, 100, 101, 110, 111]
        let out = try ImageProcessing.interpolate(
            Volume(grid: grid, voxels: f), settings: InterpolationSettings(spacing: [1, 1, 1]))
        #expect(out.grid.dimensions == [4, 4, 4])
        let p = [0.0, 0.25, 0.75, 1.0]  // clamped positions −0.25, 0.25, 0.75, 1.25
        for z in 0..<4 {
            for y in 0..<4 {
                for x in 0..<4 {
                    let expected: Double = p[x] + 10 * p[y] + 100 * p[z]
                    let got: Double = out[x, y, z]
                    #expect(abs(got - expected) < 1e-12)
                }
            }
        }
    }

    @Test func cubicSplineInterpolatesNodesAndReproducesCubics() {
        let n = 60
        let f = (0..<n).map { (i: Int) -> Double in
            let x = Double(i); return 0.01 * x * x * x - x * x + 2 * x + 5
        }
        let nodes = Resampler.resampleAxis(
            f, sizes: [n, 1, 1], axis: 0, count: n, start: 0, step: 1, method: .cubicSpline)
        for i in 0..<n { #expect(abs(nodes[i] - f[i]) < 1e-9) }
        // Cubic B-spline interpolation reproduces polynomials up to degree 3 away from the edges.
        let positions = [25.3, 30.5, 33.9]
        for p in positions {
            let v = Resampler.resampleAxis(
                f, sizes: [n, 1, 1], axis: 0, count: 1, start: p, step: 1, method: .cubicSpline)
            let exact = 0.01 * p * p * p - p * p + 2 * p + 5
            #expect(abs(v[0] - exact) < 1e-6)
        }
    }

    @Test func cubicSplinePrefilterMatchesHandComputedCoefficients() {
        // Constant signals are their own B-spline coefficients; a unit impulse in a long signal has
        // coefficient √3 at its centre (the cubic interpolation filter's central value, Unser 1999).
        var constant = [Double](repeating: 7, count: 30)
        BSpline.prefilterCubic(&constant)
        for c in constant { #expect(abs(c - 7) < 1e-12) }
        var impulse = [Double](repeating: 0, count: 61)
        impulse[30] = 1
        BSpline.prefilterCubic(&impulse)
        #expect(abs(impulse[30] - 3.0.squareRoot()) < 1e-12)
        #expect(abs(impulse[31] - 3.0.squareRoot() * BSpline.pole) < 1e-12)
    }

    @Test func maskPartialVolumeThreshold() throws {
        let grid = Grid(nx: 4, ny: 1, nz: 1, spacing: SIMD3(1, 1, 1))
        let mask = Mask(grid: grid, voxels: [false, true, false, false])
        // New voxels at 0.5 and 2.5: fractions 0.5 and 0.
        #expect(try ImageProcessing.interpolate(mask, settings: Self.settings(2)).voxels == [true, false])
        var strict = Self.settings(2)
        strict.partialVolumeThreshold = 0.6
        #expect(try ImageProcessing.interpolate(mask, settings: strict).voxels == [false, false])
    }

    @Test func inPlaneOnlyLeavesSlicesAlone() throws {
        let grid = Grid(nx: 4, ny: 4, nz: 3, spacing: SIMD3(1, 1, 5))
        let v = Volume(grid: grid, voxels: (0..<48).map(Double.init))
        let out = try ImageProcessing.interpolate(
            v, settings: InterpolationSettings(spacing: [2, 2, 1], inPlaneOnly: true))
        #expect(out.grid.dimensions == [2, 2, 3])
        #expect(out.grid.spacing == SIMD3(2, 2, 5))
        #expect(out.grid.origin.z == 0)
        // Slice 2, new voxel (0, 0) sits at (0.5, 0.5): mean of voxels 32, 33, 36, 37.
        #expect(out[0, 0, 2] == 34.5)
    }

    @Test func gridAboveTheLimitIsRefusedBeforeAllocating() throws {
        let v = Volume(
            grid: Grid(nx: 10, ny: 10, nz: 10, spacing: SIMD3(1, 1, 1)), voxels: [Double](repeating: 0, count: 1000))
        let s = InterpolationSettings(spacing: [0.001, 0.001, 0.001])
        let error = #expect(throws: RadVaultError.self) { try ImageProcessing.interpolate(v, settings: s) }
        #expect(
            error?.message
                == "interpolation to spacing [0.001, 0.001, 0.001] would make a grid of 1000000000000 voxels "
                + "(10000 × 10000 × 10000), expected at most 2147483648 (maxVoxels)")
        var small = InterpolationSettings(spacing: [0.5, 0.5, 0.5])
        small.maxVoxels = 7999
        let limited = #expect(throws: RadVaultError.self) { try ImageProcessing.interpolate(v, settings: small) }
        #expect(limited?.message.contains("expected at most 7999 (maxVoxels)") == true)
    }

    @Test(arguments: [0.0, -2.0, Double.nan])
    func badTargetSpacing(value: Double) throws {
        let v = Self.line([1, 2], spacing: 1)
        let error = #expect(throws: RadVaultError.self) {
            try ImageProcessing.interpolate(v, settings: InterpolationSettings(spacing: [value, 1, 1]))
        }
        #expect(error?.message == "interpolation spacing[0] = \(value), expected a positive finite size in mm")
    }

    @Test(arguments: [0.0, -1.0, Double.nan])
    func badImageSpacing(value: Double) throws {
        let v = Volume(grid: Grid(nx: 2, ny: 1, nz: 1, spacing: SIMD3(1, value, 1)), voxels: [1, 2])
        let mask = Mask(grid: v.grid, voxels: [true, true])
        let error = #expect(throws: RadVaultError.self) {
            try ImageProcessing.prepare(image: v, mask: mask, settings: ImageProcessingSettings())
        }
        #expect(error?.message == "image spacing[1] = \(value), expected a positive finite voxel size")
    }
}
