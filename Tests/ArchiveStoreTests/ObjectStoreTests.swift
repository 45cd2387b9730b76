import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

@Suite struct ObjectStoreTests {
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    @Test(arguments: [1, 4096, (4 << 20) + 17, 9 << 20])
    func writeStreamsAndNamesByDigest(count: Int) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try LocalObjectStore(root: dir)
        let data = Self.bytes(count, seed: UInt64(count))
        let stored = try store.write(bytes: data)
        #expect(stored.digest == Digest.of(data))
        #expect(stored.size == Int64(count))
        #expect(stored.isNew)
        #expect(try store.readAll(stored.digest) == data)
        let path = store.location(of: stored.digest)
        #expect(path.hasSuffix("sha256/\(stored.digest.hex.prefix(2))/\(stored.digest.hex.dropFirst(2))"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o444)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test func sameBytesTwiceIsANoOp() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try LocalObjectStore(root: dir)
        let first = try store.write(bytes: Array("hello".utf8))
        let second = try store.write(bytes: Array("hello".utf8))
        #expect(first.isNew && !second.isNew)
        #expect(first.digest == second.digest)
        #expect(try store.allDigests() == [first.digest])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test func fileSourceErrorsNameTheFile() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope.csv").path
        #expect {
            _ = try FileByteSource(path: missing)
        } throws: { error in
            "\(error)".contains(missing) && "\(error)".contains("no such file")
        }
        #expect {
            _ = try FileByteSource(path: dir.path)
        } throws: { error in
            "\(error)" == "\(dir.path): is a directory, expected a regular file"
        }
    }

    @Test func missingBlobReaderIsNotFound() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try LocalObjectStore(root: dir)
        let digest = Digest.of(Array("absent".utf8))
        #expect {
            _ = try store.reader(for: digest)
        } throws: { error in
            (error as? RadVaultError)?.code == .notFound && "\(error)".contains(digest.description)
        }
    }
}
