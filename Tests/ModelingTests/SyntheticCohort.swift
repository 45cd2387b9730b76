import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// The seeded synthetic radiomics-like cohort of the fixtures.
enum SyntheticCohort {
    static func features() throws -> FeatureTable {
        try FeatureTable.importDelimited(Fixture.text("synthetic_features.csv"), source: "synthetic_features.csv").table
    }

    static func clinical() throws -> ClinicalTable {
        try ClinicalTable.importDelimited(Fixture.text("synthetic_clinical.csv"), source: "synthetic_clinical.csv")
    }

    static func settings(_ yaml: String) throws -> ModelSettings {
        try ModelSettings.fromYAML(yaml, source: "test.yaml")
    }

    static let lassoLogisticYAML = """
        seed: 7
        selection:
          - method: nearZeroVariance
          - method: redundancy
            correlation: spearman
            threshold: 0.9
          - method: univariate
            test: mannWhitney
            fdr: 0.2
            maxFeatures: 20
        model:
          type: lassoLogistic
          lambdaRule: min
          folds: 5
        validation:
          scheme: holdout
          testFraction: 0.3
        clinicalCovariates: [age, stage]
        """

    static let lassoCoxYAML = """
        seed: 11
        selection:
          - method: nearZeroVariance
          - method: univariate
            test: cox
            fdr: 0.5
            maxFeatures: 12
        model:
          type: lassoCox
          lambdaRule: 1se
          folds: 5
          lambdaCount: 40
          lambdaMinRatio: 0.02
        validation:
          scheme: repeatedCV
          folds: 3
          repeats: 2
        """
}
