import ArchiveStore
import ArgumentParser
import Foundation

/// `radvault init [PATH]`: create an archive.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an archive (default: the current folder).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Folder for the new archive.") var path: String?

    func run() throws {
        let target = path ?? global.archive ?? FileManager.default.currentDirectoryPath
        let archive = try Archive.create(at: target)
        print("created archive \(archive.root.path)")
    }
}
