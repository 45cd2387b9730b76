import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `radvault export` to a path it cannot write: a RadVault error naming the path, exit 2.
@Suite struct CLIExportTargetTests {
    @Test func unwritableTargetsAreNamed() throws {
        let f = try CLIFixture()
        let out = f.folder.appendingPathComponent("absent/prov.json").path
        let prov = try f.run(["export", "prov", "--out", out])
        #expect(prov.status == 2)
        #expect(
            prov.stderr.hasPrefix(
                "error: export prov --out \(out): cannot write the file; expected a writable path in an existing folder"
            ),
            "\(prov.stderr)")
        let file = try f.file("taken", Array("x".utf8))
        let crate = try f.run(["export", "ro-crate", file])
        #expect(crate.status == 2)
        #expect(
            crate.stderr
                == "error: crate directory '\(file)': exists and is a file, expected an absent or empty folder\n",
            "\(crate.stderr)")
    }
}
