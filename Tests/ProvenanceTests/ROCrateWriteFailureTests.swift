import Foundation
import Provenance
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `export ro-crate` on a bad target or a damaged store: a clear error naming the file or
/// object, and nothing left behind — never a crate that states a checksum its file does not have.
struct ROCrateWriteFailureTests {
    /// A folder with the sample blobs, `edit` applied to them first.
    static func store(_ dir: URL, edit: (inout [Digest: String]) -> Void = { _ in }) throws -> URL {
        let store = dir.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        var blobs = SampleGraph.blobs
        edit(&blobs)
        for (d, text) in blobs { try Data(text.utf8).write(to: store.appendingPathComponent(d.hex)) }
        return store
    }

    @Test func aFileInTheWayIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("crate")
        try Data("x".utf8).write(to: file)
        let e = #expect(throws: RadVaultError.self) {
            try ROCrateExporter.write(SampleGraph.graph(), to: file, metadataOnly: true) { _ in file }
        }
        #expect(
            e?.message == "crate directory '\(file.path)': exists and is a file, expected an absent or empty folder")
    }

    @Test func aMissingObjectIsNamedAndNothingIsLeft() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir) { $0[SampleGraph.mask] = nil }
        let crate = dir.appendingPathComponent("crate")
        let e = #expect(throws: RadVaultError.self) {
            try ROCrateExporter.write(SampleGraph.graph(), to: crate, metadataOnly: false) {
                store.appendingPathComponent($0.hex)
            }
        }
        #expect(e?.code == .notFound)
        #expect(
            e?.message.hasPrefix("object \(SampleGraph.mask): no stored file at ") == true, "\(String(describing: e))")
        #expect(!FileManager.default.fileExists(atPath: crate.path))
    }

    @Test func aCorruptObjectIsRefusedAndTheEmptyFolderStaysEmpty() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir) { $0[SampleGraph.scan] = "scan bytes, altered" }
        let crate = dir.appendingPathComponent("crate")
        try FileManager.default.createDirectory(at: crate, withIntermediateDirectories: true)
        let e = #expect(throws: RadVaultError.self) {
            try ROCrateExporter.write(SampleGraph.graph(), to: crate, metadataOnly: false) {
                store.appendingPathComponent($0.hex)
            }
        }
        #expect(e?.code == .digestMismatch)
        #expect(e?.message.contains("object \(SampleGraph.scan): the stored bytes at ") == true)
        #expect(e?.message.contains("hash to \(Digest.of(string: "scan bytes, altered"))") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: crate.path).isEmpty)
    }
}
