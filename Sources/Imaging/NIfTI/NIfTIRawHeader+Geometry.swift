import RadVaultCore

extension NIfTIRawHeader {
    /// Spacing of the three spatial axes; axes beyond ndim get 1 mm (their pixdim is unused).
    var spatialSpacing: [Double] { (1...3).map { $0 <= ndim ? pixdim[$0] : 1 } }

    /// Spatial sizes (nx, ny, nz); axes beyond ndim have size 1.
    var spatialDimensions: [Int] { (1...3).map { $0 <= ndim ? dim[$0] : 1 } }

    /// qfac from pixdim[0] (nifti1.h: -1 flips the third axis, anything else means +1).
    var qfac: Double { pixdim[0] < 0 ? -1 : 1 }

    /// The qform matrix (pixdim scaling when qform_code is 0, as libnifti2 does).
    var qformMatrix: [Double] {
        guard qformCode > 0 else { return NIfTIRawHeader.scaling(spatialSpacing) }
        return NIfTILibrary.quaternionMatrix(quatern: quatern, offset: qoffset, spacing: spatialSpacing, qfac: qfac)
    }

    /// The sform rows as stored, zeros when not finite.
    var sformMatrix: [Double] {
        (srow.allSatisfy(\.isFinite) ? srow : [Double](repeating: 0, count: 12)) + [0, 0, 0, 1]
    }

    /// The voxel-to-world matrix by NIfTI precedence: sform, then qform, then pixdim scaling.
    var affine: [Double] { sformCode > 0 ? sformMatrix : qformMatrix }

    static func scaling(_ s: [Double]) -> [Double] {
        [s[0], 0, 0, 0, 0, s[1], 0, 0, 0, 0, s[2], 0, 0, 0, 0, 1]
    }

    /// The sampling grid (spacing, origin, direction) by NIfTI precedence.
    ///
    /// qform: spacing is pixdim and direction the quaternion rotation (with qfac on the third
    /// column). sform: spacing is each column's length, direction the normalised columns;
    /// rotated (oblique) grids are supported, sheared ones are refused because a sheared
    /// voxel is not a box and IBSI resampling and morphology assume boxes.
    func grid(name: String) throws -> Grid {
        let d = spatialDimensions
        let spacing = spatialSpacing
        var grid = Grid(nx: d[0], ny: d[1], nz: d[2], spacing: SIMD3(spacing[0], spacing[1], spacing[2]))
        if sformCode > 0 {
            try applySform(to: &grid, name: name)
        } else if qformCode > 0 {
            let rotation = NIfTILibrary.quaternionMatrix(
                quatern: quatern, offset: qoffset, spacing: [1, 1, 1], qfac: qfac)
            grid.direction = [0, 1, 2, 4, 5, 6, 8, 9, 10].map { rotation[$0] }
            grid.origin = SIMD3(qoffset[0], qoffset[1], qoffset[2])
        }
        grid.direction = grid.direction.map { $0 == 0 ? 0 : $0 }
        return grid
    }

    private func applySform(to grid: inout Grid, name: String) throws {
        var columns: [[Double]] = []
        var lengths: [Double] = []
        for j in 0..<3 {
            let c = [srow[j], srow[4 + j], srow[8 + j]]
            let length = (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]).squareRoot()
            guard length.isFinite, length > 0 else {
                throw RadVaultError.invalidInput(
                    "\(name): header sform column \(j + 1) has length \(length), expected a positive voxel size")
            }
            columns.append(c.map { $0 / length })
            lengths.append(length)
        }
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let dot = zip(columns[a], columns[b]).reduce(0) { $0 + $1.0 * $1.1 }
            guard abs(dot) <= 1e-4 else {
                throw RadVaultError.unsupported(
                    "\(name): header sform is sheared (columns \(a + 1) and \(b + 1) have cosine \(dot)), "
                        + "expected orthogonal axes (an oblique rotation is supported, a shear is not)")
            }
        }
        grid.spacing = SIMD3(lengths[0], lengths[1], lengths[2])
        grid.direction = (0..<3).flatMap { row in (0..<3).map { columns[$0][row] } }
        grid.origin = SIMD3(srow[3], srow[7], srow[11])
    }
}

extension Grid {
    /// The voxel-to-world 4×4 matrix (row-major): direction × diag(spacing), then origin.
    public var affine: [Double] {
        let s = [spacing.x, spacing.y, spacing.z]
        let o = [origin.x, origin.y, origin.z]
        var m = [Double](repeating: 0, count: 16)
        for r in 0..<3 {
            for c in 0..<3 { m[4 * r + c] = direction[3 * r + c] * s[c] }
            m[4 * r + 3] = o[r]
        }
        m[15] = 1
        return m
    }

    /// Whether the voxel axes are rotated relative to the world axes (not a signed permutation).
    public var isOblique: Bool { direction.contains { $0 != 0 && abs($0) != 1 } }
}
