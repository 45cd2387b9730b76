import Foundation
import Imaging
import Testing

@testable import Radiomics

/// Import of PyRadiomics parameter files.
struct PyRadiomicsImportTests {
    @Test func mapsTheUsualKeys() throws {
        let yaml = """
            imageType:
              Original: {}
            featureClass:
              shape:
              firstorder: []
              glcm:
              gldm:
            setting:
              binWidth: 25
              resampledPixelSpacing: [2, 2, 2]
              interpolator: sitkLinear
              resegmentRange: [-1000, 400]
              label: 2
              normalize: false
            """
        let result = try PyRadiomicsImport.parse(yaml: yaml)
        let s = result.settings
        #expect(s.families == [.morphology, .intensityStatistics, .intensityHistogram, .glcm, .ngldm])
        #expect(s.discretisation.texture == .fixedBinSize(width: 25, lowerBound: nil))
        #expect(
            s.interpolation == InterpolationSettings(spacing: [2, 2, 2], imageMethod: .linear, maskMethod: .nearest))
        #expect(s.resegmentation == ResegmentationSettings(lowerBound: -1000, upperBound: 400))
        #expect(s.maskLabel == 2)
        #expect(s.aggregations == [.averaged3D, .volume3D])
        #expect(result.notes.contains { $0.hasPrefix("setting.binWidth:") })
    }

    @Test func force2DAndSigmaResegmentation() throws {
        let yaml = "setting: {binCount: 32, force2D: true, resegmentRange: [-3, 3], resegmentMode: sigma}"
        let s = try PyRadiomicsImport.parse(yaml: yaml).settings
        #expect(s.aggregations == [.directionMerged25D, .merged25DVolume])
        #expect(s.resegmentation.outlierSigma == 3)
        #expect(s.discretisation.texture == .fixedBinNumber(bins: 32))
    }

    @Test(arguments: [
        ("setting: {normalize: true}", "setting.normalize: cannot be mapped to IBSI settings"),
        ("setting: {binWidth: 25, colour: red}", "setting.colour: cannot be mapped to IBSI settings"),
        ("setting: {voxelArrayShift: 1000}", "setting.voxelArrayShift: cannot be mapped to IBSI settings"),
        (
            "imageType: {Original: {}, LoG: {sigma: [1.0]}}",
            "imageType.LoG: filtered image type cannot be mapped to IBSI-1 settings"
        ),
        ("imageType: {Wavelet: {}}", "imageType.Wavelet: filtered image type cannot be mapped"),
        ("featureClass: {shape2D: }", "featureClass.shape2D: feature class cannot be mapped to IBSI settings"),
        (
            "featureClass: {glcm: [Autocorrelation]}",
            "featureClass.glcm: selecting individual features cannot be mapped to IBSI settings"
        ),
        ("setting: {interpolator: sitkGaussian}", "setting.interpolator: 'sitkGaussian' cannot be mapped"),
        ("setting: {force2Ddimension: 1}", "setting.force2Ddimension: 1 cannot be mapped to IBSI settings"),
        (
            "setting: {resegmentRange: [-3, 3], resegmentMode: relative}",
            "setting.resegmentMode: 'relative' cannot be mapped"
        ),
        ("voxelSetting: {kernelRadius: 1}", "voxelSetting: voxel-based extraction cannot be mapped"),
        ("setting: {symmetricalGLCM: false}", "setting.symmetricalGLCM: false cannot be mapped to IBSI settings"),
        ("setting: {distances: [1, 2]}", "setting.distances: [1,2]; expected exactly one distance"),
        ("setting: {binWidth: 25, binCount: 32}", "setting.binCount: both binWidth and binCount are given"),
        ("settings: {binWidth: 25}", "settings: unknown key; expected one of setting, imageType, featureClass"),
    ])
    func unmappableKeysAreRefusedByName(yaml: String, message: String) {
        do {
            _ = try PyRadiomicsImport.parse(yaml: yaml)
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
