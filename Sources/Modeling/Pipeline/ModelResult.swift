/// Metrics of one cohort (binary or survival, by the outcome).
public struct CohortMetrics: Codable, Sendable, Equatable {
    public var subjects: [String]
    public var binary: BinaryMetrics?
    public var survival: SurvivalMetrics?
}

/// The λ path and its cross-validation curve, as data.
public struct LambdaCurve: Codable, Sendable, Equatable {
    public var lambdas: [Double]
    public var meanDeviance: [Double]
    public var standardError: [Double]
    public var nonzero: [Int]
    public var lambdaMin: Double
    public var lambda1SE: Double
}

/// Repeated k-fold estimate: the mean metric (AUC or C-index) of each repeat.
public struct RepeatedCVSummary: Codable, Sendable, Equatable {
    public var metric: String
    public var folds: Int
    public var repeats: Int
    public var perRepeat: [Double]
    public var mean: Double
    public var sd: Double
}

/// Everything a modelling run reports besides the model.
public struct ModelResult: Codable, Sendable, Equatable {
    public static let format = "radvault.model-result/1"
    public var format: String = ModelResult.format
    public var validationScheme: ValidationSpec.Scheme
    public var selection: [SelectionLog]
    public var lambdaCurve: LambdaCurve?
    /// Apparent performance on the training subjects.
    public var training: CohortMetrics
    /// Hold-out or external cohort.
    public var test: CohortMetrics?
    public var repeatedCV: RepeatedCVSummary?
    /// The combined clinical + radscore model on training and test subjects.
    public var combinedTraining: CohortMetrics?
    public var combinedTest: CohortMetrics?
    public var warnings: [String]
}
