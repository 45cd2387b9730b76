internal import CNIfTI
import RadVaultCore

/// Calls into libnifti2 (and its znzlib): reading header bytes, converting quaternions and
/// writing images (voxels are read by `NIfTIVoxelStream`). Callers validate headers first.
///
/// libnifti2 reports problems by returning NULL; every NULL becomes a `RadVaultError` naming
/// the file.
enum NIfTILibrary {
    /// Whether libnifti2 treats the path as gzip-compressed (it decides by the `.gz` suffix).
    static func isCompressed(_ path: String) -> Bool { path.lowercased().hasSuffix(".gz") }

    /// The first `count` bytes of the (decompressed) file, through C `znzopen`/`znzread`.
    static func headerBytes(path: String, name: String, count: Int = 540) throws -> [UInt8] {
        guard let file = znzopen(path, "rb", isCompressed(path) ? 1 : 0) else {
            throw RadVaultError.notFound("\(name): cannot open the file for reading")
        }
        var handle: znzFile? = file
        defer { _ = Xznzclose(&handle) }
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { znzread($0.baseAddress, 1, count, file) }
        return Array(buffer.prefix(got))
    }

    /// The qform matrix (4×4 row-major) from quaternion parameters
    /// (C `nifti_quatern_to_dmat44`; NIfTI-1 "method 2").
    static func quaternionMatrix(
        quatern: [Double], offset: [Double], spacing: [Double], qfac: Double
    ) -> [Double] {
        let m = nifti_quatern_to_dmat44(
            quatern[0], quatern[1], quatern[2], offset[0], offset[1], offset[2],
            spacing[0], spacing[1], spacing[2], qfac)
        return rows(m)
    }

    /// Quaternion parameters (b, c, d, qx, qy, qz, qfac) of a 4×4 affine (C `nifti_dmat44_to_quatern`).
    static func quaternion(of affine: [Double]) -> (quatern: [Double], offset: [Double], qfac: Double) {
        var b = 0.0, c = 0.0, d = 0.0, x = 0.0, y = 0.0, z = 0.0, dx = 0.0, dy = 0.0, dz = 0.0, qfac = 0.0
        nifti_dmat44_to_quatern(matrix(affine), &b, &c, &d, &x, &y, &z, &dx, &dy, &dz, &qfac)
        return ([b, c, d], [x, y, z], qfac)
    }

    static func rows(_ m: nifti_dmat44) -> [Double] {
        let r = [m.m.0, m.m.1, m.m.2, m.m.3]
        return r.flatMap { [$0.0, $0.1, $0.2, $0.3] }
    }

    static func matrix(_ a: [Double]) -> nifti_dmat44 {
        var m = nifti_dmat44()
        m.m.0 = (a[0], a[1], a[2], a[3])
        m.m.1 = (a[4], a[5], a[6], a[7])
        m.m.2 = (a[8], a[9], a[10], a[11])
        m.m.3 = (a[12], a[13], a[14], a[15])
        return m
    }
}
