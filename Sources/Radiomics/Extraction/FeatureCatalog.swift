/// The feature registry as a whole: every family's explicit definitions table, in family order.
public enum FeatureCatalog {
    /// Every feature definition of the engine.
    public static var all: [FeatureDefinition] {
        FeatureFamily.allCases.flatMap(definitions(for:))
    }

    /// One family's definitions.
    public static func definitions(for family: FeatureFamily) -> [FeatureDefinition] {
        switch family {
        case .intensityStatistics: return IntensityStatisticsFeatures.definitions
        case .intensityHistogram: return IntensityHistogramFeatures.definitions
        case .intensityVolumeHistogram: return IntensityVolumeHistogramFeatures.definitions
        case .morphology: return MorphologyFeatures.definitions
        case .localIntensity: return LocalIntensityFeatures.definitions
        case .glcm, .glrlm, .glszm, .gldzm, .ngtdm, .ngldm: return TextureFeatures.definitions(for: family)
        }
    }
}
