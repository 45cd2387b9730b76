import Foundation
import Testing

@testable import Radiomics

/// Whether the tests were compiled without optimisation (the CT check runs in release only).
enum BuildMode {
    #if DEBUG
        static let isDebug = true
    #else
        static let isDebug = false
    #endif
}

/// The full IBSI-1 check (digital phantom and CT configurations A–E) with the standard
/// kernels. Runs in release builds (CI: `swift test -c release`); in debug it is skipped.
struct IBSICTPhantomTests {
    @Test(.enabled(if: !BuildMode.isDebug, "the CT check runs in release builds"))
    func allBenchmarksMatch() throws {
        let report = try IBSICheck.run()
        #expect(report.total == 1803)
        #expect(report.matched == report.total, "\(report.text)")
    }
}
