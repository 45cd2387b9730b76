import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// Every texture feature of the IBSI-1 digital phantom, for every aggregation, against the
/// reference values (tolerance 0 after rounding to 3 significant digits).
@Suite struct TextureDigitalPhantomTests {
    static let rows = IBSIReferenceRow.textureRows(phantom: "digital")
    static let textureFamilies: [FeatureFamily] = [.glcm, .glrlm, .glszm, .gldzm, .ngtdm, .ngldm]

    /// All computed values, keyed by family / IBSI code / aggregation.
    static let computed: [String: Double] = {
        var out: [String: Double] = [:]
        for family in textureFamilies {
            guard
                let values = try? TextureFeatures.compute(
                    family: family, roi: DigitalPhantom.roi, aggregations: Aggregation.methods(for: family),
                    settings: TextureSettings())
            else { continue }
            for v in values { out["\(family.rawValue)/\(v.ibsiID)/\(v.aggregation?.rawValue ?? "")"] = v.value }
        }
        return out
    }()

    @Test func referenceFileHasEveryDigitalTextureRow() {
        // 150 + 96 + 48 + 48 + 15 + 51 rows (Resources/ibsi/README.md, "Row counts").
        #expect(Self.rows.count == 408)
    }

    @Test(arguments: rows)
    func matchesReference(_ row: IBSIReferenceRow) {
        let got = Self.computed["\(row.family.rawValue)/\(row.ibsiCode)/\(row.aggregation.rawValue)"]
        #expect(got != nil, "no value computed for \(row)")
        if let got { #expect(row.matches(got), "\(row): expected \(row.value), got \(got)") }
    }

    @Test(arguments: textureFamilies)
    func registryAndReferenceCoverEachOther(_ family: FeatureFamily) {
        let defs = TextureFeatures.definitions(for: family)
        let rowKeys = Set(Self.rows.filter { $0.family == family }.map { "\($0.ibsiCode)|\($0.feature)" })
        let defKeys = Set(defs.map { "\($0.ibsiID)|\($0.name)" })
        #expect(rowKeys == defKeys)
        let aggregations = Set(Self.rows.filter { $0.family == family }.map(\.aggregation))
        #expect(aggregations == Set(Aggregation.methods(for: family)))
    }

    @Test(arguments: textureFamilies)
    func registryRowsAreDocumentedAndUnique(_ family: FeatureFamily) {
        let defs = TextureFeatures.definitions(for: family)
        #expect(Set(defs.map(\.tag)).count == defs.count)
        for d in defs {
            #expect(d.family == family)
            #expect(d.doc.count > 20 && d.doc.contains(d.ibsiID), "\(d.tag) doc")
            #expect(d.ibsiID.count == 4)
        }
    }
}
