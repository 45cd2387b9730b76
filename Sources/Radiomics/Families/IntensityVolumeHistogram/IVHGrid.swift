import Foundation

/// The discretised intensity grid of an intensity-volume histogram (IBSI-1 §3.5): the sorted
/// positions of the voxels on the grid i_k = origin + k·step, and K, the position of max(G).
struct IVHGrid {
    /// Voxel positions on the grid, ascending.
    let positions: [Double]
    /// Intensity of grid position 0 (min G).
    let origin: Double
    /// Grid step w_d in intensity units.
    let step: Double
    /// (max G − min G) / w_d.
    let span: Double

    init(
        intensities: [Double], lowest: Double, highest: Double, discretisation: IVHDiscretisation,
        lowerBound: Double?, upperBound: Double?
    ) {
        switch discretisation {
        case .discrete:
            let lower = lowerBound ?? lowest
            let upper = upperBound ?? highest
            positions = AscendingSort.sorted(intensities.map { $0 - lower })
            origin = lower
            step = 1
            span = upper - lower
        case .fixedBinSize(let width):
            // Bin numbers X_d = ⌊(x − X_min)/w⌋ + 1, bin centres X_min + (X_d − 0.5)·w; position X_d − 1.
            let xMin = lowerBound ?? lowest
            let xMax = upperBound ?? highest
            positions = AscendingSort.sorted(intensities.map { ((($0 - xMin) / width).rounded(.down)) })
            origin = xMin + 0.5 * width
            step = width
            span = (xMax - xMin) / width - 1
        case .fixedBinNumber(let bins):
            // X_d = ⌊N_g (x − min)/(max − min)⌋ + 1, with x = max in bin N_g (IBSI §2.7); G = [1, N_g].
            let width = highest - lowest
            positions = AscendingSort.sorted(
                intensities.map { x -> Double in
                    guard width > 0 else { return 0 }
                    return min((Double(bins) * (x - lowest) / width).rounded(.down), Double(bins - 1))
                })
            origin = 1
            step = 1
            span = Double(bins - 1)
        }
    }

    /// ν_k: the fraction of voxels at grid position k or above.
    func volumeFraction(atPosition k: Double) -> Double {
        // First index whose position is >= k (positions are ascending).
        var low = 0
        var high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < k { low = mid + 1 } else { high = mid }
        }
        return Double(positions.count - low) / Double(positions.count)
    }

    /// V_x: ν at the first grid intensity whose intensity fraction γ_k = k/K is at least x.
    /// For a degenerate range (K ≤ 0) every intensity is at the top: ν at k = 0.
    func volumeFraction(atIntensityFraction x: Double) -> Double {
        guard span > 0 else { return volumeFraction(atPosition: 0) }
        // The first k with k/K ≥ x, found from ⌈xK⌉ and corrected for rounding of the product.
        var k = max(0, (x * span).rounded(.up))
        while k > 0, (k - 1) / span >= x { k -= 1 }
        while k / span < x { k += 1 }
        return volumeFraction(atPosition: k)
    }

    /// I_x: the lowest grid intensity present in at most a fraction x of the volume (ν ≤ x);
    /// max(G) + w_d when no intensity of G qualifies.
    func intensity(atVolumeFraction x: Double) -> Double {
        // ν is non-increasing in k: binary search for the first k in 0...top with ν_k ≤ x.
        let top = max(0, span.rounded(.down))
        var low = 0.0
        var high = top + 1
        while low < high {
            let mid = ((low + high) / 2).rounded(.down)
            if volumeFraction(atPosition: mid) <= x { high = mid } else { low = mid + 1 }
        }
        return origin + low * step
    }
}
