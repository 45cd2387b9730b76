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
            // verify reads the manifests' loose git objects itself, with libgit2 only where they do
            // not answer (here: a commit's object removed).
            let clinical = folder.appendingPathComponent("clinical.csv")
            try Data("subject,age\nP1,60\n".utf8).write(to: clinical)
            #expect(try TestSupport.radvault(["add", "clinical", clinical.path, "--archive", archive]).status == 0)
            #expect(try TestSupport.radvault(["commit", "-m", "one", "--archive", archive]).status == 0)
            let verify = try Self.loadedLibraries(["verify", "--archive", archive])
            for library in ["libopenblas", "liblapacke", "libgit2"] {
                #expect(!verify.contains("file=\(library)"), "verify loaded \(library)")
            }
            let objects = URL(fileURLWithPath: archive).appendingPathComponent("manifests/.git/objects")
            let commitFolder = try #require(
                FileManager.default.contentsOfDirectory(atPath: objects.path).first { $0.count == 2 })
            try FileManager.default.removeItem(at: objects.appendingPathComponent(commitFolder))
            let damaged = try Self.loadedLibraries(["verify", "--archive", archive])
            #expect(damaged.contains("file=libgit2"), "verify asks libgit2 when an object is missing")
        }
    #endif
}
