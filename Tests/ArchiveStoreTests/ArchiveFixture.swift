import Foundation
import RadVaultCore
import RadVaultTestSupport

@testable import ArchiveStore

/// A fresh archive in a temporary folder, removed at deinit.
final class ArchiveFixture {
    let folder: URL
    let archive: Archive

    init(agent: String = "tester") throws {
        folder = try TestSupport.temporaryDirectory("radvault-archive")
        archive = try Archive.create(at: folder.appendingPathComponent("archive").path, agent: agent)
    }

    /// Removes the folder; retried because an archive opened from it in the same test (e.g. by
    /// `Archive.openBundle`) may close its SQLite files while the removal walks the folder.
    deinit {
        for _ in 0..<5 where FileManager.default.fileExists(atPath: folder.path) {
            if (try? FileManager.default.removeItem(at: folder)) == nil { usleep(20_000) }
        }
    }

    var sqliteCatalog: SQLiteCatalog? { archive.catalog as? SQLiteCatalog }

    /// Writes a file in the fixture folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A synthetic image grid: `dimensions` with unit spacing, the affine shifted by `shift`.
    static func grid(_ dimensions: [Int], shift: Double = 0) -> ImageMetadata {
        let affine: [Double] = [1, 0, 0, shift, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
        return ImageMetadata(
            dimensions: dimensions, spacing: [1, 1, 1], datatype: "int16", qformCode: 1, sformCode: 1,
            qform: affine, sform: affine, affine: affine, voxelDigest: Digest.of(Array("\(dimensions)".utf8)))
    }
}
