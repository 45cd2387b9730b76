import Foundation
import RadVaultCore

/// Reading and writing NIfTI-1 and NIfTI-2 single-file images (`.nii`, `.nii.gz`).
///
/// Every header is parsed and validated in Swift (`NIfTIRawHeader`) before libnifti2 loads the
/// voxels, so a damaged or hostile file gives a `RadVaultError` naming the file, the field and
/// the expectation, never a crash or a message on stderr. Voxels are decoded to `Double` with
/// scl_slope/scl_inter applied (slope 0 or non-finite means no scaling, as nifti1.h says).
///
/// Geometry: the grid comes from the sform when sform_code > 0, else from the qform when
/// qform_code > 0, else from pixdim alone (origin 0, identity direction). Oblique (rotated)
/// grids are kept in `Grid.direction`; sheared grids are refused by name.
public enum NIfTIFile {
    /// Reads and validates the header only. Non-finite values that the NIfTI rules ignore
    /// (scl_slope, scl_inter, pixdim beyond the spatial axes) are reported as 0, so the result
    /// always encodes as JSON.
    public static func readHeader(path: String) throws -> NIfTIHeaderInfo {
        let (header, _) = try open(path: path)
        return NIfTIHeaderInfo(
            version: header.version, dimensions: Array(header.dim[1...header.ndim]),
            spacing: header.pixdim[1...header.ndim].map { $0.isFinite ? $0 : 0 }, datatype: header.datatype.name,
            qformCode: header.qformCode, sformCode: header.sformCode, qform: header.qformMatrix,
            sform: header.sformMatrix, affine: header.affine, sclSlope: header.sclSlope.isFinite ? header.sclSlope : 0,
            sclInter: header.sclInter.isFinite ? header.sclInter : 0)
    }

    /// Reads one 3-D volume, decoded and scaled.
    ///
    /// A 4-D file with more than one volume needs `volumeIndex` (0-based); for a 3-D file the
    /// index may be omitted or 0.
    public static func read(path: String, volumeIndex: Int? = nil) throws -> Volume {
        let (stream, grid) = try voxelStream(path: path, volumeIndex: volumeIndex)
        let voxels = try stream.values(low: [0, 0, 0], high: [grid.nx - 1, grid.ny - 1, grid.nz - 1])
        return Volume(grid: grid, voxels: scaled(voxels, stream.header))
    }

    /// Reads the box `low...high` (voxel indices per axis, inclusive) of a 3-D volume, decoded
    /// and scaled, on the sub-grid `Grid.cropped(low:high:)`: the same values as `read` then
    /// cropping, without decoding the voxels outside the box.
    ///
    /// Inflation stops after the box's last slice, so damage to the file beyond it is not seen.
    public static func read(path: String, low: [Int], high: [Int]) throws -> Volume {
        let (stream, grid) = try voxelStream(path: path, volumeIndex: nil)
        let size = grid.dimensions
        let inside = { (axis: Int) in 0 <= low[axis] && low[axis] <= high[axis] && high[axis] < size[axis] }
        guard low.count == 3, high.count == 3, (0..<3).allSatisfy(inside) else {
            throw RadVaultError.invalidInput(
                "\(stream.name): box \(low)...\(high) is outside the image, expected 0 <= low <= high < \(size)")
        }
        let voxels = try stream.values(low: low, high: high)
        return Volume(grid: grid.cropped(low: low, high: high), voxels: scaled(voxels, stream.header))
    }

    /// The sampling grid of the file's volumes, from the header alone.
    public static func readGrid(path: String) throws -> Grid {
        let (header, name) = try open(path: path)
        return try header.grid(name: name)
    }

    /// The validated header, grid and voxel stream of one volume.
    private static func voxelStream(path: String, volumeIndex: Int?) throws -> (NIfTIVoxelStream, Grid) {
        let (header, name) = try open(path: path)
        let volume = try selectVolume(header, volumeIndex: volumeIndex, name: name)
        let grid = try header.grid(name: name)
        return (NIfTIVoxelStream(path: path, name: name, header: header, grid: grid, volume: volume), grid)
    }

    /// Applies scl_slope/scl_inter (when the header asks for scaling).
    private static func scaled(_ voxels: [Double], _ header: NIfTIRawHeader) -> [Double] {
        guard let (slope, intercept) = header.scaling else { return voxels }
        var voxels = voxels
        voxels.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = buffer[i] * slope + intercept }
        }
        return voxels
    }

    /// Reads a mask: voxels equal to `label`, or every non-zero voxel when `label` is nil.
    ///
    /// A label that occurs nowhere is an error listing the labels present (up to 20).
    public static func readMask(path: String, label: Int? = nil) throws -> Mask {
        let (stream, grid) = try voxelStream(path: path, volumeIndex: nil)
        let name = stream.name
        let scaling = stream.header.scaling ?? (1, 0)
        // Why not `read` + map: the mask is decided voxel by voxel from the stored values, so no
        // volume of doubles is allocated (a third of the load time of a CT phantom-sized mask).
        let voxels = try stream.decisions(slope: scaling.0, intercept: scaling.1, label: label.map(Double.init))
        guard voxels.count == grid.count else {
            throw RadVaultError.corrupt("\(name): decoded \(voxels.count) voxels, expected \(grid.count)")
        }
        if let label, !voxels.contains(true) {
            let volume = try read(path: path)
            let present = Set(volume.voxels.filter { $0 != 0 && $0.isFinite }).sorted().prefix(20)
            let list = present.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
            throw RadVaultError.invalidInput(
                "\(name): label \(label) is absent, expected one of the labels present: "
                    + (list.isEmpty ? "none (the mask is empty)" : list.joined(separator: ", ")))
        }
        return Mask(grid: grid, voxels: voxels)
    }

    /// The voxel digest of the file's (first) volume: see `Volume.voxelDigest`.
    ///
    /// A 4-D file with several volumes is refused (name a volume with `read(path:volumeIndex:)`).
    public static func voxelDigest(path: String) throws -> Digest {
        try read(path: path).voxelDigest
    }

    /// Validates the path and the header; returns the header and the file's display name.
    static func open(path: String) throws -> (NIfTIRawHeader, String) {
        let name = displayName(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw RadVaultError.notFound("\(name): no such file (\(path))")
        }
        let lower = path.lowercased()
        guard lower.hasSuffix(".nii") || lower.hasSuffix(".nii.gz") else {
            throw RadVaultError.unsupported("\(name): file name must end in .nii or .nii.gz")
        }
        let bytes = try NIfTILibrary.headerBytes(path: path, name: name)
        if !NIfTILibrary.isCompressed(path), bytes.starts(with: [0x1F, 0x8B]) {
            throw RadVaultError.invalidInput(
                "\(name): the file is gzip-compressed, expected the name to end in .nii.gz")
        }
        let header = try NIfTIRawHeader.parse(bytes, name: name)
        if !NIfTILibrary.isCompressed(path) {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let needed = header.voxOffset + header.dataBytes
            guard size >= needed else {
                throw RadVaultError.corrupt(
                    "\(name): file is \(size) bytes, expected at least \(needed) "
                        + "(vox_offset \(header.voxOffset) + \(header.dataBytes) bytes of voxel data)")
            }
        }
        return (header, name)
    }

    private static func selectVolume(_ header: NIfTIRawHeader, volumeIndex: Int?, name: String) throws -> Int {
        let count = header.volumeCount
        guard let volumeIndex else {
            guard count == 1 else {
                throw RadVaultError.invalidInput(
                    "\(name): the image is 4-D with \(count) volumes, expected a volume index 0...\(count - 1)")
            }
            return 0
        }
        guard (0..<count).contains(volumeIndex) else {
            throw RadVaultError.invalidInput(
                "\(name): volume index \(volumeIndex) is out of range, expected 0...\(count - 1)")
        }
        return volumeIndex
    }

    static func displayName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}
