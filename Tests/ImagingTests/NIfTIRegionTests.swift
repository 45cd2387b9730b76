import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Imaging

/// Reading a box of a NIfTI volume (`NIfTIFile.read(path:low:high:)`) gives exactly the voxels
/// and sub-grid of reading the whole volume and cropping it.
@Suite struct NIfTIRegionTests {
    /// A 5 × 4 × 3 file with distinct values per voxel, an sform with an oblique direction and
    /// an offset origin, and the given datatype, byte order and scaling.
    static func file(
        datatype: Int, bitpix: Int, bigEndian: Bool, gzip: Bool, slope: Double = 0, name: String
    ) throws -> String {
        var b = NIfTIBuilder()
        b.dims = [3, 5, 4, 3, 1, 1, 1, 1]
        b.datatype = datatype
        b.bitpix = bitpix
        b.bigEndian = bigEndian
        b.sclSlope = slope
        b.sclInter = slope == 0 ? 0 : 3
        b.sformCode = 1
        b.srow = [0, -1.5, 0, 10.25, 2, 0, 0, -7.5, 0, 0, 3, 1]
        let values = (0..<60).map { $0 * 7 % 60 - 20 }
        b.data = values.flatMap { v -> [UInt8] in
            let bytes: [UInt8] =
                datatype == 16
                ? float32Bytes([Float(v) + 0.25]) : int16Bytes([Int16(v)])
            return bigEndian ? bytes.reversed() : bytes
        }
        let path = try temporaryPath(name + (gzip ? ".nii.gz" : ".nii"))
        try b.write(to: URL(fileURLWithPath: path), gzip: gzip)
        return path
    }

    static func crop(_ volume: Volume, low: [Int], high: [Int]) -> [Double] {
        var out: [Double] = []
        for z in low[2]...high[2] {
            for y in low[1]...high[1] {
                for x in low[0]...high[0] { out.append(volume[x, y, z]) }
            }
        }
        return out
    }

    @Test(arguments: [(16, false, false), (16, true, true), (4, false, true), (4, true, false)])
    func boxEqualsWholeVolumeCropped(datatype: Int, bigEndian: Bool, gzip: Bool) throws {
        let path = try Self.file(
            datatype: datatype, bitpix: datatype == 16 ? 32 : 16, bigEndian: bigEndian, gzip: gzip,
            slope: datatype == 4 ? 0.5 : 0, name: "box\(datatype)\(bigEndian)")
        let whole = try NIfTIFile.read(path: path)
        #expect(try NIfTIFile.readGrid(path: path) == whole.grid)
        let boxes = [
            ([1, 1, 1], [3, 2, 1]), ([0, 0, 0], [4, 3, 2]), ([2, 0, 1], [4, 3, 2]), ([4, 3, 0], [4, 3, 0]),
        ]
        for (low, high) in boxes {
            let box = try NIfTIFile.read(path: path, low: low, high: high)
            #expect(box.voxels.map(\.bitPattern) == Self.crop(whole, low: low, high: high).map(\.bitPattern))
            #expect(box.grid == whole.grid.cropped(low: low, high: high))
        }
        // Voxel axes x, y, z point along world y, -x, z with spacing 2, 1.5, 3 (the sform above).
        #expect(whole.grid.cropped(low: [1, 2, 1], high: [1, 2, 1]).origin == SIMD3(7.25, -5.5, 4))
    }

    @Test func boxOutsideTheImageIsRefused() throws {
        let path = try Self.file(datatype: 16, bitpix: 32, bigEndian: false, gzip: false, name: "outside")
        #expect {
            try NIfTIFile.read(path: path, low: [0, 0, 0], high: [5, 3, 2])
        } throws: { error in
            "\(error)".contains(
                "outside.nii: box [0, 0, 0]...[5, 3, 2] is outside the image, expected 0 <= low <= high < [5, 4, 3]")
        }
    }

    @Test func truncationBeforeTheBoxEndIsAnErrorAfterItIsNotRead() throws {
        let path = try Self.file(datatype: 16, bitpix: 32, bigEndian: false, gzip: true, name: "whole")
        // The same header (3 slices) with only the first two slices of voxel data.
        var b = NIfTIBuilder()
        b.dims = [3, 5, 4, 3, 1, 1, 1, 1]
        b.data = float32Bytes((0..<40).map { Float($0 * 7 % 60 - 20) + 0.25 })
        let cut = try temporaryPath("cut-short.nii.gz")
        try b.write(to: URL(fileURLWithPath: cut), gzip: true)
        let box = try NIfTIFile.read(path: cut, low: [0, 0, 0], high: [4, 3, 1])
        #expect(box.voxels == Array(try NIfTIFile.read(path: path).voxels.prefix(40)))
        for high in [[4, 3, 2], [0, 0, 2]] {
            #expect {
                try NIfTIFile.read(path: cut, low: [0, 0, 0], high: high)
            } throws: { error in
                "\(error)".contains(
                    "cut-short.nii.gz: voxel data could not be read (file truncated or compressed stream damaged)")
            }
        }
        #expect {
            try NIfTIFile.readMask(path: cut)
        } throws: { error in
            "\(error)".contains("cut-short.nii.gz: voxel data could not be read")
        }
    }
}
