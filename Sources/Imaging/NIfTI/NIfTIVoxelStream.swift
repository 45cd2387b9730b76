internal import CNIfTI
import RadVaultCore

/// Reads the voxels of one volume of a NIfTI file slice by slice through C `znzread`, decoding
/// only a box of voxels to `Double` (unscaled) or to mask decisions.
///
/// Why not `nifti_image_read`: it inflates the whole file into a buffer as large as the data,
/// which is then converted in full. Streaming one z-slice at a time through a buffer that stays
/// in cache, converting only the rows inside the box and stopping after the box's last slice
/// makes loading an ROI's neighbourhood cost the inflation of the slices up to it and little
/// else. Byte order follows the header (`NIfTIRawHeader.swapped`: big-endian files).
///
/// Stopping early means damage to the compressed stream after the box's last slice is not
/// seen; a file truncated or damaged before it is an error naming the file.
struct NIfTIVoxelStream {
    let path: String
    let name: String
    let header: NIfTIRawHeader
    let grid: Grid
    /// 0-based volume of a 4-D file.
    let volume: Int

    /// Voxel values (before scl_slope/scl_inter) of the box `low...high` (inclusive, x fastest).
    func values(low: [Int], high: [Int]) throws -> [Double] {
        let width = high[0] - low[0] + 1
        let rows = (high[1] - low[1] + 1) * (high[2] - low[2] + 1)
        let count = width * rows
        return try [Double](unsafeUninitializedCapacity: count) { out, initialised in
            guard let base = out.baseAddress else { return }
            var next = base
            try forEachSlice(low[2]...high[2]) { slice in
                for y in low[1]...high[1] {
                    let row = slice + (y * grid.nx + low[0]) * header.datatype.byteWidth
                    Self.decode(row, as: header.datatype, bigEndian: header.swapped, count: width, into: next)
                    next += width
                }
            }
            initialised = count
        }
    }

    /// Mask decisions for every voxel of the volume, from the stored values v (as doubles)
    /// scaled as v·slope + intercept: equal to `label`, or non-zero and not NaN when `label` is nil.
    /// No volume of doubles is allocated.
    func decisions(slope: Double, intercept: Double, label: Double?) throws -> [Bool] {
        let sliceCount = grid.nx * grid.ny
        var scratch = [Double](repeating: 0, count: sliceCount)
        return try [Bool](unsafeUninitializedCapacity: grid.count) { out, initialised in
            var next = 0
            try scratch.withUnsafeMutableBufferPointer { values in
                guard let valuesBase = values.baseAddress else { return }
                try forEachSlice(0...(grid.nz - 1)) { slice in
                    Self.decode(
                        slice, as: header.datatype, bigEndian: header.swapped, count: sliceCount, into: valuesBase)
                    if let label {
                        for i in 0..<sliceCount { out[next + i] = values[i] * slope + intercept == label }
                    } else {
                        for i in 0..<sliceCount {
                            let v = values[i] * slope + intercept
                            out[next + i] = v != 0 && !v.isNaN
                        }
                    }
                    next += sliceCount
                }
            }
            initialised = next
        }
    }

    /// Hands the raw bytes of each z-slice in `slices` to `body`, in order, read through C
    /// `znzopen`/`znzread` one slice at a time (no whole-file buffer).
    private func forEachSlice(_ slices: ClosedRange<Int>, _ body: (UnsafeRawPointer) throws -> Void) throws {
        guard let file = znzopen(path, "rb", NIfTILibrary.isCompressed(path) ? 1 : 0) else {
            throw RadVaultError.notFound("\(name): cannot open the file for reading")
        }
        var handle: znzFile? = file
        defer { _ = Xznzclose(&handle) }
        let sliceBytes = grid.nx * grid.ny * header.datatype.byteWidth
        let start =
            header.voxOffset + volume * grid.count * header.datatype.byteWidth + slices.lowerBound * sliceBytes
        guard znzseek(file, start, SEEK_SET) >= 0 else {
            throw RadVaultError.corrupt("\(name): cannot reach byte \(start) of the voxel data (file truncated)")
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(sliceBytes, 1), alignment: 16)
        defer { buffer.deallocate() }
        for _ in slices {
            // znzread returns SIZE_MAX (-1) on a damaged stream and a short count at the end of file.
            let got = znzread(buffer, 1, sliceBytes, file)
            guard got == sliceBytes else {
                throw RadVaultError.corrupt(
                    "\(name): voxel data could not be read (file truncated or compressed stream damaged)")
            }
            try body(UnsafeRawPointer(buffer))
        }
    }

    /// Converts `count` stored values at `source` to doubles.
    static func decode(
        _ source: UnsafeRawPointer, as type: NIfTIDatatype, bigEndian: Bool, count: Int,
        into out: UnsafeMutablePointer<Double>
    ) {
        switch type {
        case .uint8: integers(source, UInt8.self, bigEndian, count, out)
        case .int8: integers(source, Int8.self, bigEndian, count, out)
        case .int16: integers(source, Int16.self, bigEndian, count, out)
        case .uint16: integers(source, UInt16.self, bigEndian, count, out)
        case .int32: integers(source, Int32.self, bigEndian, count, out)
        case .uint32: integers(source, UInt32.self, bigEndian, count, out)
        case .int64: integers(source, Int64.self, bigEndian, count, out)
        case .uint64: integers(source, UInt64.self, bigEndian, count, out)
        case .float32:
            if bigEndian {
                for i in 0..<count { out[i] = Double(Float(bitPattern: load(source, UInt32.self, i, true))) }
            } else {
                for i in 0..<count { out[i] = Double(source.loadUnaligned(fromByteOffset: 4 * i, as: Float.self)) }
            }
        case .float64:
            for i in 0..<count { out[i] = Double(bitPattern: load(source, UInt64.self, i, bigEndian)) }
        }
    }

    @inline(__always)
    private static func integers<T: FixedWidthInteger>(
        _ source: UnsafeRawPointer, _: T.Type, _ bigEndian: Bool, _ count: Int, _ out: UnsafeMutablePointer<Double>
    ) {
        if bigEndian {
            for i in 0..<count { out[i] = Double(load(source, T.self, i, true)) }
        } else {
            for i in 0..<count { out[i] = Double(load(source, T.self, i, false)) }
        }
    }

    @inline(__always)
    private static func load<T: FixedWidthInteger>(
        _ source: UnsafeRawPointer, _: T.Type, _ index: Int, _ bigEndian: Bool
    ) -> T {
        let raw = source.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self)
        return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }
}
