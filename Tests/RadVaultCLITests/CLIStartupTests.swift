import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// What a command loads: OpenBLAS only when it multiplies matrices, libgit2 only when it reads git.
@Suite struct CLIStartupTests {
    #if os(Linux)
        /// glibc's loader lists every shared object it opens when `LD_DEBUG=files`.
        static func loadedLibraries(_ arguments: [String]) throws -> String {
            let result = try TestSupport.run(
                TestSupport.radvaultExecutable, arguments, environment: ["LD_DEBUG": "files"])
            return result.stderr
        }

        @Test func librariesAreLoadedOnlyByCommandsThatNeedThem() throws {
            let folder = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let archive = folder.appendingPathComponent("a").path
            #expect(try TestSupport.radvault(["init", archive]).status == 0)
            let version = try Self.loadedLibraries(["--version"])
            #expect(version.contains("file=libsqlite3"), "the loader log names the libraries it opens")
            for library in ["libopenblas", "liblapacke", "libgit2"] {
                #expect(!version.contains("file=\(library)"), "--version loaded \(library)")
            }
            let verify = try Self.loadedLibraries(["verify", "--archive", archive])
            #expect(verify.contains("file=libgit2"), "verify reads the manifests with libgit2")
            #expect(!verify.contains("file=libopenblas") && !verify.contains("file=liblapacke"))
        }
    #endif
}
