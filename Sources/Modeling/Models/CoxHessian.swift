/// The full Hessian of −log L/n of a Cox partial likelihood in standardised coefficients,
/// restricted to a set of columns (the strong set of an L1 path).
///
/// −∂²ℓ/∂β² = Σᵢ ωᵢ xᵢxᵢᵀ − Σ_k [C_k S₁S₁ᵀ − D_k(S₁E₁ᵀ + E₁S₁ᵀ) + F_k E₁E₁ᵀ], with S₁ = Σ_{R_k} eᵢxᵢ
/// the risk-set sum and E₁ = Σ_{D_k} eᵢxᵢ the tied-event sum at event time k (Therneau &
/// Grambsch 2000 §3.3; Efron 1977). ωᵢ and (C, D, F) come from the family: for Breslow
/// ωᵢ = eᵢΣ_{t_k≤tᵢ} d_k/S₀_k and (d_k/S₀_k², 0, 0); for Efron the sums of `CoxEfronFamily`.
/// Cost O((n + events)·m²) per call, with running risk-set sums (never O(n²)).
enum CoxHessian {
    /// Per event time (aligned with the groups, latest first): the multipliers (C, D, F).
    struct Terms {
        var c = 0.0, d = 0.0, f = 0.0
    }

    /// m × m row-major Hessian over `columns` (indices into `design`).
    static func gram(
        design: StandardizedDesign, columns: [Int], e: [Double], omega: [Double],
        groups: [(all: [Int], events: [Int])], terms: [Terms]
    ) -> [Double] {
        let n = design.n
        let m = columns.count
        var q = [Double](repeating: 0, count: m * m)
        design.x.withUnsafeBufferPointer { xb in
            for a in 0..<m {
                let ca = columns[a] * n
                for b in a..<m {
                    let cb = columns[b] * n
                    var s = 0.0
                    for i in 0..<n { s += omega[i] * xb[ca + i] * xb[cb + i] }
                    q[a * m + b] = s
                }
            }
            var s1 = [Double](repeating: 0, count: m)
            var e1 = [Double](repeating: 0, count: m)
            for (k, g) in groups.enumerated() {
                for i in g.all {
                    for a in 0..<m { s1[a] += e[i] * xb[columns[a] * n + i] }
                }
                let t = terms[k]
                guard t.c != 0 || t.d != 0 || t.f != 0 else { continue }
                for a in 0..<m {
                    e1[a] = 0
                    if t.d != 0 || t.f != 0 {
                        for i in g.events { e1[a] += e[i] * xb[columns[a] * n + i] }
                    }
                }
                for a in 0..<m {
                    for b in a..<m {
                        q[a * m + b] -=
                            t.c * s1[a] * s1[b] - t.d * (s1[a] * e1[b] + e1[a] * s1[b]) + t.f * e1[a] * e1[b]
                    }
                }
            }
        }
        let nd = Double(n)
        for a in 0..<m {
            for b in a..<m {
                q[a * m + b] /= nd
                q[b * m + a] = q[a * m + b]
            }
        }
        return q
    }
}
