import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Imaging

/// Path of a fixture copied into the test bundle.
func fixture(_ relative: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw RadVaultError.notFound("Fixtures folder missing from the test bundle")
    }
    return url.appendingPathComponent(relative).path
}

/// A fresh temporary file path with the given name.
func temporaryPath(_ name: String) throws -> String {
    try TestSupport.temporaryDirectory("imaging").appendingPathComponent(name).path
}

@Suite struct NIfTIReadTests {
    @Test(arguments: [(1, false), (1, true), (2, false), (2, true)])
    func handBuiltInt16WithScaling(version: Int, gzip: Bool) throws {
        var b = NIfTIBuilder()
        b.version = version
        b.datatype = 4
        b.bitpix = 16
        b.pixdim = [1, 0.5, 0.75, 2, 1, 1, 1, 1]
        b.sclSlope = 2
        b.sclInter = -10
        b.data = int16Bytes([0, 1, -1, 100, 32767, -32768, 7, 8])
        let path = try temporaryPath(gzip ? "a.nii.gz" : "a.nii")
        try b.write(to: URL(fileURLWithPath: path), gzip: gzip)
        let v = try NIfTIFile.read(path: path)
        #expect(v.voxels == [-10, -8, -12, 190, 65524, -65546, 4, 6])
        #expect(v.grid.dimensions == [2, 2, 2])
        #expect(v.grid.spacing == SIMD3(0.5, 0.75, 2))
        let h = try NIfTIFile.readHeader(path: path)
        #expect(h.version == version)
        #expect(h.datatype == "int16")
        #expect(h.dimensions == [2, 2, 2])
        #expect(h.sclSlope == 2 && h.sclInter == -10)
        #expect(h.affine == [0.5, 0, 0, 0, 0, 0.75, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1])
    }

    @Test func bigEndianFileIsDecoded() throws {
        var b = NIfTIBuilder()
        b.bigEndian = true
        b.data = [Float(1.5), -2, 3, 4, 5, 6, 7, 8].flatMap { v in
            (0..<4).reversed().map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) }
        }
        let path = try temporaryPath("be.nii")
        try b.write(to: URL(fileURLWithPath: path))
        #expect(try NIfTIFile.read(path: path).voxels == [1.5, -2, 3, 4, 5, 6, 7, 8])
    }

    @Test func sformTakesPrecedenceOverQform() throws {
        var b = NIfTIBuilder()
        b.data = float32Bytes([Float](repeating: 0, count: 8))
        b.qformCode = 1
        b.qoffset = [5, 6, 7]
        b.sformCode = 2
        b.srow = [-2, 0, 0, 10, 0, 3, 0, 20, 0, 0, 4, 30]
        let path = try temporaryPath("s.nii")
        try b.write(to: URL(fileURLWithPath: path))
        let g = try NIfTIFile.read(path: path).grid
        #expect(g.origin == SIMD3(10, 20, 30))
        #expect(g.spacing == SIMD3(2, 3, 4))
        #expect(g.direction == [-1, 0, 0, 0, 1, 0, 0, 0, 1])
        b.sformCode = 0
        try b.write(to: URL(fileURLWithPath: path))
        let q = try NIfTIFile.read(path: path).grid
        #expect(q.origin == SIMD3(5, 6, 7))
        #expect(q.direction == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    }

    @Test func qformRotationAndQfacGiveDirection() throws {
        var b = NIfTIBuilder()
        b.data = float32Bytes([Float](repeating: 0, count: 8))
        b.qformCode = 1
        b.quatern = [0, 0, 1]  // 180° about z: x → -x, y → -y
        b.pixdim[0] = -1  // qfac flips z
        let path = try temporaryPath("q.nii")
        try b.write(to: URL(fileURLWithPath: path))
        let g = try NIfTIFile.read(path: path).grid
        #expect(g.direction == [-1, 0, 0, 0, -1, 0, 0, 0, -1])
    }

    @Test func obliqueSformIsSupportedAndKept() throws {
        var b = NIfTIBuilder()
        b.data = float32Bytes([Float](repeating: 1, count: 8))
        b.sformCode = 1
        let c = Float(0.6), s = Float(0.8)
        b.srow = [Double(c), Double(-s), 0, 0, Double(s), Double(c), 0, 0, 0, 0, 1, 0]
        let path = try temporaryPath("oblique.nii")
        try b.write(to: URL(fileURLWithPath: path))
        let g = try NIfTIFile.read(path: path).grid
        #expect(g.isOblique)
        #expect(abs(g.direction[1] + Double(s)) < 1e-7)
        #expect(abs(g.spacing.x - 1) < 1e-7)
    }

    @Test func fourDimensionalFileNeedsAVolumeIndex() throws {
        var b = NIfTIBuilder()
        b.dims = [4, 2, 2, 2, 3, 1, 1, 1]
        b.data = float32Bytes((0..<24).map(Float.init))
        let path = try temporaryPath("series.nii")
        try b.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: RadVaultError.self) { try NIfTIFile.read(path: path) }
        #expect(error?.message == "series.nii: the image is 4-D with 3 volumes, expected a volume index 0...2")
        #expect(try NIfTIFile.read(path: path, volumeIndex: 2).voxels == (16..<24).map(Double.init))
        let bad = #expect(throws: RadVaultError.self) { try NIfTIFile.read(path: path, volumeIndex: 3) }
        #expect(bad?.message == "series.nii: volume index 3 is out of range, expected 0...2")
        #expect(try NIfTIFile.readHeader(path: path).dimensions == [2, 2, 2, 3])
    }

    @Test func ibsiDigitalPhantomReads() throws {
        let image = try NIfTIFile.read(path: fixture("digital_phantom/image.nii.gz"))
        let mask = try NIfTIFile.readMask(path: fixture("digital_phantom/mask.nii.gz"))
        #expect(image.grid.dimensions == [5, 4, 4])
        #expect(image.grid.spacing == SIMD3(2, 2, 2))
        #expect(mask.grid.dimensions == [5, 4, 4])
        // IBSI-1 manual, digital phantom: 74 voxels in the ROI, grey levels 1...6.
        #expect(mask.count == 74)
        let inside = zip(image.voxels, mask.voxels).filter(\.1).map(\.0)
        #expect(Set(inside) == [1, 3, 4, 6])
    }

    @Test func maskLabelsSelectAndAbsentLabelIsNamed() throws {
        var b = NIfTIBuilder()
        b.datatype = 2
        b.bitpix = 8
        b.data = [0, 1, 2, 2, 0, 0, 1, 0]
        let path = try temporaryPath("labels.nii")
        try b.write(to: URL(fileURLWithPath: path))
        #expect(
            try NIfTIFile.readMask(path: path, label: 2).voxels == [
                false, false, true, true, false, false, false, false,
            ])
        #expect(try NIfTIFile.readMask(path: path).count == 4)
        let error = #expect(throws: RadVaultError.self) { try NIfTIFile.readMask(path: path, label: 3) }
        #expect(error?.message == "labels.nii: label 3 is absent, expected one of the labels present: 1, 2")
    }
}

@Test func nonFiniteScalingMeansNoScalingAndEncodes() throws {
    var b = NIfTIBuilder()
    b.data = float32Bytes([1, 2, 3, 4, 5, 6, 7, 8])
    b.sclSlope = .nan
    b.sclInter = 5
    let path = try temporaryPath("nanslope.nii")
    try b.write(to: URL(fileURLWithPath: path))
    #expect(try NIfTIFile.read(path: path).voxels == [1, 2, 3, 4, 5, 6, 7, 8])
    let header = try NIfTIFile.readHeader(path: path)
    #expect(header.sclSlope == 0)
    let decoded = try JSONDecoder().decode(NIfTIHeaderInfo.self, from: JSONEncoder().encode(header))
    #expect(decoded == header)
}
