import Foundation
import RadVaultCore

/// A subject's radiomics score.
public struct SubjectScore: Codable, Sendable, Equatable {
    public var subject: String
    public var radscore: Double
}

/// A coefficient of the combined clinical + radscore model (a nomogram's content).
public struct CombinedTerm: Codable, Sendable, Equatable {
    public var name: String
    public var coefficient: Double
    public var standardError: Double
    public var pValue: Double
    /// exp(coefficient): odds ratio (logistic) or hazard ratio (Cox), with its 95% CI.
    public var ratio: Double
    public var ratioLower: Double
    public var ratioUpper: Double
}

/// The combined model: radscore plus clinical covariates, unpenalised.
public struct CombinedModel: Codable, Sendable, Equatable {
    /// Intercept (logistic only).
    public var intercept: Double?
    public var terms: [CombinedTerm]
}

/// A fitted radiomics model: everything needed to score new subjects, as canonical JSON.
///
/// radscore = intercept + Σⱼ coefficientⱼ · (xⱼ − meanⱼ) / sdⱼ, over the selected features.
/// For logistic models it is the log-odds; for Cox models the log relative hazard (intercept 0).
/// The JSON form (`FittedModel+Codable.swift`) keys each coefficient and scaler by feature name.
public struct FittedModel: Codable, Sendable, Equatable {
    public static let format = "radvault.model/2"
    /// The earlier form with parallel arrays, still accepted by `decode(canonical:)`.
    public static let legacyFormat = "radvault.model/1"
    public var format: String = FittedModel.format
    public var modelType: ModelSpec.Kind
    public var outcome: OutcomeSpec
    /// Features with a nonzero coefficient, in feature-table order.
    public var features: [String]
    /// Scaler fitted on the training subjects (mean and 1/n standard deviation).
    public var means: [Double]
    public var sds: [Double]
    /// Coefficients on the z-scored features.
    public var coefficients: [Double]
    public var intercept: Double
    /// The chosen λ (penalised models) and the rule that chose it.
    public var lambda: Double?
    public var lambdaRule: LambdaRule?
    public var seed: UInt64
    /// Median training radscore: the high/low risk-group cut-off.
    public var radscoreThreshold: Double
    public var combined: CombinedModel?

    /// Radscores of the subjects of a feature table (which must contain the model's features,
    /// finite for every subject).
    public func score(features table: FeatureTable) throws -> [SubjectScore] {
        let sub = try table.selecting(subjects: table.subjects, features: features)
        try sub.checkFinite(source: "features to score")
        return radscores(columns: sub.columns).enumerated().map {
            SubjectScore(subject: table.subjects[$0], radscore: $1)
        }
    }

    /// Radscores of raw feature columns in the order of `features`.
    func radscores(columns: [[Double]]) -> [Double] {
        let n = columns.first?.count ?? 0
        var eta = [Double](repeating: intercept, count: n)
        for j in features.indices where sds[j] > 0 {
            for i in 0..<n { eta[i] += coefficients[j] * (columns[j][i] - means[j]) / sds[j] }
        }
        return eta
    }

    /// Canonical JSON bytes.
    public func canonicalBytes() throws -> [UInt8] { try CanonicalJSON.bytes(self) }

    /// Decodes a model's canonical JSON (`radvault.model/2`, or the legacy `radvault.model/1`).
    public static func decode(canonical bytes: [UInt8]) throws -> FittedModel {
        let model: FittedModel
        do {
            model = try CanonicalJSON.decode(FittedModel.self, from: bytes)
        } catch {
            throw RadVaultError.invalidInput("model JSON: \(ModelSettings.describe(error))")
        }
        guard model.format == format else {
            throw RadVaultError.invalidInput("model JSON: format '\(model.format)', expected '\(format)'")
        }
        let k = model.features.count
        guard model.means.count == k, model.sds.count == k, model.coefficients.count == k else {
            throw RadVaultError.invalidInput("model JSON: features, means, sds and coefficients differ in length")
        }
        guard Set(model.features).count == k else {
            throw RadVaultError.invalidInput("model JSON: 'terms' names a feature twice; expected each feature once")
        }
        return model
    }
}
