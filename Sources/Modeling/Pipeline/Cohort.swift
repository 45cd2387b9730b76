import RadVaultCore

/// Features, outcome and covariates of the subjects present in both tables, checked.
struct Cohort: Sendable {
    var subjects: [String]
    var featureNames: [String]
    /// columns[j][i]
    var columns: [[Double]]
    var outcome: OutcomeValues
    /// covariates[c][i], in the order of the settings' `clinicalCovariates`.
    var covariates: [[Double]]

    /// Aligns the two tables on subject ID (feature-table order) and validates the values.
    static func make(
        features: FeatureTable, clinical: ClinicalTable, outcome spec: OutcomeSpec, covariates: [String],
        allowPartial: Bool, role: String, warnings: inout [String]
    ) throws -> Cohort {
        let outcomeColumns: [Double]
        var eventColumn: [Double] = []
        switch spec {
        case .binary(let column): outcomeColumns = try clinical.column(column, role: "outcome")
        case .survival(let time, let event):
            outcomeColumns = try clinical.column(time, role: "time")
            eventColumn = try clinical.column(event, role: "event")
        }
        let covariateColumns = try covariates.map { try clinical.column($0, role: "covariate") }
        let subjects = try alignedSubjects(
            features, clinical, allowPartial: allowPartial, role: role, warnings: &warnings)
        let table = try features.selecting(subjects: subjects)
        try table.checkFinite(source: "\(role) features")
        let row = Dictionary(uniqueKeysWithValues: clinical.subjects.enumerated().map { ($1, $0) })
        let rows = subjects.compactMap { row[$0] }
        let values: OutcomeValues
        switch spec {
        case .binary(let column):
            values = .binary(try check(rows.map { outcomeColumns[$0] }, subjects, allowed: [0, 1], column, role))
        case .survival(let time, let event):
            let t = rows.map { outcomeColumns[$0] }
            for (i, v) in t.enumerated() where !(v.isFinite && v >= 0) {
                throw RadVaultError.invalidInput(
                    "\(role) clinical: time column '\(time)' is \(v) for subject '\(subjects[i])'; expected a finite time ≥ 0"
                )
            }
            let e = try check(rows.map { eventColumn[$0] }, subjects, allowed: [0, 1], event, role)
            guard e.contains(1) else {
                throw RadVaultError.invalidInput(
                    "\(role) clinical: every one of the \(e.count) subjects is censored (event column '\(event)' is all 0); a Cox model needs events"
                )
            }
            values = .survival(time: t, event: e)
        }
        let cov = try zip(covariates, covariateColumns).map { name, column in
            let v = rows.map { column[$0] }
            if let bad = v.firstIndex(where: { !$0.isFinite }) {
                throw RadVaultError.invalidInput(
                    "\(role) clinical: covariate '\(name)' is missing or not finite for subject '\(subjects[bad])'")
            }
            return v
        }
        return Cohort(
            subjects: subjects, featureNames: table.features, columns: table.columns, outcome: values, covariates: cov)
    }

    /// Subjects of the feature table also in the clinical table; mismatches are errors unless
    /// `allowPartial`, then warnings (counts and the first few IDs either way).
    static func alignedSubjects(
        _ features: FeatureTable, _ clinical: ClinicalTable, allowPartial: Bool, role: String, warnings: inout [String]
    ) throws -> [String] {
        let clinicalSet = Set(clinical.subjects)
        let featureSet = Set(features.subjects)
        let onlyFeatures = features.subjects.filter { !clinicalSet.contains($0) }
        let onlyClinical = clinical.subjects.filter { !featureSet.contains($0) }
        let both = features.subjects.filter { clinicalSet.contains($0) }
        guard !onlyFeatures.isEmpty || !onlyClinical.isEmpty else { return both }
        func list(_ ids: [String]) -> String {
            ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
        }
        var parts: [String] = []
        if !onlyFeatures.isEmpty {
            parts.append("\(onlyFeatures.count) subject(s) in features but not in clinical (\(list(onlyFeatures)))")
        }
        if !onlyClinical.isEmpty {
            parts.append("\(onlyClinical.count) subject(s) in clinical but not in features (\(list(onlyClinical)))")
        }
        let message = "\(role) cohort: " + parts.joined(separator: "; ")
        guard allowPartial else {
            throw RadVaultError.invalidInput(
                message + "; pass allowPartial (--allow-partial) to use the \(both.count) subject(s) in both")
        }
        guard !both.isEmpty else { throw RadVaultError.invalidInput(message + "; no subject is in both tables") }
        warnings.append(message + "; using the \(both.count) subject(s) in both")
        return both
    }

    static func check(_ v: [Double], _ subjects: [String], allowed: Set<Double>, _ column: String, _ role: String)
        throws
        -> [Double]
    {
        for (i, x) in v.enumerated() where !allowed.contains(x) {
            let what = x.isNaN ? "missing" : "\(x)"
            throw RadVaultError.invalidInput(
                "\(role) clinical: column '\(column)' is \(what) for subject '\(subjects[i])'; expected 0 or 1 (a binary outcome/event indicator)"
            )
        }
        return v
    }

    /// A sub-cohort of some rows.
    func subset(_ rows: [Int]) -> Cohort {
        Cohort(
            subjects: rows.map { subjects[$0] }, featureNames: featureNames,
            columns: columns.map { c in rows.map { c[$0] } },
            outcome: outcome.subset(rows), covariates: covariates.map { c in rows.map { c[$0] } })
    }

    var survival: SurvivalData? {
        if case .survival(let t, let e) = outcome { return SurvivalData(time: t, event: e.map { $0 == 1 }) }
        return nil
    }
}
