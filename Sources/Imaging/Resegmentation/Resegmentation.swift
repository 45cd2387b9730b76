import RadVaultCore

/// IBSI-1 re-segmentation (IF9H): removes voxels from the intensity mask by intensity.
public enum Resegmentation {
    /// Counts after each part of re-segmentation, for diagnostics.
    public struct Result: Sendable, Equatable {
        public var intensityMask: Mask
        /// Voxels left after the range [lower, upper].
        public var voxelsAfterRange: Int
        /// Voxels left after range and outlier filtering.
        public var voxelsAfterOutliers: Int
        /// The outlier range [μ − kσ, μ + kσ] when outlier filtering ran.
        public var outlierRange: ClosedRange<Double>?
    }

    /// Applies range and outlier re-segmentation to `intensityMask` (which starts as the
    /// morphological mask, possibly minus excluded non-finite voxels).
    ///
    /// Throws when no voxel is left, naming the range and the intensities of the ROI.
    public static func apply(
        image: Volume, morphologicalMask: Mask, intensityMask: Mask, settings: ResegmentationSettings
    ) throws -> Result {
        if let a = settings.lowerBound, let b = settings.upperBound, !(a <= b) {
            throw RadVaultError.invalidInput("re-segmentation range [\(a), \(b)]: expected lower bound <= upper bound")
        }
        var mask = intensityMask
        let lower = settings.lowerBound ?? -.infinity
        let upper = settings.upperBound ?? .infinity
        for i in mask.voxels.indices where mask.voxels[i] {
            let v = image.voxels[i]
            if !(v >= lower && v <= upper) { mask.voxels[i] = false }
        }
        let afterRange = mask.count
        var outlierRange: ClosedRange<Double>?
        if let k = settings.outlierSigma {
            guard k.isFinite, k > 0 else {
                throw RadVaultError.invalidInput("re-segmentation outlierSigma = \(k), expected a positive number")
            }
            let range = try outlierBounds(image: image, mask: morphologicalMask, sigma: k)
            for i in mask.voxels.indices where mask.voxels[i] && !range.contains(image.voxels[i]) {
                mask.voxels[i] = false
            }
            outlierRange = range
        }
        let remaining = mask.count
        if remaining == 0 {
            throw emptied(image: image, mask: intensityMask, settings: settings, outliers: outlierRange)
        }
        return Result(
            intensityMask: mask, voxelsAfterRange: afterRange, voxelsAfterOutliers: remaining,
            outlierRange: outlierRange)
    }

    /// μ ± kσ over the finite intensities inside `mask` (population σ; sums in voxel order).
    static func outlierBounds(image: Volume, mask: Mask, sigma k: Double) throws -> ClosedRange<Double> {
        var count = 0.0, sum = 0.0
        for i in mask.voxels.indices where mask.voxels[i] && image.voxels[i].isFinite {
            count += 1
            sum += image.voxels[i]
        }
        guard count > 0 else {
            throw RadVaultError.invalidInput(
                "outlier filtering: the ROI has no finite intensity, expected at least one")
        }
        let mean = sum / count
        var squares = 0.0
        for i in mask.voxels.indices where mask.voxels[i] && image.voxels[i].isFinite {
            let d = image.voxels[i] - mean
            squares += d * d
        }
        let sd = (squares / count).squareRoot()
        return (mean - k * sd)...(mean + k * sd)
    }

    private static func emptied(
        image: Volume, mask: Mask, settings: ResegmentationSettings, outliers: ClosedRange<Double>?
    ) -> RadVaultError {
        let values = mask.voxels.indices.filter { mask.voxels[$0] }.map { image.voxels[$0] }
        let low = values.min() ?? .nan, high = values.max() ?? .nan
        let lower = settings.lowerBound.map { "\($0)" } ?? "-inf"
        let upper = settings.upperBound.map { "\($0)" } ?? "inf"
        let outlierText = outliers.map { ", outliers outside [\($0.lowerBound), \($0.upperBound)]" } ?? ""
        return RadVaultError.invalidInput(
            "re-segmentation to [\(lower), \(upper)]\(outlierText) removed all \(values.count) ROI voxels "
                + "(intensities \(low)...\(high)), expected at least one voxel to remain")
    }
}
