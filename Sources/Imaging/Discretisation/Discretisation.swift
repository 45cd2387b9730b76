import RadVaultCore

/// Turns an ROI's intensities into grey levels (IBSI-1 §2.7, 4R0B).
public enum Discretisation {
    /// Discretises the intensities inside the intensity mask; voxels outside get level 0.
    ///
    /// `levelCount` is N_g for fixed bin number, and the highest level present in the ROI for
    /// fixed bin size and for "none" (the digital phantom's levels 1, 3, 4, 6 give N_g = 6).
    public static func apply(roi: ROI, method: DiscretisationMethod) throws -> DiscretisedROI {
        let mask = roi.intensityMask
        let values = roi.image.voxels
        let inside = mask.voxels.indices.filter { mask.voxels[$0] }
        guard !inside.isEmpty else {
            throw RadVaultError.invalidInput("discretisation: the intensity mask is empty, expected at least one voxel")
        }
        if let bad = inside.first(where: { !values[$0].isFinite }) {
            throw RadVaultError.invalidInput(
                "discretisation: voxel \(bad) has intensity \(values[bad]), expected finite intensities in the ROI")
        }
        var levels = [Int32](repeating: 0, count: values.count)
        let levelCount: Int
        switch method {
        case .fixedBinNumber(let bins):
            levelCount = try fixedBinNumber(values, inside, bins: bins, into: &levels)
        case .fixedBinSize(let width, let lowerBound):
            levelCount = try fixedBinSize(values, inside, width: width, lowerBound: lowerBound, into: &levels)
        case .none:
            levelCount = try identity(values, inside, into: &levels)
        }
        return DiscretisedROI(grid: roi.image.grid, levels: levels, levelCount: levelCount, mask: mask)
    }

    private static func fixedBinNumber(_ x: [Double], _ inside: [Int], bins: Int, into levels: inout [Int32]) throws
        -> Int
    {
        guard bins >= 1, bins <= 1 << 20 else {
            throw RadVaultError.invalidInput("fixed bin number: bins = \(bins), expected 1...\(1 << 20)")
        }
        var low = Double.infinity, high = -Double.infinity
        for i in inside {
            low = min(low, x[i])
            high = max(high, x[i])
        }
        let range = high - low
        for i in inside {
            if range == 0 || !(x[i] < high) {
                levels[i] = range == 0 ? 1 : Int32(bins)
            } else {
                let level = Int((Double(bins) * (x[i] - low) / range).rounded(.down)) + 1
                levels[i] = Int32(min(max(level, 1), bins))
            }
        }
        return bins
    }

    private static func fixedBinSize(
        _ x: [Double], _ inside: [Int], width: Double, lowerBound: Double?, into levels: inout [Int32]
    ) throws -> Int {
        guard width.isFinite, width > 0 else {
            throw RadVaultError.invalidInput("fixed bin size: width = \(width), expected a positive finite bin width")
        }
        let low = lowerBound ?? inside.map { x[$0] }.min() ?? 0
        guard low.isFinite else {
            throw RadVaultError.invalidInput("fixed bin size: lower bound = \(low), expected a finite intensity")
        }
        var highest = 1
        for i in inside {
            let level = ((x[i] - low) / width).rounded(.down) + 1
            guard level >= 1, level <= Double(Int32.max) else {
                throw RadVaultError.invalidInput(
                    "fixed bin size: intensity \(x[i]) lies below the lower bound \(low) or too far above it, "
                        + "expected intensities in [lower bound, lower bound + \(width) × 2^31)")
            }
            levels[i] = Int32(level)
            highest = max(highest, Int(level))
        }
        return highest
    }

    private static func identity(_ x: [Double], _ inside: [Int], into levels: inout [Int32]) throws -> Int {
        var highest = 1
        for i in inside {
            guard x[i] >= 1, x[i] <= Double(Int32.max), x[i].rounded() == x[i] else {
                throw RadVaultError.invalidInput(
                    "discretisation 'none': voxel \(i) has intensity \(x[i]), expected whole grey levels >= 1")
            }
            levels[i] = Int32(x[i])
            highest = max(highest, Int(x[i]))
        }
        return highest
    }
}
