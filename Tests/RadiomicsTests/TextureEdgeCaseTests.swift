import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// Bad input, degenerate ROIs, settings and determinism of the texture families.
@Suite struct TextureEdgeCaseTests {
    static let families: [FeatureFamily] = [.glcm, .glrlm, .glszm, .gldzm, .ngtdm, .ngldm]

    /// A discretised ROI from a level array (0 = outside the mask).
    static func roi(_ levels: [Int32], nx: Int, ny: Int, nz: Int, levelCount: Int) -> DiscretisedROI {
        let grid = Grid(nx: nx, ny: ny, nz: nz, spacing: SIMD3(1, 1, 1))
        return DiscretisedROI(
            grid: grid, levels: levels, levelCount: levelCount, mask: Mask(grid: grid, voxels: levels.map { $0 > 0 }))
    }

    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as RadVaultError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: families)
    func emptyROIIsRefusedWithTheExpectation(_ family: FeatureFamily) {
        let empty = Self.roi([Int32](repeating: 0, count: 8), nx: 2, ny: 2, nz: 2, levelCount: 4)
        let text = Self.message {
            _ = try TextureFeatures.compute(
                family: family, roi: empty, aggregations: Aggregation.methods(for: family), settings: TextureSettings())
        }
        #expect(
            text == "\(family.rawValue): the ROI intensity mask is empty; expected at least one voxel inside the mask")
    }

    @Test func aggregationOfAnotherFamilyIsRefused() {
        let text = Self.message {
            _ = try TextureFeatures.compute(
                family: .glszm, roi: DigitalPhantom.roi, aggregations: [.averaged2D], settings: TextureSettings())
        }
        #expect(text == "glszm: aggregation 2d_avg is not defined for this family; expected one of 2d, 2.5d, 3d")
    }

    @Test func nonTextureFamilyAndBadSettingsAreRefused() {
        let family = Self.message {
            _ = try TextureFeatures.compute(
                family: .morphology, roi: DigitalPhantom.roi, aggregations: [], settings: TextureSettings())
        }
        #expect(family?.contains("morphology is not a texture family") == true)
        let distance = Self.message {
            _ = try TextureFeatures.compute(
                family: .glcm, roi: DigitalPhantom.roi, aggregations: [.merged3D],
                settings: TextureSettings(glcmDistance: 0))
        }
        #expect(distance == "TextureSettings.glcmDistance is 0; expected an integer distance in 1...16")
    }

    @Test func levelOutsideTheDiscretisationIsRefused() {
        let bad = Self.roi([1, 2, 7, 1], nx: 2, ny: 2, nz: 1, levelCount: 4)
        let text = Self.message {
            _ = try TextureFeatures.compute(
                family: .ngldm, roi: bad, aggregations: [.volume3D], settings: TextureSettings())
        }
        #expect(
            text
                == "ngldm: DiscretisedROI.levels at voxel (0, 1, 0) inside the mask is 7; expected a grey level in 1...4"
        )
    }

    @Test func oneVoxelGivesAClearGLCMErrorAndRunStatistics() throws {
        let single = Self.roi([0, 3, 0, 0], nx: 2, ny: 2, nz: 1, levelCount: 4)
        let text = Self.message {
            _ = try TextureFeatures.compute(
                family: .glcm, roi: single, aggregations: [.merged3D], settings: TextureSettings())
        }
        #expect(
            text == "glcm 3d_vmrg: every texture matrix is empty for this ROI (1 voxel(s), 1 slice(s)); expected "
                + "neighbouring voxels inside the intensity mask along at least one direction")
        let runs = try TextureFeatures.compute(
            family: .glrlm, roi: single, aggregations: [.merged3D], settings: TextureSettings())
        #expect(runs.first { $0.tag == "rlm_sre" }?.value == 1)
        #expect(runs.first { $0.tag == "rlm_r_perc" }?.value == 1)
    }

    @Test(arguments: families)
    func oneGreyLevelGivesFiniteIBSIValues(_ family: FeatureFamily) throws {
        let flat = Self.roi([Int32](repeating: 2, count: 27), nx: 3, ny: 3, nz: 3, levelCount: 4)
        let values = try TextureFeatures.compute(
            family: family, roi: flat, aggregations: Aggregation.methods(for: family), settings: TextureSettings())
        #expect(values.count == TextureFeatures.definitions(for: family).count * Aggregation.methods(for: family).count)
        for v in values { #expect(v.value.isFinite, "\(v.columnName) = \(v.value)") }
        let byTag = { (tag: String) in
            values.first { $0.tag == tag && $0.aggregation == Aggregation.methods(for: family).last }?.value
        }
        switch family {
        case .glcm:
            #expect(byTag("cm_joint_max") == 1)
            #expect(byTag("cm_contrast") == 0)
            #expect(byTag("cm_corr") == 1)
            #expect(byTag("cm_info_corr1") == 0)
            #expect(byTag("cm_inv_diff_norm") == 1)
        case .ngtdm:
            // IBSI-1 §3.11: Σ p_i s_i = 0 gives coarseness 10⁶; N_gp = 1 gives contrast and busyness 0.
            #expect(byTag("ngt_coarseness") == 1e6)
            #expect(byTag("ngt_contrast") == 0)
            #expect(byTag("ngt_busyness") == 0)
            #expect(byTag("ngt_strength") == 0)
        case .glszm:
            #expect(byTag("szm_lze") == 729)
            #expect(byTag("szm_gl_var") == 0)
        case .gldzm:
            #expect(byTag("dzm_sde") == 1)
        default:
            break
        }
    }

    @Test func oneSliceROIComputesEveryAggregation() throws {
        let slice = DigitalPhantom.image.prefix(20).map { Int32($0) }
        let flat = Self.roi(Array(slice), nx: 5, ny: 4, nz: 1, levelCount: 6)
        for family in Self.families {
            let values = try TextureFeatures.compute(
                family: family, roi: flat, aggregations: Aggregation.methods(for: family), settings: TextureSettings())
            for v in values { #expect(v.value.isFinite, "\(v.columnName)") }
            if family == .glszm {
                // One slice: the 2D, 2.5D and 3D zone counts coincide only for 2D vs 2.5D.
                let sze = values.filter { $0.tag == "szm_sze" }.map(\.value)
                #expect(sze[0] == sze[1])
            }
        }
    }

    @Test func gldzmUsesTheMorphologicalMask() throws {
        // 3×3×1 ROI with a hole: a bigger morphological mask pushes the centre zone further from the edge.
        var levels = [Int32](repeating: 1, count: 25)
        levels[12] = 2
        let roi = Self.roi(levels, nx: 5, ny: 5, nz: 1, levelCount: 2)
        let inner = roi
        var small = roi.mask
        for i in small.voxels.indices { small.voxels[i] = false }
        for y in 1...3 { for x in 1...3 { small.voxels[x + 5 * y] = true } }
        let innerROI = DiscretisedROI(
            grid: roi.grid, levels: levels.enumerated().map { small.voxels[$0.offset] ? $0.element : 0 },
            levelCount: 2, mask: small)
        let withOwn = try TextureFeatures.compute(
            family: .gldzm, roi: innerROI, aggregations: [.slice2D], settings: TextureSettings())
        let withMorph = try TextureFeatures.compute(
            family: .gldzm, roi: innerROI, morphologicalMask: inner.mask, aggregations: [.slice2D],
            settings: TextureSettings())
        let lde = { (v: [FeatureValue]) in v.first { $0.tag == "dzm_lde" }?.value }
        // In 2D (one slice; in 3D every voxel of a one-slice ROI touches the edge).
        // Own mask: ring zone d = 1, centre d = 2 → (1 + 4)/2. Morphological 5×5: ring d = 2, centre d = 3 → (4 + 9)/2.
        #expect(lde(withOwn) == 2.5)
        #expect(lde(withMorph) == 6.5)
        let text = Self.message {
            _ = try TextureFeatures.compute(
                family: .gldzm, roi: inner, morphologicalMask: small, aggregations: [.volume3D],
                settings: TextureSettings())
        }
        #expect(text?.contains("expected the intensity mask to be a subset of the morphological mask") == true)
    }

    @Test func repeatedRunsGiveIdenticalBits() throws {
        for family in Self.families {
            let a = try TextureFeatures.compute(
                family: family, roi: DigitalPhantom.roi, aggregations: Aggregation.methods(for: family),
                settings: TextureSettings())
            let b = try TextureFeatures.compute(
                family: family, roi: DigitalPhantom.roi, aggregations: Aggregation.methods(for: family).reversed(),
                settings: TextureSettings())
            let key = { (v: FeatureValue) in v.columnName }
            #expect(
                Dictionary(uniqueKeysWithValues: a.map { (key($0), $0.value.bitPattern) })
                    == Dictionary(uniqueKeysWithValues: b.map { (key($0), $0.value.bitPattern) }))
        }
    }

    @Test func matchingRuleRejectsAValueOffInTheThirdDigit() {
        let row = IBSIReferenceRow(
            family: .glcm, feature: "Contrast", ibsiCode: "ACUI", aggregation: .merged3D, phantom: "digital",
            config: "",
            value: 5.12, tolerance: 0)
        #expect(row.matches(5.1249))
        #expect(!row.matches(5.126))
        #expect(!row.matches(.nan))
    }

    @Test func largerDistancesChangeGLCMAndNGTDM() throws {
        let near = try TextureFeatures.compute(
            family: .glcm, roi: DigitalPhantom.roi, aggregations: [.merged3D], settings: TextureSettings())
        let far = try TextureFeatures.compute(
            family: .glcm, roi: DigitalPhantom.roi, aggregations: [.merged3D],
            settings: TextureSettings(glcmDistance: 2))
        #expect(near.map(\.value) != far.map(\.value))
        let coarse = try TextureFeatures.compute(
            family: .ngldm, roi: DigitalPhantom.roi, aggregations: [.volume3D],
            settings: TextureSettings(ngldmCoarseness: 6))
        // α ≥ N_g − 1: every ROI neighbour is dependent, so N_s is unchanged (dc_perc = 1).
        #expect(coarse.first { $0.tag == "ngl_dc_perc" }?.value == 1)
    }
}
