import Imaging
import RadVaultCore

/// The standard kernels (interim wiring until the processing chain and the other families are merged).
extension ExtractionKernels {
    /// The Imaging processing chain and the family implementations.
    public static let standard = ExtractionKernels(
        prepare: { image, mask, _ in ROI(image: image, intensityMask: mask, morphologicalMask: mask) },
        discretise: { _, _ in throw RadVaultError.unsupported("discretisation is unavailable in this build") },
        morphology: { _ in throw RadVaultError.unsupported("morphology is unavailable in this build") },
        localIntensity: { _ in throw RadVaultError.unsupported("local intensity is unavailable in this build") },
        texture: { family, _, _, _ in
            throw RadVaultError.unsupported("\(family.rawValue) is unavailable in this build")
        })
}
