import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// What a command loads at start: OpenBLAS only when a command multiplies matrices.
@Suite struct CLIStartupTests {
    #if os(Linux)
        /// glibc's loader lists every shared object it opens when `LD_DEBUG=files`.
        static func loadedLibraries(_ arguments: [String]) throws -> String {
            let result = try TestSupport.run(
                TestSupport.radvaultExecutable, arguments, environment: ["LD_DEBUG": "files"])
            return result.stderr
        }

        @Test func openBLASIsNotLoadedByCommandsThatDoNotNeedIt() throws {
            let folder = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let archive = folder.appendingPathComponent("a").path
            #expect(try TestSupport.radvault(["init", archive]).status == 0)
            for arguments in [["--version"], ["verify", "--archive", archive]] {
                let log = try Self.loadedLibraries(arguments)
                #expect(log.contains("file=libgit2"), "the loader log names the libraries it opens")
                #expect(!log.contains("libopenblas"), "\(arguments) loaded OpenBLAS")
                #expect(!log.contains("liblapacke"), "\(arguments) loaded LAPACKE")
            }
        }
    #endif
}
