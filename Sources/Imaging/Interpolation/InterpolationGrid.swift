import RadVaultCore

/// The IBSI "align grid centres" interpolation grid for one volume (IBSI-1 026Q, QCY4).
///
/// Per interpolated axis with n_a voxels of spacing s_a and target spacing s_b:
/// n_b = ⌈n_a s_a / s_b⌉ (the quotient is first rounded to 6 decimals so that an exact
/// multiple such as 60 × 3 / 2 is not pushed to 91 by floating-point noise), and new voxel i
/// sits at original grid coordinate x_b,g + i s_b/s_a with
/// x_b,g = ½ (n_a − 1 − (s_b/s_a)(n_b − 1)). Axes that are not interpolated keep n_a, start 0, step 1.
public struct InterpolationGrid: Sendable, Equatable {
    /// The new grid (dimensions, spacing, origin; direction unchanged).
    public var grid: Grid
    /// Per axis: grid coordinate (in original voxels) of the first new voxel.
    public var start: [Double]
    /// Per axis: distance between new voxels, in original voxels (s_b / s_a).
    public var step: [Double]

    /// Computes the grid; refuses a result above `settings.maxVoxels` before anything is allocated.
    public static func make(from source: Grid, settings: InterpolationSettings) throws -> InterpolationGrid {
        guard settings.spacing.count == 3 else {
            throw RadVaultError.invalidInput(
                "interpolation spacing has \(settings.spacing.count) values, expected 3 ([x, y, z] in mm)")
        }
        let axes = settings.inPlaneOnly ? 2 : 3
        for a in 0..<axes where !(settings.spacing[a].isFinite && settings.spacing[a] > 0) {
            throw RadVaultError.invalidInput(
                "interpolation spacing[\(a)] = \(settings.spacing[a]), expected a positive finite size in mm")
        }
        let sizes = source.dimensions
        let spacing = [source.spacing.x, source.spacing.y, source.spacing.z]
        for a in 0..<3 where !(spacing[a].isFinite && spacing[a] > 0) {
            throw RadVaultError.invalidInput(
                "image spacing[\(a)] = \(spacing[a]), expected a positive finite voxel size")
        }
        var newSizes = sizes, start = [0.0, 0, 0], step = [1.0, 1, 1], newSpacing = spacing
        for a in 0..<axes {
            let fractional = (Double(sizes[a]) * spacing[a] / settings.spacing[a] * 1e6).rounded() / 1e6
            guard fractional < Double(settings.maxVoxels) else { throw tooLarge(fractional, settings) }
            newSizes[a] = max(1, Int(fractional.rounded(.up)))
            step[a] = settings.spacing[a] / spacing[a]
            start[a] = 0.5 * (Double(sizes[a] - 1) - step[a] * Double(newSizes[a] - 1))
            newSpacing[a] = settings.spacing[a]
        }
        var total = 1
        for n in newSizes {
            let (p, overflow) = total.multipliedReportingOverflow(by: n)
            guard !overflow, p <= settings.maxVoxels else {
                throw tooLarge(Double(total) * Double(n), settings, newSizes)
            }
            total = p
        }
        var grid = source
        grid.nx = newSizes[0]
        grid.ny = newSizes[1]
        grid.nz = newSizes[2]
        grid.spacing = SIMD3(newSpacing[0], newSpacing[1], newSpacing[2])
        // World origin moves by x_b,g · s_a along each voxel axis (IBSI QCY4, world form).
        for a in 0..<3 where start[a] != 0 {
            let shift = start[a] * spacing[a]
            grid.origin += SIMD3(source.direction[a], source.direction[3 + a], source.direction[6 + a]) * shift
        }
        return InterpolationGrid(grid: grid, start: start, step: step)
    }

    private static func tooLarge(_ n: Double, _ s: InterpolationSettings, _ sizes: [Int]? = nil) -> RadVaultError {
        let count = n < 9e18 ? String(Int(n.rounded(.up))) : "\(n)"
        let shown = sizes.map { " (\($0[0]) × \($0[1]) × \($0[2]))" } ?? ""
        return RadVaultError.invalidInput(
            "interpolation to spacing \(s.spacing) would make a grid of \(count) voxels\(shown), "
                + "expected at most \(s.maxVoxels) (maxVoxels)")
    }
}
