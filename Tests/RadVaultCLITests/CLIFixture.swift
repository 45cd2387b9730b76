import Foundation
import RadVaultCore
import RadVaultTestSupport

/// A temporary folder with a fresh archive made by `radvault init`.
final class CLIFixture {
    let folder: URL
    let archive: URL

    init() throws {
        folder = try TestSupport.temporaryDirectory("radvault-cli")
        archive = folder.appendingPathComponent("archive")
        let result = try TestSupport.radvault(["init", archive.path])
        guard result.status == 0 else { throw RadVaultError.internalError("init failed: \(result.stderr)") }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Runs radvault against this archive.
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.radvault(arguments, archive: archive)
    }

    /// Writes bytes to a file in the fixture folder.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The last line of an output (where `add` prints the digest).
    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Parses JSON output.
    static func json(_ text: String) throws -> JSONValue { try CanonicalJSON.parse(Array(text.utf8)) }
}
