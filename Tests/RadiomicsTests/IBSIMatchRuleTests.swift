import Testing

@testable import Radiomics

/// The match rule must round exactly as Python's `round` (exact binary ties to even).
struct IBSIMatchRuleTests {
    @Test(arguments: [
        (1.125, 1.12), (1.375, 1.38), (88.75, 88.8), (12345.0, 12300.0), (-2.475, -2.48), (2.675, 2.67),
        (0.000152049, 0.000152),
        (3.5849e5, 3.58e5), (0.0, 0.0), (-0.355, -0.355), (999.7, 1000.0),
    ])
    func roundsLikePython(value: Double, expected: Double) {
        #expect(IBSIMatchRule.round3(value) == expected)
    }

    @Test func toleranceUsesMachineEpsilon() {
        #expect(IBSIMatchRule.matches(13.44, reference: 13.4, tolerance: 0))
        #expect(!IBSIMatchRule.matches(13.46, reference: 13.4, tolerance: 0))
        #expect(IBSIMatchRule.matches(14.5, reference: 13.4, tolerance: 1.1))
        #expect(!IBSIMatchRule.matches(14.6, reference: 13.4, tolerance: 1.1))
        #expect(!IBSIMatchRule.matches(.nan, reference: 0, tolerance: 1))
    }

    @Test func referenceDataIsBundled() throws {
        let rows = try IBSIReferenceData.rows()
        #expect(rows.count == 1803)
        #expect(rows.filter { $0.phantom == "digital" }.count == 482)
    }
}
