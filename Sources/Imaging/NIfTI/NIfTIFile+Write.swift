internal import CNIfTI
import Foundation
import RadVaultCore

extension NIfTIFile {
    /// Writes a volume as a single-file NIfTI (`.nii`, or gzip-compressed `.nii.gz`) through
    /// libnifti2 (C `nifti_make_new_nim`, `nifti_set_filenames`, `nifti_image_write`).
    ///
    /// Both qform and sform are set (code 1, scanner anatomical) from the grid; units are mm.
    /// Integer datatypes need whole values in the type's range (no silent rounding or clipping);
    /// "float32" rounds to single precision. NIfTI-1 (`version` 1, the most widely read) stores
    /// spacing and transforms as float32; use `version` 2 to keep double-precision geometry so
    /// that any grid reads back bit for bit.
    public static func write(_ volume: Volume, to path: String, datatype: String = "float32", version: Int = 1) throws {
        let name = displayName(path)
        guard let type = NIfTIDatatype.named(datatype) else {
            throw RadVaultError.invalidInput(
                "\(name): datatype '\(datatype)', expected one of "
                    + NIfTIDatatype.allCases.map(\.name).joined(separator: ", "))
        }
        guard version == 1 || version == 2 else {
            throw RadVaultError.invalidInput("\(name): NIfTI version \(version), expected 1 or 2")
        }
        let lower = path.lowercased()
        guard lower.hasSuffix(".nii") || lower.hasSuffix(".nii.gz") else {
            throw RadVaultError.invalidInput("\(name): file name must end in .nii or .nii.gz")
        }
        try checkRepresentable(volume.voxels, as: type, name: name)
        try NIfTILibrary.write(volume, to: path, name: name, type: type, version: version)
    }

    private static func checkRepresentable(_ voxels: [Double], as type: NIfTIDatatype, name: String) throws {
        guard let range = type.integerRange else { return }
        for (i, v) in voxels.enumerated() where !(range.contains(v) && v.rounded() == v) {
            throw RadVaultError.invalidInput(
                "\(name): voxel \(i) = \(v) cannot be stored as \(type.name), expected whole values in "
                    + "\(range.lowerBound)...\(range.upperBound)")
        }
    }
}

extension NIfTILibrary {
    /// Builds a nifti_image from a volume and writes it; verifies that the file appeared.
    static func write(_ volume: Volume, to path: String, name: String, type: NIfTIDatatype, version: Int) throws {
        _ = quietWriter
        let g = volume.grid
        var dims: [Int64] = [3, Int64(g.nx), Int64(g.ny), Int64(g.nz), 1, 1, 1, 1]
        guard let image = nifti_make_new_nim(&dims, Int32(type.rawValue), 1), let data = image.pointee.data else {
            throw RadVaultError.internalError("\(name): libnifti2 could not allocate a \(g.dimensions) image")
        }
        defer { nifti_image_free(image) }
        setGeometry(image, grid: g, version: version)
        fill(data, with: volume.voxels, as: type)
        try? FileManager.default.removeItem(atPath: path)
        guard nifti_set_filenames(image, path, 0, 1) == 0 else {
            throw RadVaultError.invalidInput("\(name): libnifti2 refused the output file name")
        }
        // nifti_set_filenames resets nifti_type from the name; choose the version afterwards.
        image.pointee.nifti_type = version == 2 ? 4 : 1  // NIFTI_FTYPE_NIFTI2_1 : NIFTI_FTYPE_NIFTI1_1
        if version == 2 {
            try writeVersion2(image, to: path, name: name)
        } else {
            nifti_image_write(image)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw RadVaultError.internalError("\(name): libnifti2 did not write the file (check the folder exists)")
        }
    }

    /// Writes a single-file NIfTI-2 image: header from C `nifti_convert_nim2n2hdr`, bytes through
    /// znzlib. Why not `nifti_image_write`: libnifti2 3.0.1 computes a data offset of 0 for
    /// NIfTI-2 single files and then overwrites the header with the voxels.
    private static func writeVersion2(_ image: UnsafeMutablePointer<nifti_image>, to path: String, name: String) throws
    {
        var header = nifti_2_header()
        guard nifti_convert_nim2n2hdr(image, &header) == 0 else {
            throw RadVaultError.internalError("\(name): libnifti2 could not build a NIfTI-2 header")
        }
        header.vox_offset = 544
        // The full NIfTI-2 signature (nifti2.h); libnifti2 3.0.1 leaves the last four bytes zero.
        header.magic = (0x6E, 0x2B, 0x32, 0x00, 0x0D, 0x0A, 0x1A, 0x0A)
        guard let file = znzopen(path, "wb", isCompressed(path) ? 1 : 0) else {
            throw RadVaultError.invalidInput("\(name): cannot open the file for writing")
        }
        var handle: znzFile? = file
        let dataBytes = Int(image.pointee.nvox) * Int(image.pointee.nbyper)
        var extender: [UInt8] = [0, 0, 0, 0]
        let written =
            withUnsafeBytes(of: &header) { znzwrite($0.baseAddress, 1, 540, file) }
            + extender.withUnsafeMutableBytes { znzwrite($0.baseAddress, 1, 4, file) }
            + znzwrite(image.pointee.data, 1, dataBytes, file)
        let closed = Xznzclose(&handle)
        guard written == 544 + dataBytes, closed == 0 else {
            throw RadVaultError.internalError("\(name): wrote \(written) of \(544 + dataBytes) bytes (disk full?)")
        }
    }

    private static let quietWriter: Bool = {
        nifti_set_debug_level(0)
        return true
    }()

    private static func setGeometry(_ image: UnsafeMutablePointer<nifti_image>, grid g: Grid, version: Int) {
        image.pointee.dx = g.spacing.x
        image.pointee.dy = g.spacing.y
        image.pointee.dz = g.spacing.z
        image.pointee.pixdim.1 = g.spacing.x
        image.pointee.pixdim.2 = g.spacing.y
        image.pointee.pixdim.3 = g.spacing.z
        image.pointee.xyz_units = 2  // NIFTI_UNITS_MM
        image.pointee.scl_slope = 0
        image.pointee.scl_inter = 0
        let affine = g.affine
        let q = quaternion(of: affine)
        image.pointee.qform_code = 1
        image.pointee.quatern_b = q.quatern[0]
        image.pointee.quatern_c = q.quatern[1]
        image.pointee.quatern_d = q.quatern[2]
        image.pointee.qoffset_x = q.offset[0]
        image.pointee.qoffset_y = q.offset[1]
        image.pointee.qoffset_z = q.offset[2]
        image.pointee.qfac = q.qfac
        image.pointee.pixdim.0 = q.qfac
        image.pointee.sform_code = 1
        image.pointee.sto_xyz = matrix(affine)
    }

    private static func fill(_ data: UnsafeMutableRawPointer, with v: [Double], as type: NIfTIDatatype) {
        switch type {
        case .uint8: store(data, v, UInt8.self)
        case .int8: store(data, v, Int8.self)
        case .int16: store(data, v, Int16.self)
        case .uint16: store(data, v, UInt16.self)
        case .int32: store(data, v, Int32.self)
        case .uint32: store(data, v, UInt32.self)
        case .int64: store(data, v, Int64.self)
        case .uint64: store(data, v, UInt64.self)
        case .float32:
            let out = data.bindMemory(to: Float.self, capacity: v.count)
            for i in v.indices { out[i] = Float(v[i]) }
        case .float64:
            let out = data.bindMemory(to: Double.self, capacity: v.count)
            for i in v.indices { out[i] = v[i] }
        }
    }

    /// Stores whole values already checked to be in range (so the conversion cannot trap).
    private static func store<T: BinaryInteger>(_ data: UnsafeMutableRawPointer, _ v: [Double], _: T.Type) {
        let out = data.bindMemory(to: T.self, capacity: v.count)
        for i in v.indices { out[i] = T(exactly: v[i]) ?? 0 }
    }
}
