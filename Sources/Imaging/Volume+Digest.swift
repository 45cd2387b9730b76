import RadVaultCore

/// The voxel digest: SHA-256 over an image's decoded voxels and its grid, independent of the
/// file's encoding (NIfTI version, compression, datatype, scaling), so a re-saved or
/// re-compressed image is recognised as the same image.
///
/// Canonical form (version 1), hashed as one byte stream:
/// 1. the ASCII line `radvault-voxels-v1\n`;
/// 2. the canonical JSON (RadVaultCore `CanonicalJSON`: sorted keys, shortest round-trip
///    doubles) of `{"dimensions":[nx,ny,nz],"direction":[9 row-major],"kind":"volume"|"mask",
///    "origin":[x,y,z],"spacing":[x,y,z]}`, with -0.0 written as 0.0, then `\n`;
/// 3. the voxels in storage order (x fastest): for a volume, IEEE-754 float64 little-endian,
///    every NaN written as the quiet NaN 0x7FF8000000000000 and -0.0 as +0.0; for a mask, one
///    byte per voxel, 1 inside and 0 outside.
enum VoxelDigest {
    static func header(_ grid: Grid, kind: String) -> [UInt8] {
        func clean(_ v: Double) -> JSONValue { .number(v == 0 ? 0 : v) }
        let object: JSONValue = .object([
            "dimensions": .array(grid.dimensions.map { .int(Int64($0)) }),
            "direction": .array(grid.direction.map(clean)),
            "kind": .string(kind),
            "origin": .array([grid.origin.x, grid.origin.y, grid.origin.z].map(clean)),
            "spacing": .array([grid.spacing.x, grid.spacing.y, grid.spacing.z].map(clean)),
        ])
        return Array("radvault-voxels-v1\n".utf8) + CanonicalJSON.bytes(object) + [0x0A]
    }

    static func digest(_ volume: Volume) -> Digest {
        var hasher = StreamingHasher()
        hasher.update(header(volume.grid, kind: "volume"))
        let chunk = 1 << 14
        var buffer = [UInt64](repeating: 0, count: chunk)
        volume.voxels.withUnsafeBufferPointer { voxels in
            var start = 0
            while start < voxels.count {
                let n = min(chunk, voxels.count - start)
                for k in 0..<n {
                    let v = voxels[start + k]
                    let bits: UInt64 = v.isNaN ? 0x7FF8_0000_0000_0000 : (v == 0 ? 0 : v.bitPattern)
                    buffer[k] = bits.littleEndian
                }
                buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0.prefix(n * 8))) }
                start += n
            }
        }
        return hasher.finalize()
    }

    static func digest(_ mask: Mask) -> Digest {
        var hasher = StreamingHasher()
        hasher.update(header(mask.grid, kind: "mask"))
        let bytes = mask.voxels.map { $0 ? UInt8(1) : UInt8(0) }
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }
}

extension Volume {
    /// SHA-256 of the decoded voxels and the grid in the canonical form documented on `VoxelDigest`.
    public var voxelDigest: Digest { VoxelDigest.digest(self) }
}

extension Mask {
    /// SHA-256 of the mask voxels (one byte each) and the grid, as documented on `VoxelDigest`.
    public var voxelDigest: Digest { VoxelDigest.digest(self) }
}
