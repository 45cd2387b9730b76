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
        let (header, name) = try open(path: path)
        let volume = try selectVolume(header, volumeIndex: volumeIndex, name: name)
        let grid = try header.grid(name: name)
        var voxels = try NIfTILibrary.withLoadedImage(path: path, name: name) { image in
            NIfTILibrary.decode(image, as: header.datatype, start: volume * grid.count, count: grid.count)
        }
        guard voxels.count == grid.count else {
            throw RadVaultError.corrupt("\(name): decoded \(voxels.count) voxels, expected \(grid.count)")
        }
        if let (slope, intercept) = header.scaling {
            voxels.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] = buffer[i] * slope + intercept }
            }
        }
        return Volume(grid: grid, voxels: voxels)
    }

    /// Reads a mask: voxels equal to `label`, or every non-zero voxel when `label` is nil.
    ///
    /// A label that occurs nowhere is an error listing the labels present (up to 20).
    public static func readMask(path: String, label: Int? = nil) throws -> Mask {
        let (header, name) = try open(path: path)
        let volumeIndex = try selectVolume(header, volumeIndex: nil, name: name)
        let grid = try header.grid(name: name)
        let scaling = header.scaling ?? (1, 0)
        let target = label.map(Double.init)
        // Why not `read` + map: the mask is decided voxel by voxel from the stored values, so no
        // volume of doubles is allocated (a third of the load time of a CT phantom-sized mask).
        let voxels = try NIfTILibrary.withLoadedImage(path: path, name: name) { image in
            NIfTILibrary.decodeMask(
                image, as: header.datatype, start: volumeIndex * grid.count, count: grid.count
            ) { raw in
                let v = raw * scaling.0 + scaling.1
                return target.map { v == $0 } ?? (v != 0 && !v.isNaN)
            }
        }
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
