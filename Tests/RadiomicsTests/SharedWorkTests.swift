import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// Work shared or skipped for speed gives the same bits as doing it in full: the GLSZM and GLDZM
/// from one zone labelling, and the FFT first stage that drops a known-zero upper half.
@Suite struct SharedWorkTests {
    /// A random ROI whose intensity mask is a re-segmented part of its morphological mask, so the
    /// GLDZM box (widened to the morphological mask) differs from the GLSZM box.
    static func roi(seed: UInt64, dims: SIMD3<Int>) throws -> (DiscretisedROI, Mask) {
        let base = MorphologyTestSupport.randomROI(seed: seed, dims: dims, spacing: SIMD3(1, 1, 2), fill: 0.7)
        var intensity = base.morphologicalMask
        for i in intensity.voxels.indices where base.image.voxels[i] > 60 { intensity.voxels[i] = false }
        intensity.voxels[base.image.grid.count / 2] = true
        let roi = ROI(image: base.image, intensityMask: intensity, morphologicalMask: base.morphologicalMask)
        return (try Discretisation.apply(roi: roi, method: .fixedBinNumber(bins: 6)), base.morphologicalMask)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func zoneFamiliesEqualSeparateFamilies(seed: UInt64) throws {
        let (roi, morphological) = try Self.roi(seed: seed, dims: SIMD3(9, 8, 5 + Int(seed)))
        let settings = TextureSettings()
        let requests: [([Aggregation], [Aggregation])] = [
            (Aggregation.methods(for: .glszm), Aggregation.methods(for: .gldzm)),
            ([.volume3D], [.slice2D]), ([.merged25DVolume], [.volume3D, .slice2D]),
        ]
        for (sizes, distances) in requests {
            let joint = try TextureFeatures.computeZoneFamilies(
                roi: roi, morphologicalMask: morphological, glszm: sizes, gldzm: distances, settings: settings)
            let glszm = try TextureFeatures.compute(
                family: .glszm, roi: roi, morphologicalMask: morphological, aggregations: sizes, settings: settings)
            let gldzm = try TextureFeatures.compute(
                family: .gldzm, roi: roi, morphologicalMask: morphological, aggregations: distances,
                settings: settings)
            #expect(joint.glszm.count == 16 * sizes.count && joint.gldzm.count == 16 * distances.count)
            #expect(joint.glszm.map(\.value.bitPattern) == glszm.map(\.value.bitPattern))
            #expect(joint.gldzm.map(\.value.bitPattern) == gldzm.map(\.value.bitPattern))
            #expect(joint.glszm.map(\.aggregation) == glszm.map(\.aggregation))
            #expect(joint.gldzm.map(\.aggregation) == gldzm.map(\.aggregation))
        }
    }

    @Test func extractorWithAndWithoutSharedZonesGivesTheSameBytes() throws {
        let base = MorphologyTestSupport.randomROI(seed: 7, dims: SIMD3(10, 9, 6), spacing: SIMD3(1, 1, 2), fill: 0.7)
        var settings = ExtractionSettings(
            resegmentation: ResegmentationSettings(lowerBound: -150, upperBound: 90),
            discretisation: DiscretisationSettings(both: .fixedBinNumber(bins: 8)),
            families: [.glszm, .gldzm, .ngtdm])
        var separate = ExtractionKernels.standard
        separate.zoneTextures = nil
        for families in [[FeatureFamily.glszm, .gldzm, .ngtdm], [.gldzm], [.glszm]] {
            settings.families = families
            let shared = try Extractor.extract(image: base.image, mask: base.morphologicalMask, settings: settings)
            let alone = try Extractor.extract(
                image: base.image, mask: base.morphologicalMask, settings: settings, kernels: separate)
            #expect(CanonicalJSON.bytes(try shared.jsonValue) == CanonicalJSON.bytes(try alone.jsonValue))
            #expect(shared.features.count >= 16 * 3)
        }
    }

    /// Lengths whose plans start with radix 4 (200 = 4·2·5·5) and radix 2 (54 = 2·3·3·3).
    @Test(arguments: [200, 54, 8, 2])
    func fftWithKnownZeroUpperHalfIsBitIdentical(n: Int) throws {
        var rng = SeededGenerator(seed: UInt64(n))
        let count = 5
        let plan = FourierTransform(n: n)
        var re = [Double](repeating: 0, count: n * count)
        var im = re
        for q in 0..<(n / 2) {
            for b in 0..<count {
                re[q * count + b] = rng.nextGaussian()
                im[q * count + b] = b == 2 ? 0 : rng.nextGaussian()
            }
        }
        func transform(_ upperHalfZero: Bool) -> ([Double], [Double]) {
            var (r, i) = (re, im)
            if upperHalfZero {
                // Not read when declared zero: NaN there would show in every output.
                for k in (n / 2 * count)..<(n * count) { (r[k], i[k]) = (.nan, .nan) }
            }
            var scratch = [Double](repeating: .nan, count: 2 * n * count)
            r.withUnsafeMutableBufferPointer { r in
                i.withUnsafeMutableBufferPointer { i in
                    scratch.withUnsafeMutableBufferPointer { s in
                        guard let r = r.baseAddress, let i = i.baseAddress, let s = s.baseAddress else { return }
                        plan.forward(
                            FFTBatch(count: count, elementStride: count, signalStride: 1), r, i, s, s + n * count,
                            upperHalfZero: upperHalfZero)
                    }
                }
            }
            return (r, i)
        }
        // Equal values; only the sign of an exact zero may differ (the imaginary parts of the real
        // line b = 2 include exact zeros), which no sum of non-zero terms can see.
        let full = transform(false)
        let pruned = transform(true)
        #expect(full.0 == pruned.0)
        #expect(full.1 == pruned.1)
        #expect(full.0.map(\.bitPattern) == pruned.0.map(\.bitPattern))
    }
}

/// `DistinctDoubles` counts as `Set<Double>` does.
@Test func distinctDoublesCountsAsASet() {
    var rng = SeededGenerator(seed: 11)
    var values: [Double] = [0, -0.0, .nan, .nan, .infinity, -.infinity, 1, 1, -1, .leastNonzeroMagnitude]
    for _ in 0..<5000 { values.append((rng.nextGaussian() * 300).rounded()) }
    for _ in 0..<3000 { values.append(rng.nextGaussian()) }
    var distinct = DistinctDoubles()
    for v in values { distinct.insert(v) }
    #expect(distinct.count == Set(values).count)
    #expect(distinct.count > 3000)
}
