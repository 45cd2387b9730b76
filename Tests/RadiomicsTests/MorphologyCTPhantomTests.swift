import Foundation
import Imaging
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Radiomics

/// Morphology and local intensity on the IBSI CT radiomics phantom, configurations A–E
/// (Resources/ibsi/ct_phantom, CC BY-NC 3.0; settings from ibsi1_configurations.csv).
/// Heavy: run in release (`swift test -c release -Xswiftc -enable-testing`).
@Suite struct MorphologyCTPhantomTests {
    typealias Support = MorphologyTestSupport

    static let resources = TestSupport.repositoryRoot.appendingPathComponent("Sources/Radiomics/Resources/ibsi")

    /// The IBSI-1 processing of each configuration (manual §5, "Configurations").
    static func settings(_ config: String) -> ImageProcessingSettings {
        let rangeA = ResegmentationSettings(lowerBound: -500, upperBound: 400)
        let rangeC = ResegmentationSettings(lowerBound: -1000, upperBound: 400)
        switch config {
        case "A":
            return ImageProcessingSettings(roundIntensities: true, resegmentation: rangeA)
        case "B":
            let i = InterpolationSettings(spacing: [2, 2, 2], inPlaneOnly: true)
            return ImageProcessingSettings(interpolation: i, roundIntensities: true, resegmentation: rangeA)
        case "C":
            let i = InterpolationSettings(spacing: [2, 2, 2])
            return ImageProcessingSettings(interpolation: i, roundIntensities: true, resegmentation: rangeC)
        case "D":
            let i = InterpolationSettings(spacing: [2, 2, 2])
            return ImageProcessingSettings(
                interpolation: i, roundIntensities: true, resegmentation: ResegmentationSettings(outlierSigma: 3))
        default:
            let i = InterpolationSettings(spacing: [2, 2, 2], imageMethod: .cubicSpline)
            return ImageProcessingSettings(
                interpolation: i, roundIntensities: true,
                resegmentation: ResegmentationSettings(lowerBound: -1000, upperBound: 400, outlierSigma: 3))
        }
    }

    @Test(arguments: ["A", "B", "C", "D", "E"])
    func configurationMatchesReference(config: String) throws {
        let ct = Self.resources.appendingPathComponent("ct_phantom")
        let image = try NIfTIFile.read(path: ct.appendingPathComponent("image.nii.gz").path)
        let mask = try NIfTIFile.readMask(path: ct.appendingPathComponent("mask.nii.gz").path)
        let roi = try ImageProcessing.prepare(image: image, mask: mask, settings: Self.settings(config))
        let clock = ContinuousClock()
        let start = clock.now
        let cpu = Self.threadCPUSeconds()
        let values = try MorphologyFeatures.compute(roi: roi) + LocalIntensityFeatures.compute(roi: roi)
        let elapsed = clock.now - start
        print(
            "CT config \(config): morphology + local intensity wall \(elapsed), thread CPU \(Self.threadCPUSeconds() - cpu) s"
        )
        let definitions = MorphologyFeatures.definitions + LocalIntensityFeatures.definitions
        let refs =
            Support.references(family: "morphology", phantom: "ct")
            + Support.references(family: "local_intensity", phantom: "ct")
        var matched = 0
        var total = 0
        for ref in refs where ref.config == config {
            total += 1
            let family: FeatureFamily = ref.family == "morphology" ? .morphology : .localIntensity
            let d = try #require(definitions.first { $0.name == ref.feature && $0.family == family })
            let v = try #require(values.first { $0.tag == d.tag })
            let ok = Support.matches(v.value, reference: ref.value, tolerance: ref.tolerance)
            if ok { matched += 1 }
            #expect(ok, "\(config) \(ref.feature): got \(v.value), expected \(ref.value) ± \(ref.tolerance)")
        }
        print("CT config \(config): \(matched)/\(total) matched")
        #expect(total >= 26)
    }

    /// CPU time of the calling thread (wall time is meaningless on a shared, oversubscribed machine).
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    @Test func embeddedDigitalPhantomEqualsTheNIfTIFiles() throws {
        let dir = Self.resources.appendingPathComponent("digital_phantom")
        let image = try NIfTIFile.read(path: dir.appendingPathComponent("image.nii.gz").path)
        let mask = try NIfTIFile.readMask(path: dir.appendingPathComponent("mask.nii.gz").path)
        #expect(image.voxels == Support.phantomImage)
        #expect(mask.voxels == Support.phantomMask)
        #expect(image.grid.spacing == SIMD3(2, 2, 2) && image.grid.dimensions == [5, 4, 4])
    }
}

extension MorphologyCTPhantomTests {
    /// Prints the time of each stage on configuration A (the largest grid); asserts only that the
    /// stages agree with the full computation's inputs.
    @Test func stageTimingsOnConfigurationA() throws {
        let ct = Self.resources.appendingPathComponent("ct_phantom")
        let image = try NIfTIFile.read(path: ct.appendingPathComponent("image.nii.gz").path)
        let mask = try NIfTIFile.readMask(path: ct.appendingPathComponent("mask.nii.gz").path)
        let roi = try ImageProcessing.prepare(image: image, mask: mask, settings: Self.settings("A"))
        let clock = ContinuousClock()
        var t = clock.now
        var cpu = Self.threadCPUSeconds()
        func lap(_ label: String) {
            let c = Self.threadCPUSeconds()
            print("stage \(label): wall \(clock.now - t), thread CPU \(c - cpu) s")
            t = clock.now
            cpu = c
        }
        let mesh = try SurfaceMesh.build(mask: roi.morphologicalMask)
        lap("mesh (\(mesh.vertices.count) vertices)")
        let candidates = MorphologyMeasures.rowExtremes(mesh.lattice)
        lap("row extremes (\(candidates.count))")
        let hull = try ConvexHull.build(points: candidates.map { SIMD3<Int64>(truncatingIfNeeded: mesh.lattice[$0]) })
        lap("hull (\(hull.vertexIndices.count) vertices)")
        let pts = hull.vertexIndices.map { mesh.vertices[candidates[$0]] }
        _ = try EnclosingEllipsoid.minimumVolumeSemiAxes(pts)
        lap("mvee")
        let sample = try SpatialAutocorrelation.Sample(image: roi.image, mask: roi.intensityMask)
        _ = try SpatialAutocorrelation.compute(sample)
        lap("moran/geary FFT (box \(sample.dims), \(sample.values.count) voxels)")
        _ = try LocalIntensityFeatures.compute(roi: roi)
        lap("local intensity")
        #expect(!mesh.triangles.isEmpty)
    }
}
