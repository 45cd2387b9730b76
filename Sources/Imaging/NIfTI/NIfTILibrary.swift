internal import CNIfTI
import RadVaultCore

/// The one place RadVault calls libnifti2 (and its znzlib): reading header bytes, loading voxel
/// data, converting quaternions and writing images. Callers validate headers before loading.
///
/// libnifti2 reports problems on stderr and by returning NULL; its debug level is set to 0 here
/// and every NULL becomes a `RadVaultError` naming the file.
enum NIfTILibrary {
    /// Silences libnifti2's stderr diagnostics (C `nifti_set_debug_level(0)`), once.
    private static let quiet: Bool = {
        nifti_set_debug_level(0)
        return true
    }()

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

    /// Loads header and data (C `nifti_image_read(path, 1)`) and hands the image to `body`.
    static func withLoadedImage<R>(
        path: String, name: String, _ body: (UnsafeMutablePointer<nifti_image>) throws -> R
    ) throws -> R {
        _ = quiet
        guard let image = nifti_image_read(path, 1) else {
            throw RadVaultError.corrupt(
                "\(name): voxel data could not be read (file truncated or compressed stream damaged)")
        }
        defer { nifti_image_free(image) }
        guard image.pointee.data != nil else {
            throw RadVaultError.corrupt("\(name): voxel data could not be read, expected image data")
        }
        return try body(image)
    }

    /// Decodes `count` voxels starting at voxel `start` of a loaded image into doubles.
    static func decode(
        _ image: UnsafeMutablePointer<nifti_image>, as type: NIfTIDatatype, start: Int, count: Int
    ) -> [Double] {
        guard let raw = image.pointee.data else { return [] }
        let base = UnsafeRawPointer(raw) + start * type.byteWidth
        switch type {
        case .uint8: return convertInteger(base, UInt8.self, count)
        case .int8: return convertInteger(base, Int8.self, count)
        case .int16: return convertInteger(base, Int16.self, count)
        case .uint16: return convertInteger(base, UInt16.self, count)
        case .int32: return convertInteger(base, Int32.self, count)
        case .uint32: return convertInteger(base, UInt32.self, count)
        case .int64: return convertInteger(base, Int64.self, count)
        case .uint64: return convertInteger(base, UInt64.self, count)
        case .float32: return convertFloat(base, Float.self, count)
        case .float64: return convertFloat(base, Double.self, count)
        }
    }

    /// Decides `count` voxels starting at voxel `start` with `isInside` on each stored value
    /// (as a double, before scaling), without materialising a volume of doubles.
    static func decodeMask(
        _ image: UnsafeMutablePointer<nifti_image>, as type: NIfTIDatatype, start: Int, count: Int,
        _ isInside: (Double) -> Bool
    ) -> [Bool] {
        guard let raw = image.pointee.data else { return [] }
        let base = UnsafeRawPointer(raw) + start * type.byteWidth
        func decide<T>(_: T.Type, _ convert: (T) -> Double) -> [Bool] {
            let source = base.bindMemory(to: T.self, capacity: count)
            return [Bool](unsafeUninitializedCapacity: count) { out, initialised in
                for i in 0..<count { out[i] = isInside(convert(source[i])) }
                initialised = count
            }
        }
        switch type {
        case .uint8: return decide(UInt8.self) { Double($0) }
        case .int8: return decide(Int8.self) { Double($0) }
        case .int16: return decide(Int16.self) { Double($0) }
        case .uint16: return decide(UInt16.self) { Double($0) }
        case .int32: return decide(Int32.self) { Double($0) }
        case .uint32: return decide(UInt32.self) { Double($0) }
        case .int64: return decide(Int64.self) { Double($0) }
        case .uint64: return decide(UInt64.self) { Double($0) }
        case .float32: return decide(Float.self) { Double($0) }
        case .float64: return decide(Double.self) { $0 }
        }
    }

    private static func convertInteger<T: BinaryInteger>(_ base: UnsafeRawPointer, _: T.Type, _ n: Int) -> [Double] {
        let source = base.bindMemory(to: T.self, capacity: n)
        return [Double](unsafeUninitializedCapacity: n) { out, initialised in
            for i in 0..<n { out[i] = Double(source[i]) }
            initialised = n
        }
    }

    private static func convertFloat<T: BinaryFloatingPoint>(
        _ base: UnsafeRawPointer, _: T.Type, _ n: Int
    ) -> [Double] {
        let source = base.bindMemory(to: T.self, capacity: n)
        return [Double](unsafeUninitializedCapacity: n) { out, initialised in
            for i in 0..<n { out[i] = Double(source[i]) }
            initialised = n
        }
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
