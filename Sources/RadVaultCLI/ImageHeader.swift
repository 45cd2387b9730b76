import ArchiveStore
import Foundation
import Imaging
import RadVaultCore

/// Reads an image's grid through Imaging (libnifti2) for ArchiveStore, which never reads images.
enum ImageHeader {
    /// The header fields and voxel digest of a NIfTI file, as `ImageMetadata`.
    static func metadata(path: String) throws -> ImageMetadata {
        try checkReadableFile(path)
        let (header, voxelDigest) = try withFullPath(path) {
            (try NIfTIFile.readHeader(path: path), try NIfTIFile.voxelDigest(path: path))
        }
        return ImageMetadata(
            dimensions: header.dimensions, spacing: header.spacing, datatype: header.datatype,
            qformCode: header.qformCode, sformCode: header.sformCode, qform: header.qform, sform: header.sform,
            affine: header.affine, voxelDigest: voxelDigest)
    }

    /// Imaging names a file by its last path component; the CLI names it as the user typed it.
    static func withFullPath<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as RadVaultError {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if !error.message.contains(path), error.message.hasPrefix(name + ":") {
                error.message = path + error.message.dropFirst(name.count)
            }
            throw error
        }
    }

    /// Missing paths, folders and empty files get the same messages as for any other artifact.
    static func checkReadableFile(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw RadVaultError.notFound("\(path): no such file, expected a NIfTI file (.nii or .nii.gz)")
        }
        if isFolder.boolValue {
            throw RadVaultError.invalidInput("\(path): is a directory, expected a NIfTI file (.nii or .nii.gz)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size == 0 {
            throw RadVaultError.invalidInput("\(path): empty file, expected a NIfTI file (.nii or .nii.gz)")
        }
    }
}
