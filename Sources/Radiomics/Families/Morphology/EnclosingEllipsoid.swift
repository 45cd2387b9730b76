import RadVaultCore

/// Ellipsoid helpers for the morphology family: symmetric 3×3 eigenvalues, the ellipsoid surface
/// series, and Khachiyan's minimum-volume enclosing ellipsoid.
enum EnclosingEllipsoid {
    /// Eigenvalues of a symmetric 3×3 matrix (row-major), sorted descending, by the cyclic Jacobi
    /// method (Golub & Van Loan §8.5) with a fixed sweep order, so the result is deterministic.
    static func symmetricEigenvalues(_ m: [Double]) -> [Double] {
        var a = m
        for _ in 0..<64 {
            let off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5]
            let diag = a[0] * a[0] + a[4] * a[4] + a[8] * a[8]
            if off <= 1e-32 * diag || off == 0 { break }
            for (p, q) in [(0, 1), (0, 2), (1, 2)] { rotate(&a, p, q) }
        }
        return [a[0], a[4], a[8]].sorted(by: >)
    }

    /// One Jacobi rotation annihilating a[p][q].
    private static func rotate(_ a: inout [Double], _ p: Int, _ q: Int) {
        let apq = a[3 * p + q]
        guard apq != 0 else { return }
        let theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<3 {
            let akp = a[3 * k + p]
            let akq = a[3 * k + q]
            a[3 * k + p] = c * akp - s * akq
            a[3 * k + q] = s * akp + c * akq
        }
        for k in 0..<3 {
            let apk = a[3 * p + k]
            let aqk = a[3 * q + k]
            a[3 * p + k] = c * apk - s * aqk
            a[3 * q + k] = s * apk + c * aqk
        }
    }

    /// Surface area of an ellipsoid with semi-axes a ≥ b ≥ c by the Legendre series of IBSI-1
    /// (feature RDD2), stopped after ν = 20 as the manual prescribes:
    /// A = 4πab Σ_ν (αβ)^ν / (1 − 4ν²) P_ν((α² + β²) / (2αβ)), α² = 1 − b²/a², β² = 1 − c²/a².
    ///
    /// Q_ν = (αβ)^ν P_ν(x) is evaluated by the Legendre recurrence multiplied through by (αβ)^ν,
    /// (ν+1) Q_{ν+1} = (2ν+1) (α²+β²)/2 Q_ν − ν (αβ)² Q_{ν−1}, which stays finite for a sphere
    /// (α = β = 0) where x itself is infinite. Returns 0 when a = 0.
    static func surfaceArea(_ a: Double, _ b: Double, _ c: Double) -> Double {
        guard a > 0 else { return 0 }
        let alpha2 = max(0, 1 - (b * b) / (a * a))
        let beta2 = max(0, 1 - (c * c) / (a * a))
        let half = (alpha2 + beta2) / 2
        let product2 = alpha2 * beta2
        var qPrev = 1.0
        var q = half
        var sum = qPrev + q / (1 - 4)
        for nu in 1..<20 {
            let n = Double(nu)
            let qNext = ((2 * n + 1) * half * q - n * product2 * qPrev) / (n + 1)
            qPrev = q
            q = qNext
            let m = n + 1
            sum += q / (1 - 4 * m * m)
        }
        return 4 * Double.pi * a * b * sum
    }

    /// Semi-axes (descending) of the minimum-volume enclosing ellipsoid of a point set by
    /// Khachiyan's barycentric coordinate ascent (Khachiyan 1996; Todd & Yildirim 2007), with
    /// the IBSI default stopping tolerance τ = 0.001 on the change of the weights (SWZ1).
    ///
    /// Points are centred on their mean first (the ellipsoid is affine-equivariant). Each step
    /// needs `q_iᵀ X⁻¹ q_i` for the lifted points q = (p, 1); X = Σ u_i q_i q_iᵀ is factorised by
    /// Cholesky. Throws `.numerical` if X loses positive definiteness (coplanar points).
    static func minimumVolumeSemiAxes(_ points: [SIMD3<Double>], tolerance: Double = 0.001) throws -> [Double] {
        let n = points.count
        guard n >= 4 else {
            throw RadVaultError.numerical("morphology: MVEE needs at least 4 hull vertices; got \(n)")
        }
        var mean = SIMD3<Double>(0, 0, 0)
        for p in points { mean += p }
        mean /= Double(n)
        let pts = points.map { $0 - mean }
        var u = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<100_000 {
            let chol = try cholesky(lifted(pts, u))
            var best = 0
            var bestM = -Double.infinity
            for i in 0..<n {
                let m = quadratic(chol, pts[i])
                if m > bestM {
                    bestM = m
                    best = i
                }
            }
            let step = (bestM - 4) / (4 * (bestM - 1))
            var change = 0.0
            for i in 0..<n {
                let updated = (1 - step) * u[i] + (i == best ? step : 0)
                change += (updated - u[i]) * (updated - u[i])
                u[i] = updated
            }
            if change.squareRoot() < tolerance { break }
        }
        return try semiAxes(pts, u)
    }

    /// X = Σ u_i (p_i, 1)(p_i, 1)ᵀ, row-major 4×4.
    private static func lifted(_ pts: [SIMD3<Double>], _ u: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: 16)
        for (i, p) in pts.enumerated() {
            let q = [p.x, p.y, p.z, 1]
            for r in 0..<4 { for c in 0...r { x[4 * r + c] += u[i] * q[r] * q[c] } }
        }
        for r in 0..<4 { for c in (r + 1)..<4 { x[4 * r + c] = x[4 * c + r] } }
        return x
    }

    /// Lower Cholesky factor of a symmetric positive-definite 4×4 matrix.
    private static func cholesky(_ x: [Double]) throws -> [Double] {
        var l = [Double](repeating: 0, count: 16)
        for j in 0..<4 {
            var d = x[4 * j + j]
            for k in 0..<j { d -= l[4 * j + k] * l[4 * j + k] }
            guard d > 0 else {
                throw RadVaultError.numerical("morphology: MVEE moment matrix is singular (coplanar hull vertices)")
            }
            let root = d.squareRoot()
            l[4 * j + j] = root
            for i in (j + 1)..<4 {
                var s = x[4 * i + j]
                for k in 0..<j { s -= l[4 * i + k] * l[4 * j + k] }
                l[4 * i + j] = s / root
            }
        }
        return l
    }

    /// ‖L⁻¹ (p, 1)‖² by forward substitution.
    @inline(__always) private static func quadratic(_ l: [Double], _ p: SIMD3<Double>) -> Double {
        let y0 = p.x / l[0]
        let y1 = (p.y - l[4] * y0) / l[5]
        let y2 = (p.z - l[8] * y0 - l[9] * y1) / l[10]
        let y3 = (1 - l[12] * y0 - l[13] * y1 - l[14] * y2) / l[15]
        return y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3
    }

    /// Semi-axes from the weights: the shape matrix is A = (Σ u p pᵀ − c cᵀ)⁻¹ / 3, so the
    /// semi-axes are sqrt(3 λ) for the eigenvalues λ of the centred weighted covariance.
    private static func semiAxes(_ pts: [SIMD3<Double>], _ u: [Double]) throws -> [Double] {
        var c = SIMD3<Double>(0, 0, 0)
        for (i, p) in pts.enumerated() { c += u[i] * p }
        var s = [Double](repeating: 0, count: 9)
        for (i, p) in pts.enumerated() {
            let d = p - c
            let v = [d.x, d.y, d.z]
            for r in 0..<3 { for k in 0..<3 { s[3 * r + k] += u[i] * v[r] * v[k] } }
        }
        return symmetricEigenvalues(s).map { (3 * max($0, 0)).squareRoot() }
    }
}
