import LinearAlgebra
import RadVaultCore

/// The network half of WGCNA: soft threshold, adjacency, TOM, average-linkage tree, hybrid
/// tree cut, eigengenes and merging of close modules (the R tutorial's step-by-step route).
public struct WGCNANetwork: Sendable {
    /// pickSoftThreshold fit indices, one per candidate power.
    public var fits: [SoftThresholdFit]
    /// R's powerEstimate (nil when no power reaches the cut).
    public var powerEstimate: Int?
    /// The power used.
    public var power: Int
    /// The gene tree (R's hclust of 1 − TOM, method "average").
    public var dendrogram: Dendrogram
    /// cutreeDynamic labels (0 = unassigned, 1 = largest).
    public var unmergedLabels: [Int]
    /// Labels after mergeCloseModules.
    public var labels: [Int]
    /// Eigengenes of the merged modules.
    public var eigengenes: ModuleEigengenes
    public var warnings: [String]

    /// Builds the network from samples × genes expression (already filtered by
    /// `SampleGeneFilter`; NaN allowed, handled pairwise and by k-NN imputation).
    public static func build(expression x: Matrix, settings: WGCNASettings) throws -> WGCNANetwork {
        var warnings: [String] = []
        var c = GeneCorrelation.correlationMatrix(x)
        let fits = SoftThreshold.fitIndices(
            correlation: c, powers: settings.powers, signed: settings.networkType == .signed)
        let estimate = SoftThreshold.powerEstimate(fits, rSquaredCut: settings.rSquaredCut)
        let power: Int
        if let p = settings.power {
            power = p
        } else if let e = estimate {
            power = e
        } else {
            power = fallbackPower(samples: x.rows, signed: settings.networkType == .signed)
            warnings.append(
                "wgcna: no power reached scale-free R² > \(settings.rSquaredCut); used \(power), the WGCNA FAQ's "
                    + "choice for \(x.rows) samples (\(settings.networkType.rawValue) network)")
        }
        TopologicalOverlap.adjacencyInPlace(&c, power: power, type: settings.networkType)
        let dissTOM = TopologicalOverlap.dissimilarity(consuming: &c)
        var work = dissTOM
        let tree = HierarchicalClustering.averageLinkage(&work)
        work = CondensedDistance(count: 0)
        let unmerged = try DynamicTreeCut.cutreeHybrid(dendrogram: tree, distances: dissTOM, settings: settings.treeCut)
        let (merged, me) = try ModuleMerging.merge(
            expression: x, labels: unmerged, cutHeight: settings.mergeCutHeight)
        return WGCNANetwork(
            fits: fits, powerEstimate: estimate, power: power, dendrogram: tree, unmergedLabels: unmerged,
            labels: merged, eigengenes: me, warnings: warnings)
    }

    /// The WGCNA FAQ's recommended power when the scale-free fit never reaches the cut.
    static func fallbackPower(samples: Int, signed: Bool) -> Int {
        let unsigned = samples < 20 ? 9 : samples < 30 ? 8 : samples < 40 ? 7 : 6
        return signed ? 2 * unsigned : unsigned
    }
}
