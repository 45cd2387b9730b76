import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

@Suite struct MorphologyFeaturesTests {
    typealias Support = MorphologyTestSupport

    static let digitalRows = Support.references(family: "morphology", phantom: "digital")

    @Test func digitalPhantomHasAllReferenceRows() {
        #expect(Self.digitalRows.count == 25)
    }

    @Test(arguments: digitalRows)
    func digitalPhantomMatchesReference(_ ref: Support.Reference) throws {
        let values = try MorphologyFeatures.compute(roi: Support.digitalPhantom())
        let definition = try #require(MorphologyFeatures.definitions.first { $0.name == ref.feature })
        #expect(definition.ibsiID == ref.code)
        let value = try #require(values.first { $0.tag == definition.tag })
        #expect(
            Support.matches(value.value, reference: ref.value, tolerance: ref.tolerance),
            "\(ref.feature): got \(value.value), expected \(ref.value)")
    }

    @Test func everyReferenceFeatureHasADefinitionAndBack() {
        let all = Set(
            Support.references(family: "morphology", phantom: "digital").map(\.feature)
                + Support.references(family: "morphology", phantom: "ct").map(\.feature))
        let names = Set(MorphologyFeatures.definitions.map(\.name))
        #expect(all.isSubset(of: names))
        // The two MVEE densities have no IBSI reference value (manual: "no reference values").
        #expect(
            names.subtracting(all) == [
                "Volume density (minimum volume enclosing ellipsoid)",
                "Area density (minimum volume enclosing ellipsoid)",
            ])
    }

    @Test func definitionsAreDocumentedAndUnique() {
        let defs = MorphologyFeatures.definitions
        #expect(Set(defs.map(\.tag)).count == defs.count)
        #expect(Set(defs.map(\.ibsiID)).count == defs.count)
        for d in defs {
            #expect(!d.doc.isEmpty && d.ibsiID.count == 4 && d.family == .morphology, "\(d.tag)")
        }
    }

    @Test func oneVoxelGivesTheOctahedronAndUndefinedRatios() throws {
        let grid = Grid(nx: 3, ny: 3, nz: 3, spacing: SIMD3(1, 2, 3))
        var mask = [Bool](repeating: false, count: 27)
        mask[13] = true
        let m = Mask(grid: grid, voxels: mask)
        let roi = ROI(
            image: Volume(grid: grid, voxels: .init(repeating: 5, count: 27)), intensityMask: m,
            morphologicalMask: m)
        let v = Dictionary(uniqueKeysWithValues: try MorphologyFeatures.compute(roi: roi).map { ($0.tag, $0.value) })
        #expect(abs((v["morph_volume"] ?? 0) - 1.0) < 1e-12)  // 6 mm³ / 6
        #expect(v["morph_vol_approx"] == 6)
        #expect(v["morph_pca_maj_axis"] == 0)
        #expect(v["morph_pca_elongation"]?.isNaN == true)
        #expect(v["morph_moran_i"]?.isNaN == true)
        #expect(v["morph_com"] == 0)
        #expect(abs((v["morph_integ_int"] ?? 0) - 5) < 1e-12)
        #expect(abs((v["morph_vol_dens_conv_hull"] ?? 0) - 1) < 1e-12)  // an octahedron is convex
    }

    @Test func emptyMaskIsRefusedWithItsExpectation() {
        let grid = Grid(nx: 2, ny: 2, nz: 2, spacing: SIMD3(1, 1, 1))
        let m = Mask(grid: grid, voxels: .init(repeating: false, count: 8))
        let roi = ROI(
            image: Volume(grid: grid, voxels: .init(repeating: 0, count: 8)), intensityMask: m,
            morphologicalMask: m)
        #expect {
            _ = try MorphologyFeatures.compute(roi: roi)
        } throws: { error in
            (error as? RadVaultError)?.message
                == "morphology: the morphological mask is empty; expected at least one voxel inside the ROI"
        }
    }

    @Test func mismatchedGridsAreRefused() {
        let a = Grid(nx: 2, ny: 2, nz: 2, spacing: SIMD3(1, 1, 1))
        let b = Grid(nx: 2, ny: 2, nz: 1, spacing: SIMD3(1, 1, 1))
        let roi = ROI(
            image: Volume(grid: a, voxels: .init(repeating: 0, count: 8)),
            intensityMask: Mask(grid: b, voxels: [true, true, true, true]),
            morphologicalMask: Mask(grid: a, voxels: .init(repeating: true, count: 8)))
        #expect {
            _ = try MorphologyFeatures.compute(roi: roi)
        } throws: { error in
            (error as? RadVaultError)?.message.hasPrefix(
                "morphology: ROI image, intensity mask and morphological mask "
                    + "must share one grid") == true
        }
    }

    @Test func sameInputGivesTheSameDigest() throws {
        let roi = Support.randomROI(seed: 7, dims: SIMD3(9, 8, 6), spacing: SIMD3(0.8, 0.9, 2.5), fill: 0.7)
        let a = Support.digest(try MorphologyFeatures.compute(roi: roi))
        let b = Support.digest(try MorphologyFeatures.compute(roi: roi))
        #expect(a == b)
    }

    @Test func separateIntensityMaskDrivesIntensityFeatures() throws {
        var roi = Support.digitalPhantom()
        var intensity = roi.morphologicalMask
        for i in intensity.voxels.indices where roi.image.voxels[i] > 4 { intensity.voxels[i] = false }
        roi.intensityMask = intensity
        let v = Dictionary(uniqueKeysWithValues: try MorphologyFeatures.compute(roi: roi).map { ($0.tag, $0.value) })
        let kept = zip(roi.image.voxels, intensity.voxels).filter(\.1).map(\.0)
        let mean = kept.reduce(0, +) / Double(kept.count)
        #expect(abs((v["morph_integ_int"] ?? 0) - (v["morph_volume"] ?? 0) * mean) < 1e-9)
        #expect(v["morph_vol_approx"] == 592)  // still the morphological mask
    }

    /// A one-slice ROI still has a closed 3-D mesh (a slab one voxel thick), so mesh features are
    /// defined; PCA has λ_least = 0, so the approximate-enclosing-ellipsoid volume density is NaN.
    @Test func oneSliceROIHasAMeshButNoEllipsoidVolume() throws {
        let grid = Grid(nx: 4, ny: 4, nz: 1, spacing: SIMD3(1, 1, 2))
        let m = Mask(grid: grid, voxels: .init(repeating: true, count: 16))
        let image = Volume(grid: grid, voxels: (0..<16).map { Double($0 % 5) })
        let roi = ROI(image: image, intensityMask: m, morphologicalMask: m)
        let v = Dictionary(uniqueKeysWithValues: try MorphologyFeatures.compute(roi: roi).map { ($0.tag, $0.value) })
        #expect((v["morph_volume"] ?? 0) > 0 && (v["morph_volume"] ?? 0) < 32)
        #expect(v["morph_pca_least_axis"] == 0)
        #expect(v["morph_pca_flatness"] == 0)
        #expect(v["morph_vol_dens_aee"]?.isNaN == true)
        #expect(v["morph_moran_i"]?.isFinite == true)
    }
}
