import Foundation
import RadVaultCore
import Testing

@testable import Imaging

/// Bad and hostile NIfTI files: each must give a RadVaultError naming file, field and expectation.
@Suite struct NIfTIErrorTests {
    static func valid() -> NIfTIBuilder {
        var b = NIfTIBuilder()
        b.data = float32Bytes([1, 2, 3, 4, 5, 6, 7, 8])
        return b
    }

    func message(_ b: NIfTIBuilder, name: String = "scan.nii", gzip: Bool = false) throws -> String? {
        let path = try temporaryPath(name)
        try b.write(to: URL(fileURLWithPath: path), gzip: gzip)
        let error = #expect(throws: RadVaultError.self) { try NIfTIFile.read(path: path) }
        return error?.message
    }

    @Test func negativeDimension() throws {
        var b = Self.valid()
        b.dims[1] = -3
        #expect(
            try message(b, name: "scan.nii.gz", gzip: true)
                == "scan.nii.gz: header dim[1] = -3, expected a positive size")
    }

    @Test func badSizeofHeader() throws {
        var b = Self.valid()
        b.sizeofOverride = 1234
        #expect(try message(b) == "scan.nii: header sizeof_hdr = 1234, expected 348 (NIfTI-1) or 540 (NIfTI-2)")
    }

    @Test func badMagic() throws {
        var b = Self.valid()
        b.magicOverride = Array("abc\0".utf8)
        #expect(try message(b) == "scan.nii: header magic = 'abc?', expected 'n+1'")
    }

    @Test func twoFilePairIsRefusedByName() throws {
        var b = Self.valid()
        b.magicOverride = Array("ni1\0".utf8)
        #expect(
            try message(b)
                == "scan.nii: header magic 'ni1' is a two-file NIfTI-1 pair (.hdr/.img); expected a single .nii file")
    }

    @Test(arguments: [0.0, -1.0, Double.nan])
    func badSpacing(value: Double) throws {
        var b = Self.valid()
        b.pixdim[2] = value
        let shown = Double(Float(value))
        #expect(try message(b) == "scan.nii: header pixdim[2] = \(shown), expected a positive finite voxel size")
    }

    @Test func complexDatatypeIsUnsupportedByName() throws {
        var b = Self.valid()
        b.datatype = 32
        #expect(
            try message(b)
                == "scan.nii: header datatype = 32 (complex64), expected a real scalar type "
                + "(uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64)")
    }

    @Test func unknownDatatype() throws {
        var b = Self.valid()
        b.datatype = 77
        #expect(try message(b) == "scan.nii: header datatype = 77, expected a NIfTI datatype code")
    }

    @Test func truncatedUncompressedData() throws {
        var b = Self.valid()
        b.data.removeLast(5)
        #expect(
            try message(b)
                == "scan.nii: file is 379 bytes, expected at least 384 (vox_offset 352 + 32 bytes of voxel data)")
    }

    @Test func truncatedCompressedData() throws {
        var b = Self.valid()
        b.data.removeLast(5)
        #expect(
            try message(b, name: "scan.nii.gz", gzip: true)
                == "scan.nii.gz: voxel data could not be read (file truncated or compressed stream damaged)")
    }

    @Test func tooManyVoxelsRefusedBeforeAllocating() throws {
        var b = Self.valid()
        b.version = 2
        b.dims = [3, 1 << 20, 1 << 20, 4, 1, 1, 1, 1]
        #expect(
            try message(b)
                == "scan.nii: header dimensions [1048576, 1048576, 4] exceed the limit of 2147483648 voxels")
    }

    @Test func shearedSformRefused() throws {
        var b = Self.valid()
        b.sformCode = 1
        b.srow = [1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]
        let text = try message(b)
        #expect(text?.hasPrefix("scan.nii: header sform is sheared (columns 1 and 2 have cosine") == true)
        #expect(text?.hasSuffix("expected orthogonal axes (an oblique rotation is supported, a shear is not)") == true)
    }

    @Test func gzipDataNamedNii() throws {
        #expect(
            try message(Self.valid(), gzip: true)
                == "scan.nii: the file is gzip-compressed, expected the name to end in .nii.gz")
    }

    @Test func emptyAndMissingFiles() throws {
        let path = try temporaryPath("empty.nii")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let empty = #expect(throws: RadVaultError.self) { try NIfTIFile.readHeader(path: path) }
        #expect(empty?.message == "empty.nii: header is 0 bytes, expected at least 348 (a truncated or empty file)")
        let missing = #expect(throws: RadVaultError.self) { try NIfTIFile.readHeader(path: "/nonexistent/x.nii") }
        #expect(missing?.message == "x.nii: no such file (/nonexistent/x.nii)")
        #expect(missing?.code == .notFound)
    }

    @Test func writeRefusesUnrepresentableValues() throws {
        let v = Volume(grid: Grid(nx: 2, ny: 1, nz: 1, spacing: SIMD3(1, 1, 1)), voxels: [1, 300])
        let path = try temporaryPath("out.nii")
        let error = #expect(throws: RadVaultError.self) { try NIfTIFile.write(v, to: path, datatype: "uint8") }
        #expect(
            error?.message == "out.nii: voxel 1 = 300.0 cannot be stored as uint8, expected whole values in 0.0...255.0"
        )
    }
}
