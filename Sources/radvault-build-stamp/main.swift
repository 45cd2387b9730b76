// radvault-build-stamp GIT_FOLDER COMMON_FOLDER OUTPUT
//
// Writes OUTPUT, a Swift file for the radvault executable: `enum BuildStamp { static let gitCommit = "…" }`,
// the commit HEAD names in GIT_FOLDER (refs looked up there, then in COMMON_FOLDER and its
// packed-refs), or "unknown" without a git checkout. Run by the BuildStamp plugin at build time.
// The file is rewritten only when its text changes, so an unchanged commit recompiles nothing.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: radvault-build-stamp GIT_FOLDER COMMON_FOLDER OUTPUT\n".utf8))
    exit(2)
}
let gitFolder = URL(fileURLWithPath: arguments[1])
let common = URL(fileURLWithPath: arguments[2])
let output = URL(fileURLWithPath: arguments[3])

func line(_ url: URL) -> String? {
    (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The commit HEAD names, as git resolves it (loose ref first, then packed-refs).
func headCommit() -> String? {
    guard let head = line(gitFolder.appendingPathComponent("HEAD")) else { return nil }
    guard head.hasPrefix("ref: ") else { return head }
    let ref = String(head.dropFirst(5))
    for folder in [gitFolder, common] {
        if let id = line(folder.appendingPathComponent(ref)) { return id }
    }
    let packed = line(common.appendingPathComponent("packed-refs")) ?? ""
    return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix { $0 != " " }) }
}

// Only an object id (SHA-1 or SHA-256 hex) goes into the source file.
let id = headCommit()?.lowercased() ?? ""
let isObjectID = (id.count == 40 || id.count == 64) && id.allSatisfy { "0123456789abcdef".contains($0) }
let text = """
    // Generated at build time by radvault-build-stamp (Plugins/BuildStamp); not in git.
    enum BuildStamp {
        /// The git commit this binary was built from, or "unknown".
        static let gitCommit = "\(isObjectID ? id : "unknown")"
    }

    """
if line(output).map({ $0 + "\n" }) != text {
    do {
        try Data(text.utf8).write(to: output, options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("radvault-build-stamp: cannot write \(output.path): \(error)\n".utf8))
        exit(1)
    }
}
