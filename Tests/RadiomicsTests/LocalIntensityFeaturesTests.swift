import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

@Suite struct LocalIntensityFeaturesTests {
    typealias Support = MorphologyTestSupport

    static let digitalRows = Support.references(family: "local_intensity", phantom: "digital")

    @Test func digitalPhantomHasBothRows() { #expect(Self.digitalRows.count == 2) }

    @Test(arguments: digitalRows)
    func digitalPhantomMatchesReference(_ ref: Support.Reference) throws {
        let values = try LocalIntensityFeatures.compute(roi: Support.digitalPhantom())
        let definition = try #require(LocalIntensityFeatures.definitions.first { $0.name == ref.feature })
        #expect(definition.ibsiID == ref.code)
        let value = try #require(values.first { $0.tag == definition.tag })
        #expect(
            Support.matches(value.value, reference: ref.value, tolerance: ref.tolerance),
            "\(ref.feature): got \(value.value), expected \(ref.value)")
    }

    /// Brute force: mean of all image voxels whose centres are within r, for every ROI voxel.
    static func bruteForce(_ roi: ROI) -> (local: Double, global: Double) {
        let g = roi.image.grid
        let r = LocalIntensityFeatures.radius
        let maximum = zip(roi.image.voxels, roi.intensityMask.voxels).filter(\.1).map(\.0).max() ?? 0
        var local = -Double.infinity
        var global = -Double.infinity
        for c in 0..<g.count where roi.intensityMask.voxels[c] {
            let cx = c % g.nx, cy = (c / g.nx) % g.ny, cz = c / (g.nx * g.ny)
            var sum = 0.0
            var n = 0
            for i in 0..<g.count {
                let d =
                    SIMD3(Double(i % g.nx - cx), Double((i / g.nx) % g.ny - cy), Double(i / (g.nx * g.ny) - cz))
                    * g.spacing
                if (d * d).sum() <= r * r {
                    sum += roi.image.voxels[i]
                    n += 1
                }
            }
            let mean = sum / Double(n)
            global = max(global, mean)
            if roi.image.voxels[c] == maximum { local = max(local, mean) }
        }
        return (local, global)
    }

    @Test(arguments: [(1, SIMD3(0.977, 0.977, 3.0)), (2, SIMD3(2.0, 2.0, 2.0)), (3, SIMD3(1.3, 0.6, 2.2))])
    func runSumsMatchBruteForce(seed: Int, spacing: SIMD3<Double>) throws {
        let roi = Support.randomROI(seed: UInt64(seed), dims: SIMD3(10, 9, 6), spacing: spacing, fill: 0.3)
        let v = try LocalIntensityFeatures.compute(roi: roi)
        let expected = Self.bruteForce(roi)
        #expect(abs(v[0].value - expected.local) < 1e-9)
        #expect(abs(v[1].value - expected.global) < 1e-9)
    }

    @Test func oneVoxelROIUsesItsNeighbourhood() throws {
        let grid = Grid(nx: 3, ny: 3, nz: 3, spacing: SIMD3(10, 10, 10))
        var mask = [Bool](repeating: false, count: 27)
        mask[13] = true
        let m = Mask(grid: grid, voxels: mask)
        let image = Volume(grid: grid, voxels: (0..<27).map(Double.init))
        let v = try LocalIntensityFeatures.compute(roi: ROI(image: image, intensityMask: m, morphologicalMask: m))
        // 10 mm voxels: the sphere (r ≈ 6.2 mm) holds the centre voxel only.
        #expect(v.map(\.value) == [13, 13])
    }

    @Test func emptyMaskIsRefusedWithItsExpectation() {
        let grid = Grid(nx: 2, ny: 1, nz: 1, spacing: SIMD3(1, 1, 1))
        let m = Mask(grid: grid, voxels: [false, false])
        let roi = ROI(image: Volume(grid: grid, voxels: [1, 2]), intensityMask: m, morphologicalMask: m)
        #expect {
            _ = try LocalIntensityFeatures.compute(roi: roi)
        } throws: { error in
            (error as? RadVaultError)?.message
                == "local intensity: the intensity mask is empty; expected at least one voxel inside the ROI"
        }
    }

    @Test func definitionsMatchTheReferenceNames() {
        let names = Set(
            Support.references(family: "local_intensity", phantom: "digital").map(\.feature)
                + Support.references(family: "local_intensity", phantom: "ct").map(\.feature))
        #expect(Set(LocalIntensityFeatures.definitions.map(\.name)) == names)
        #expect(LocalIntensityFeatures.definitions.allSatisfy { !$0.doc.isEmpty && $0.family == .localIntensity })
    }

    @Test func sameInputGivesTheSameDigest() throws {
        let roi = Support.randomROI(seed: 21, dims: SIMD3(12, 11, 9), spacing: SIMD3(0.7, 0.7, 2.5), fill: 0.4)
        let a = Support.digest(try LocalIntensityFeatures.compute(roi: roi))
        let b = Support.digest(try LocalIntensityFeatures.compute(roi: roi))
        #expect(a == b)
    }
}
