/// The executors shipped with this build of RadVault.
///
/// `radvault extract`, `model`, `score`, `radiogenomics` and `ibsi check` run through these
/// same executors, and `radvault replay` looks recorded runs up here by (kind, version). Each
/// executor's issue adds its executor to `standard`.
extension ExecutorRegistry {
    /// Every executor this build can run.
    public static var standard: ExecutorRegistry {
        ExecutorRegistry(standardExecutors)
    }

    /// The list behind `standard`.
    static var standardExecutors: [any Executor] {
        [
            ExtractExecutor(), CohortFeaturesExecutor(), IBSICheckExecutor(), ModelExecutor(), ScoreExecutor(),
            RadiogenomicsExecutor(),
        ]
    }
}
