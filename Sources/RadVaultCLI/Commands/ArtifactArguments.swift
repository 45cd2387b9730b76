import ArchiveStore
import Foundation
import RadVaultCore

/// Resolves a command-line reference to an artifact: a path to an existing file is added to
/// the archive (as `kind`), anything else is a digest or unique digest prefix of an artifact
/// that must already be of `kind`.
enum ArtifactArgument {
    static func resolve(_ text: String, kind: ArtifactKind, in archive: Archive, option: String) throws -> Artifact {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw RadVaultError.invalidInput("\(option) \(text): is a directory; expected a file or a digest")
            }
            return try archive.put(file: text, kind: kind)
        }
        let artifact: Artifact
        do {
            artifact = try archive.artifact(text)
        } catch let error as RadVaultError where error.code == .invalidInput || error.code == .notFound {
            throw RadVaultError(
                error.code,
                "\(option) \(text): no such file, and not a known artifact digest (\(error.message))")
        }
        guard artifact.kind == kind else {
            throw RadVaultError.invalidInput(
                "\(option) \(text): artifact \(artifact.digest) is a \(artifact.kind.rawValue); expected a \(kind.rawValue)"
            )
        }
        return artifact
    }
}
