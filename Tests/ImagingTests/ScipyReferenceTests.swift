import Foundation
import RadVaultCore
import Testing

@testable import Imaging

/// Interpolation against scipy.ndimage.map_coordinates (mode "nearest"), which the IBSI reference
/// implementation mirp uses; the fixture and its generator are in Fixtures/scipy/.
@Suite struct ScipyReferenceTests {
    struct Case: Decodable {
        var target: [Double]
        var inPlaneOnly: Bool
        var dimensions: [Int]
        var linear: [Double]
        var cubicSpline: [Double]
        var maskLinear: [Double]
    }

    struct Reference: Decodable {
        var dimensions: [Int]
        var spacing: [Double]
        var image: [Double]
        var mask: [Double]
        var cases: [Case]
    }

    static func load() throws -> Reference {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("scipy/interpolation_reference.json")))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    @Test func linearAndCubicSplineMatchScipy() throws {
        let r = try Self.load()
        let grid = Grid(
            nx: r.dimensions[0], ny: r.dimensions[1], nz: r.dimensions[2],
            spacing: SIMD3(r.spacing[0], r.spacing[1], r.spacing[2]))
        let image = Volume(grid: grid, voxels: r.image)
        #expect(r.cases.count == 3)
        for c in r.cases {
            let target = c.inPlaneOnly ? [c.target[0], c.target[1], 1] : c.target
            for (method, expected) in [(InterpolationMethod.linear, c.linear), (.cubicSpline, c.cubicSpline)] {
                let s = InterpolationSettings(spacing: target, inPlaneOnly: c.inPlaneOnly, imageMethod: method)
                let out = try ImageProcessing.interpolate(image, settings: s)
                #expect(out.grid.dimensions == c.dimensions)
                let worst = zip(out.voxels, expected).map { abs($0 - $1) }.max() ?? .infinity
                #expect(worst < 1e-9, "\(method) to \(target): largest deviation \(worst)")
            }
            let mask = Mask(grid: grid, voxels: r.mask.map { $0 > 0 })
            let s = InterpolationSettings(spacing: target, inPlaneOnly: c.inPlaneOnly)
            let m = try ImageProcessing.interpolate(mask, settings: s)
            #expect(m.voxels == c.maskLinear.map { $0 >= 0.5 })
        }
    }
}
