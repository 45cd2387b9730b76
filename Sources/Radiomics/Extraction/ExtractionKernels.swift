import Imaging

/// The processing and family kernels the extractor calls, as values so that the one
/// per-subject code path (`Extractor`) is the same for every caller.
///
/// `standard` wires the Imaging processing chain and the family implementations.
public struct ExtractionKernels: Sendable {
    /// The IBSI processing chain: interpolation, rounding, re-segmentation (IBSI-1 §2.4–§2.5).
    public var prepare:
        @Sendable (Volume, Mask, ImageProcessingSettings) throws
            -> (roi: ROI, diagnostics: ImageProcessingDiagnostics?)
    /// Discretisation of the intensity mask (IBSI-1 §2.7); a fixed-bin-size lower bound is
    /// always given (resolved by the extractor).
    public var discretise: @Sendable (ROI, DiscretisationMethod) throws -> DiscretisedROI
    /// Morphology (IBSI-1 §3.1).
    public var morphology: @Sendable (ROI) throws -> [FeatureValue]
    /// Local intensity (IBSI-1 §3.2).
    public var localIntensity: @Sendable (ROI) throws -> [FeatureValue]
    /// A texture family (IBSI-1 §3.6–§3.12) for the given aggregations; the mask is the
    /// morphological mask (for the GLDZM distance map).
    public var texture:
        @Sendable (FeatureFamily, DiscretisedROI, Mask, [Aggregation], TextureSettings) throws
            -> [FeatureValue]
    /// The GLSZM and the GLDZM at once, sharing their zone labelling (IBSI-1 §3.9–§3.10): ROI,
    /// morphological mask, GLSZM and GLDZM aggregations, settings. Nil: two `texture` calls.
    public var zoneTextures:
        (
            @Sendable (DiscretisedROI, Mask, [Aggregation], [Aggregation], TextureSettings) throws
                -> (glszm: [FeatureValue], gldzm: [FeatureValue])
        )?

    public init(
        prepare:
            @escaping @Sendable (Volume, Mask, ImageProcessingSettings) throws
            -> (roi: ROI, diagnostics: ImageProcessingDiagnostics?),
        discretise: @escaping @Sendable (ROI, DiscretisationMethod) throws -> DiscretisedROI,
        morphology: @escaping @Sendable (ROI) throws -> [FeatureValue],
        localIntensity: @escaping @Sendable (ROI) throws -> [FeatureValue],
        texture:
            @escaping @Sendable (FeatureFamily, DiscretisedROI, Mask, [Aggregation], TextureSettings) throws
            -> [FeatureValue],
        zoneTextures:
            (
                @Sendable (DiscretisedROI, Mask, [Aggregation], [Aggregation], TextureSettings) throws
                    -> (glszm: [FeatureValue], gldzm: [FeatureValue])
            )? = nil
    ) {
        self.prepare = prepare
        self.discretise = discretise
        self.morphology = morphology
        self.localIntensity = localIntensity
        self.texture = texture
        self.zoneTextures = zoneTextures
    }
}
