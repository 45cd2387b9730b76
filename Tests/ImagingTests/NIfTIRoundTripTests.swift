import Foundation
import RadVaultCore
import Testing

@testable import Imaging

/// Write then read: identical voxels, grid and voxel digest, for every datatype, both versions,
/// plain and gzip-compressed.
@Suite struct NIfTIRoundTripTests {
    static let datatypes = [
        "uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64",
    ]

    static func sample() -> Volume {
        // Float32-exact geometry so that NIfTI-1 (float32 header fields) round-trips exactly.
        var grid = Grid(nx: 3, ny: 2, nz: 2, spacing: SIMD3(0.5, 0.75, 2.5), origin: SIMD3(-10.25, 3.5, 7))
        grid.direction = [-1, 0, 0, 0, -1, 0, 0, 0, 1]
        return Volume(grid: grid, voxels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 127])
    }

    @Test(arguments: datatypes, [1, 2])
    func roundTrip(datatype: String, version: Int) throws {
        let v = Self.sample()
        for suffix in [".nii", ".nii.gz"] {
            let path = try temporaryPath("rt-\(datatype)-v\(version)\(suffix)")
            try NIfTIFile.write(v, to: path, datatype: datatype, version: version)
            let back = try NIfTIFile.read(path: path)
            #expect(back.voxels == v.voxels)
            #expect(back.grid == v.grid)
            #expect(back.voxelDigest == v.voxelDigest)
            let header = try NIfTIFile.readHeader(path: path)
            #expect(header.version == version && header.datatype == datatype)
            #expect(header.sformCode == 1 && header.qformCode == 1)
        }
    }

    @Test func version2KeepsDoubleGeometryExactly() throws {
        var grid = Grid(nx: 2, ny: 2, nz: 1, spacing: SIMD3(0.1, 1.0 / 3.0, 2), origin: SIMD3(0.3, -0.7, 1e-9))
        grid.direction = [0, 1, 0, 1, 0, 0, 0, 0, -1]
        let v = Volume(grid: grid, voxels: [0.1, -2.5e-300, .pi, 1e300])
        let path = try temporaryPath("exact.nii.gz")
        try NIfTIFile.write(v, to: path, datatype: "float64", version: 2)
        let back = try NIfTIFile.read(path: path)
        #expect(back.voxels == v.voxels)
        #expect(back.grid == v.grid)
        #expect(back.voxelDigest == v.voxelDigest)
    }

    @Test func obliqueGridRoundTrips() throws {
        var grid = Grid(nx: 2, ny: 2, nz: 2, spacing: SIMD3(1, 2, 3))
        let c = 0.6, s = 0.8
        grid.direction = [c, -s, 0, s, c, 0, 0, 0, 1]
        let v = Volume(grid: grid, voxels: (0..<8).map(Double.init))
        let path = try temporaryPath("oblique.nii")
        try NIfTIFile.write(v, to: path, datatype: "float64", version: 2)
        let back = try NIfTIFile.read(path: path).grid
        for k in 0..<9 { #expect(abs(back.direction[k] - grid.direction[k]) < 1e-12) }
        #expect(abs(back.spacing.y - 2) < 1e-12)
    }

    @Test func digestIgnoresEncodingButSeesGeometryAndValues() throws {
        let v = Self.sample()
        let a = try temporaryPath("a.nii")
        let b = try temporaryPath("b.nii.gz")
        try NIfTIFile.write(v, to: a, datatype: "int16", version: 1)
        try NIfTIFile.write(v, to: b, datatype: "float64", version: 2)
        #expect(try NIfTIFile.voxelDigest(path: a) == NIfTIFile.voxelDigest(path: b))
        var moved = v
        moved.grid.origin.x += 1
        #expect(moved.voxelDigest != v.voxelDigest)
        var changed = v
        changed.voxels[0] = 0.5
        #expect(changed.voxelDigest != v.voxelDigest)
        var negativeZero = v
        negativeZero.voxels[0] = -0.0
        #expect(negativeZero.voxelDigest == v.voxelDigest)
        let mask = Mask(grid: v.grid, voxels: v.voxels.map { $0 > 3 })
        #expect(mask.voxelDigest != v.voxelDigest)
    }

    @Test func digestIsPinned() {
        // Pins the documented canonical form: changing it must be a deliberate, versioned decision.
        let v = Volume(grid: Grid(nx: 1, ny: 1, nz: 2, spacing: SIMD3(1, 1, 1)), voxels: [1, -0.0])
        let header = #"radvault-voxels-v1\#n{"dimensions":[1,1,2],"direction":[1.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,1.0],"#
        let expectedHeader = header + #""kind":"volume","origin":[0.0,0.0,0.0],"spacing":[1.0,1.0,1.0]}\#n"#
        #expect(VoxelDigest.header(v.grid, kind: "volume") == Array(expectedHeader.utf8))
        var bytes = Array(expectedHeader.utf8)
        bytes += [0, 0, 0, 0, 0, 0, 0xF0, 0x3F] + [UInt8](repeating: 0, count: 8)
        #expect(v.voxelDigest == Digest.of(bytes))
    }
}
