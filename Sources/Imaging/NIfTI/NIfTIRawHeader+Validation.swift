import RadVaultCore

extension NIfTIRawHeader {
    /// Checks dimensions, sizes, spacing and transforms; throws naming the first bad field.
    func validate(name: String) throws {
        guard (1...7).contains(ndim) else {
            throw RadVaultError.corrupt("\(name): header dim[0] = \(ndim), expected 1 to 7 dimensions")
        }
        for i in 1...ndim where dim[i] < 1 {
            throw RadVaultError.corrupt("\(name): header dim[\(i)] = \(dim[i]), expected a positive size")
        }
        if ndim > 4, let extra = (5...ndim).first(where: { dim[$0] > 1 }) {
            throw RadVaultError.unsupported(
                "\(name): header dim[\(extra)] = \(dim[extra]), expected at most 4 dimensions (x, y, z, volumes)")
        }
        var total = 1
        for i in 1...ndim {
            let (product, overflow) = total.multipliedReportingOverflow(by: dim[i])
            guard !overflow, product <= NIfTIRawHeader.maxVoxels else {
                throw RadVaultError.unsupported(
                    "\(name): header dimensions \(Array(dim[1...ndim])) exceed the limit of "
                        + "\(NIfTIRawHeader.maxVoxels) voxels")
            }
            total = product
        }
        for i in 1...min(ndim, 3) where !(pixdim[i].isFinite && pixdim[i] > 0) {
            throw RadVaultError.invalidInput(
                "\(name): header pixdim[\(i)] = \(pixdim[i]), expected a positive finite voxel size")
        }
        if qformCode > 0 {
            guard (quatern + qoffset).allSatisfy(\.isFinite) else {
                throw RadVaultError.corrupt("\(name): header qform parameters are not finite, expected numbers")
            }
            let norm = quatern.reduce(0) { $0 + $1 * $1 }
            guard norm <= 1.0 + 1e-5 else {
                throw RadVaultError.corrupt(
                    "\(name): header quatern_b² + quatern_c² + quatern_d² = \(norm), expected at most 1")
            }
        }
        if sformCode > 0, !srow.allSatisfy(\.isFinite) {
            throw RadVaultError.corrupt("\(name): header srow_x/y/z are not finite, expected numbers")
        }
    }

    /// The effective intensity scaling (NIfTI-1 §scl_slope: slope 0 or non-finite means none).
    var scaling: (slope: Double, intercept: Double)? {
        guard sclSlope.isFinite, sclSlope != 0 else { return nil }
        let intercept = sclInter.isFinite ? sclInter : 0
        if sclSlope == 1 && intercept == 0 { return nil }
        return (sclSlope, intercept)
    }
}

/// Reads little- or big-endian numbers from a header buffer at fixed offsets.
struct ByteReader {
    let bytes: [UInt8]
    let swapped: Bool

    private func raw(_ offset: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<width {
            let b = UInt64(bytes[offset + (swapped ? width - 1 - k : k)])
            v |= b << (8 * UInt64(k))
        }
        return v
    }

    func int16(_ o: Int) -> Int16 { Int16(bitPattern: UInt16(truncatingIfNeeded: raw(o, 2))) }
    func int32(_ o: Int) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: raw(o, 4))) }
    func int64(_ o: Int) -> Int64 { Int64(bitPattern: raw(o, 8)) }
    func float32(_ o: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: raw(o, 4))) }
    func float64(_ o: Int) -> Double { Double(bitPattern: raw(o, 8)) }
}
