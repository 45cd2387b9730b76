import Foundation
import PackagePlugin

/// Stamps the `radvault` executable with the git commit of the source tree being built (the
/// environment fingerprint of every run records it), by running `radvault-build-stamp` as a
/// build command.
///
/// Why a build step: reading `.git` when a run is recorded (as before) gave the source tree's
/// HEAD at that moment, not the binary's commit, and `unknown` in a git worktree or for a binary
/// moved elsewhere. The command's inputs are the files that name the commit (HEAD, the branch's
/// ref, packed-refs), so the build reruns it exactly when the commit changes.
@main
struct BuildStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "radvault-build-stamp")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildStamp.swift")
        let (gitFolder, common) = Self.gitFolders(context.package.directoryURL)
        var inputs = [gitFolder.appending(path: "HEAD"), common.appending(path: "packed-refs")]
        if let head = try? String(contentsOf: gitFolder.appending(path: "HEAD"), encoding: .utf8),
            head.hasPrefix("ref: ")
        {
            let ref = head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            inputs += [gitFolder.appending(path: ref), common.appending(path: ref)]
        }
        return [
            .buildCommand(
                displayName: "Stamping the git commit into \(target.name)", executable: tool.url,
                arguments: [gitFolder.path, common.path, output.path],
                inputFiles: inputs.filter { FileManager.default.fileExists(atPath: $0.path) }, outputFiles: [output])
        ]
    }

    /// The git folder (`.git`, or the folder a worktree's `.git` file names) and the common
    /// folder that holds the refs (the same, except in a worktree: its `commondir`).
    static func gitFolders(_ root: URL) -> (gitFolder: URL, common: URL) {
        func line(_ url: URL) -> String? {
            (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var gitFolder = root.appending(path: ".git")
        if let link = line(gitFolder), link.hasPrefix("gitdir: ") {
            gitFolder = URL(fileURLWithPath: String(link.dropFirst(8)), relativeTo: root).standardizedFileURL
        }
        guard let relative = line(gitFolder.appending(path: "commondir")) else { return (gitFolder, gitFolder) }
        return (gitFolder, URL(fileURLWithPath: relative, relativeTo: gitFolder).standardizedFileURL)
    }
}
