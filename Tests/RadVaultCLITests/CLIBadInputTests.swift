import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@Suite struct CLIBadInputTests {
    /// A bad scan file, how to build it, and what the error must say.
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let fileName: String
        let bytes: @Sendable () -> [UInt8]?
        let expected: String
    }

    static let cases: [Case] = [
        Case(
            description: "empty file", fileName: "empty.nii", bytes: { [] },
            expected: "empty file, expected a NIfTI file"),
        Case(
            description: "random bytes named .nii.gz", fileName: "random.nii.gz",
            bytes: {
                var g = SeededGenerator(seed: 7)
                return (0..<3000).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            }, expected: "header sizeof_hdr = "),
        Case(
            description: "truncated gzip", fileName: "truncated.nii.gz",
            bytes: {
                let full = TinyNIfTI.storedGzip(TinyNIfTI(dimensions: [8, 8, 8]).bytes())
                return Array(full.prefix(full.count / 2))
            }, expected: "voxel data could not be read (file truncated or compressed stream damaged)"),
        Case(
            description: "negative dimension", fileName: "negative.nii",
            bytes: { TinyNIfTI(dimensions: [4, -3, 2]).bytes() },
            expected: "header dim[2] = -3, expected a positive size"),
        Case(
            description: "absurd vox_offset", fileName: "offset.nii",
            bytes: {
                var image = TinyNIfTI(dimensions: [4, 3, 2])
                image.voxOffset = 1e9
                return image.bytes()
            }, expected: "expected at least 1000000048 (vox_offset 1000000000"),
    ]

    @Test(arguments: cases)
    func badScanIsRejectedWithoutCrash(_ c: Case) throws {
        let f = try CLIFixture()
        let path = try f.file(c.fileName, c.bytes() ?? [])
        let result = try f.run(["add", "scan", path, "--subject", "P1"])
        #expect(result.status == 2, "\(c): \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(c): \(result.stderr)")
        #expect(result.stderr.contains(path), "\(c): error must name the file: \(result.stderr)")
        #expect(result.stderr.contains(c.expected), "\(c): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try f.run(["ls", "--json"]).stdout == "[]\n")
    }

    @Test func missingPathAndDirectory() throws {
        let f = try CLIFixture()
        let missing = f.folder.appendingPathComponent("absent.nii.gz").path
        let a = try f.run(["add", "scan", missing, "--subject", "P1"])
        #expect(a.status == 2)
        #expect(a.stderr == "error: \(missing): no such file, expected a NIfTI file (.nii or .nii.gz)\n")
        let b = try f.run(["add", "params", f.folder.path])
        #expect(b.status == 2)
        #expect(b.stderr == "error: \(f.folder.path): is a directory, expected a regular file\n")
        let c = try f.run(["add", "genes", missing])
        #expect(c.status == 2)
        #expect(c.stderr.hasPrefix("error: \(missing): cannot open: no such file or folder"))
        let empty = try f.file("empty.csv", [])
        let d = try f.run(["add", "clinical", empty])
        #expect(d.stderr == "error: \(empty): empty file, expected the bytes of a clinical\n")
    }

    @Test func maskOffItsScansGrid() throws {
        let f = try CLIFixture()
        let scan = try TinyNIfTI(dimensions: [4, 3, 2]).write(to: f.folder.appendingPathComponent("ct.nii"))
        var shifted = TinyNIfTI(dimensions: [4, 3, 2])
        shifted.origin = [0, 0, 0.5]
        let maskPath = try shifted.write(to: f.folder.appendingPathComponent("gtv.nii"))
        let wrongSize = try TinyNIfTI(dimensions: [5, 3, 2]).write(to: f.folder.appendingPathComponent("big.nii"))
        #expect(try f.run(["add", "scan", scan, "--subject", "P1"]).status == 0)
        let result = try f.run(["add", "mask", maskPath, "--subject", "P1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(maskPath): mask is not on its scan's grid, expected the same dimensions"))
        #expect(result.stderr.contains("mask: dimensions 4x3x2, affine [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0.5]"))
        #expect(result.stderr.contains("dimensions 4x3x2, affine [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]"))
        let other = try f.run(["add", "mask", wrongSize, "--subject", "P1"])
        #expect(other.stderr.contains("mask: dimensions 5x3x2"))
        #expect(try CLIFixture.json(try f.run(["ls", "--json"]).stdout).arrayValue?.count == 1)
    }

    @Test func sameFileTwiceIsOneArtifact() throws {
        let f = try CLIFixture()
        let path = try f.file("genes.tsv", Array("gene\tP1\nTP53\t1.5\n".utf8))
        let first = try f.run(["add", "genes", path])
        let second = try f.run(["add", "genes", path])
        #expect(first.status == 0 && second.status == 0)
        #expect(CLIFixture.lastLine(first.stdout) == CLIFixture.lastLine(second.stdout))
        #expect(try CLIFixture.json(try f.run(["ls", "--json"]).stdout).arrayValue?.count == 1)
        let blobs = f.archive.appendingPathComponent("objects/sha256")
        #expect(try FileManager.default.contentsOfDirectory(atPath: blobs.path).count == 1)
    }

    @Test func unknownAndMalformedDigests() throws {
        let f = try CLIFixture()
        let unknown = try f.run(["show", "deadbeef00"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: digest 'deadbeef00': no artifact in this archive starts with it\n")
        let short = try f.run(["cat", "abc"])
        #expect(short.status == 2)
        #expect(short.stderr.contains("digest prefix 'abc': expected at least 8 hex digits"))
        let kind = try f.run(["ls", "--kind", "photo"])
        #expect(kind.stderr.hasPrefix("error: artifact kind 'photo': expected one of scan, mask, params"))
    }

    @Test func verifyReportsAChangedByte() throws {
        let f = try CLIFixture()
        let path = try f.file("p.json", Array("{\"bin_width\":25}".utf8))
        let digest = CLIFixture.lastLine(try f.run(["add", "params", path]).stdout)
        let blob = f.archive.appendingPathComponent(
            "objects/sha256/\(digest.dropFirst(7).prefix(2))/\(digest.dropFirst(9))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: blob.path)
        try Data("{\"bin_width\":26}".utf8).write(to: blob)
        let result = try f.run(["verify", "--json"])
        #expect(result.status == 1)
        let report = try CLIFixture.json(result.stdout)
        #expect(report["ok"] == .bool(false))
        #expect(report["problems"]?.arrayValue?.first?["kind"] == .string("digest-mismatch"))
        #expect(report["problems"]?.arrayValue?.first?["object"] == .string(digest))
        let text = try f.run(["verify"])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("digest-mismatch  \(digest)  blob bytes hash to"))
    }
}
