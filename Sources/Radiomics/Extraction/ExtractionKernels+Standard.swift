import Imaging

/// The standard kernels: the Imaging processing chain and discretisation, and the family
/// implementations of this module.
extension ExtractionKernels {
    /// The Imaging processing chain and the family implementations.
    public static let standard = ExtractionKernels(
        prepare: { image, mask, settings in
            let prepared = try ImageProcessing.prepareWithDiagnostics(image: image, mask: mask, settings: settings)
            return (prepared.roi, prepared.diagnostics)
        },
        discretise: { roi, method in try Discretisation.apply(roi: roi, method: method) },
        morphology: { roi in try MorphologyFeatures.compute(roi: roi) },
        localIntensity: { roi in try LocalIntensityFeatures.compute(roi: roi) },
        texture: { family, discretised, morphological, aggregations, settings in
            try TextureFeatures.compute(
                family: family, roi: discretised, morphologicalMask: morphological, aggregations: aggregations,
                settings: settings)
        },
        zoneTextures: { discretised, morphological, glszm, gldzm, settings in
            try TextureFeatures.computeZoneFamilies(
                roi: discretised, morphologicalMask: morphological, glszm: glszm, gldzm: gldzm, settings: settings)
        })
}
