import Foundation
import Imaging
import RadVaultCore

/// Computes the families of one extraction in order, sharing the discretised ROIs between
/// families, and records what is skipped and why.
struct FamilyRun {
    let roi: ROI
    let settings: ExtractionSettings
    let kernels: ExtractionKernels
    let shape: ROIShape
    private(set) var greyLevels: [String: Int] = [:]
    private(set) var skipped: [SkippedFeatures] = []
    private var cache: [DiscretisationMethod: (roi: DiscretisedROI, levels: Int)] = [:]
    /// GLDZM values computed with the GLSZM's (`ExtractionKernels.zoneTextures`), until its turn.
    private var pendingGLDZM: [FeatureValue]?

    init(roi: ROI, settings: ExtractionSettings, kernels: ExtractionKernels, shape: ROIShape) {
        self.roi = roi
        self.settings = settings
        self.kernels = kernels
        self.shape = shape
    }

    /// The family's values, or none (with a recorded reason) when it is undefined on this ROI.
    mutating func compute(_ family: FeatureFamily) throws -> [FeatureValue] {
        switch family {
        case .morphology:
            if let reason = morphologyObstacle() {
                skipped.append(SkippedFeatures(family: family, reason: reason))
                return []
            }
            return try kernels.morphology(roi)
        case .localIntensity:
            return try kernels.localIntensity(roi)
        case .intensityStatistics:
            return try IntensityStatisticsFeatures.compute(roi: roi)
        case .intensityHistogram:
            let method = settings.discretisation.intensityHistogram ?? .fixedBinNumber(bins: 32)
            let discretised = try discretise(method, group: "intensity_histogram")
            return try IntensityHistogramFeatures.compute(discretised: discretised)
        case .intensityVolumeHistogram:
            greyLevels["ivh"] = ivhLevels()
            return try IntensityVolumeHistogramFeatures.compute(
                roi: roi, discretisation: settings.discretisation.ivh, lowerBound: settings.resegmentation.lowerBound,
                upperBound: settings.resegmentation.upperBound)
        case .glcm, .glrlm, .glszm, .gldzm, .ngtdm, .ngldm:
            return try computeTexture(family)
        }
    }

    /// Why morphology is undefined on this ROI, if it is.
    func morphologyObstacle() -> String? {
        if shape.morphologicalVoxels == 1 {
            return "the ROI has one voxel: its PCA axis lengths are 0, so elongation, flatness, the enclosing "
                + "ellipsoid and Moran's I / Geary's C are undefined"
        }
        if shape.slices == 1 {
            return "the ROI lies in a single slice: morphology is volumetric (IBSI-1 §3.1), and a one-voxel-thick "
                + "ROI has a least PCA axis of 0 and a mesh that is only its slab; use a volumetric ROI"
        }
        return nil
    }

    mutating func computeTexture(_ family: FeatureFamily) throws -> [FeatureValue] {
        let (allowed, skips) = textureAggregations(family)
        skipped += skips
        guard let aggregations = allowed else { return [] }
        let method = settings.discretisation.texture ?? .fixedBinNumber(bins: 32)
        let discretised = try discretise(method, group: "texture")
        if greyLevels["texture"] == 1 {
            skipped.append(
                SkippedFeatures(
                    family: family,
                    reason: "discretisation \(describe(method)) yields one grey level: every texture "
                        + "matrix has a single cell, so its features are undefined; use a smaller bin width or more bins"
                ))
            return []
        }
        if family == .gldzm, let pending = pendingGLDZM {
            pendingGLDZM = nil
            return pending
        }
        // The GLSZM and the GLDZM share their zone labelling: both are computed at the GLSZM's turn
        // and the GLDZM's values are kept for its own turn (which records its skips as usual).
        if family == .glszm, settings.families.contains(.gldzm), let joint = kernels.zoneTextures {
            if let distances = textureAggregations(.gldzm).aggregations, !distances.isEmpty, !aggregations.isEmpty {
                let values = try joint(discretised, roi.morphologicalMask, aggregations, distances, settings.texture)
                pendingGLDZM = values.gldzm
                return values.glszm
            }
        }
        return try kernels.texture(family, discretised, roi.morphologicalMask, aggregations, settings.texture)
    }

    /// The aggregations of a texture family this ROI allows (nil: none, the family stops here),
    /// and the skips (with reasons) of the rest.
    func textureAggregations(_ family: FeatureFamily) -> (aggregations: [Aggregation]?, skips: [SkippedFeatures]) {
        var aggregations = settings.aggregations(for: family)
        if shape.intensityVoxels == 1 {
            let reason =
                "the ROI has one voxel: there are no neighbouring voxels to build the "
                + "\(family.rawValue.uppercased()) matrix"
            return (nil, [SkippedFeatures(family: family, reason: reason)])
        }
        let volumetric = aggregations.filter { [.averaged3D, .merged3D, .volume3D].contains($0) }
        if shape.slices == 1, !volumetric.isEmpty {
            aggregations.removeAll { volumetric.contains($0) }
            let reason =
                "the ROI lies in a single slice: 3D aggregation counts neighbours across slices, which do "
                + "not exist here; use the 2D or 2.5D aggregations"
            let skip = SkippedFeatures(family: family, aggregations: volumetric, reason: reason)
            return (aggregations.isEmpty ? nil : aggregations, [skip])
        }
        return (aggregations, [])
    }

    /// Discretises once per method (resolving the fixed-bin-size lower bound, IBSI-1 §2.7: the
    /// re-segmentation lower bound, else the ROI minimum), counts its grey levels once, and records
    /// them for the group.
    mutating func discretise(_ method: DiscretisationMethod, group: String) throws -> DiscretisedROI {
        let resolved: DiscretisationMethod
        switch method {
        case .fixedBinNumber, .none: resolved = method
        case .fixedBinSize(let width, let lowerBound):
            resolved = .fixedBinSize(
                width: width, lowerBound: lowerBound ?? settings.resegmentation.lowerBound ?? shape.minimum)
        }
        let entry: (roi: DiscretisedROI, levels: Int)
        if let cached = cache[resolved] {
            entry = cached
        } else {
            let discretised = try kernels.discretise(roi, resolved)
            entry = (discretised, distinctLevels(discretised))
            cache[resolved] = entry
        }
        greyLevels[group] = entry.levels
        return entry.roi
    }

    /// Distinct grey levels inside the mask: a flag per level in 0...levelCount (a hash set was
    /// a measurable share of the extraction), with a set only for levels outside that range.
    func distinctLevels(_ d: DiscretisedROI) -> Int {
        var flags = [Bool](repeating: false, count: max(d.levelCount, 0) + 1)
        var count = 0
        var others = Set<Int32>()
        d.mask.voxels.withUnsafeBufferPointer { mask in
            d.levels.withUnsafeBufferPointer { levels in
                for index in 0..<min(mask.count, levels.count) where mask[index] {
                    let level = Int(levels[index])
                    if level >= 0, level < flags.count {
                        if !flags[level] {
                            flags[level] = true
                            count += 1
                        }
                    } else {
                        others.insert(levels[index])
                    }
                }
            }
        }
        return count + others.count
    }

    /// Distinct IVH intensities present (for the diagnostics), counted as a `Set<Double>` counts
    /// them (−0 equals +0, every NaN is distinct) with an open-addressing table of bit patterns:
    /// hashing every ROI voxel through `Hasher` was a measurable share of the extraction.
    func ivhLevels() -> Int {
        var distinct = DistinctDoubles()
        roi.intensityMask.voxels.withUnsafeBufferPointer { mask in
            roi.image.voxels.withUnsafeBufferPointer { image in
                for index in 0..<min(mask.count, image.count) where mask[index] { distinct.insert(image[index]) }
            }
        }
        return distinct.count
    }

    func describe(_ method: DiscretisationMethod) -> String {
        switch method {
        case .fixedBinNumber(let bins): return "fbn \(bins) bins"
        case .fixedBinSize(let width, _): return "fbs width \(width)"
        case .none: return "none"
        }
    }
}
