import Foundation
import Testing

@testable import Radiomics

/// Two-way coverage between the feature registry and the IBSI-1 reference values.
struct FeatureCatalogCoverageTests {
    /// Features the IBSI-1 manual defines without reference values ("should not be used"):
    /// OMBB and MVEE volume/area densities and the IVH area under the curve.
    static let withoutReference: Set<String> = ["ZH1A", "IQYR", "SWZ1", "BRI8", "9CMM"]

    @Test func everyReferenceRowHasADefinition() throws {
        let catalog = Set(FeatureCatalog.all.map { "\($0.family.rawValue)|\($0.name)|\($0.ibsiID)" })
        let missing = Set(try IBSIReferenceData.rows().map { "\($0.family.rawValue)|\($0.feature)|\($0.ibsiCode)" })
            .subtracting(catalog)
        #expect(missing.isEmpty, "reference rows without a definition: \(missing.sorted())")
    }

    @Test func everyDefinitionHasAReferenceRow() throws {
        let rows = Set(try IBSIReferenceData.rows().map { "\($0.family.rawValue)|\($0.feature)" })
        let unmatched = FeatureCatalog.all.filter {
            !rows.contains("\($0.family.rawValue)|\($0.name)") && !Self.withoutReference.contains($0.ibsiID)
        }
        #expect(unmatched.isEmpty, "definitions without reference rows: \(unmatched.map { "\($0.family) \($0.name)" })")
    }

    @Test func tagsAreUniqueAndDocsPresent() {
        let all = FeatureCatalog.all
        for family in FeatureFamily.allCases {
            let tags = all.filter { $0.family == family }.map(\.tag)
            #expect(!tags.isEmpty, "\(family) has no definitions")
            #expect(Set(tags).count == tags.count, "\(family) has duplicate tags")
        }
        for d in all { #expect(!d.doc.isEmpty, "\(d.family) \(d.tag) has no doc") }
    }
}
