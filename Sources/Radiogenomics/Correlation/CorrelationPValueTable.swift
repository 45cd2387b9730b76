import Foundation
import Modeling

/// The two-sided correlation p-value for one n as a table of piecewise Chebyshev polynomials in
/// |r|, built at run time from the exact function and checked against it while it is built.
///
/// Why: with no missing values every pair of a features × genes correlation shares one n, so
/// p = I_{1−r²}((n−2)/2, 1/2) is one monotone function of |r|; 3·10⁷ continued fractions
/// (≈ 0.3 µs each) dominate the all-pairs cost, while a degree-`degree` polynomial plus one `exp`
/// costs a few nanoseconds. The approximation is exact to tolerance, not a shortcut:
///
/// - |r| ∈ [0, 1) is cut into cells of width 2⁻⁸; a cell is split into 2ᵏ equal sub-cells until
///   the Chebyshev interpolant of degree `degree` (on Chebyshev nodes of the first kind; Trefethen,
///   *Approximation Theory and Approximation Practice*, ch. 3–4), stored in the monomial basis of
///   the local coordinate and evaluated by Estrin's scheme, reproduces the exact p at
///   3·(degree+1) check points (both ends and points between the nodes) within `tolerance`
///   relative plus the exact function's own rounding noise (see `init`). A sub-cell that still
///   fails at k = `maxLevel` (where a branch switch of the continued fraction leaves a jump of
///   the size of that noise) is evaluated exactly, and so is a cell where most sub-cells fail.
/// - Where p ≥ 10⁻² the polynomial approximates p itself; below, it approximates log p (p spans
///   hundreds of orders of magnitude there) and p = exp(poly). Above the |r| where p falls under
///   10⁻²⁹⁰ (near underflow) the exact function is used.
/// - Cell boundaries are multiples of powers of two, so the local coordinate
///   t = 2·(|r| − lo)/width − 1 is computed exactly except for one final rounding: the
///   approximation is evaluated at |r| itself, not at a rounded neighbour.
///
/// `Tests/RadiogenomicsTests/CorrelationPValueTableTests.swift` compares it with the exact
/// function on dense grids for several n.
struct CorrelationPValueTable: Sendable {
    /// How one cell is evaluated.
    enum Mode: UInt8, Sendable {
        case direct
        case logarithm
        case exact
    }

    /// One 2⁻⁸-wide cell: its sub-cell level, where its coefficients start, and its mode.
    struct Cell: Sendable {
        var level: Int32
        var offset: Int32
        var mode: Mode
    }

    static let degree = 11
    static let stride = degree + 1
    static let cellsPerUnit = 256.0
    static let maxLevel = 6
    static let tolerance = 1e-13
    static let logBelow = 1e-2
    static let exactBelow = 1e-290

    let exact: CorrelationPValue
    let cells: [Cell]
    let coefficients: [Double]

    /// Builds the table for n ≥ 3 pairs (≈ 10⁴ exact evaluations, a few milliseconds). The
    /// check tolerance is `tolerance` plus 8·a·ε with a = (n − 2)/2: the exact function's own
    /// rounding noise, since the rounding of 1 − r² is raised to the power a.
    init(n: Int, tolerance: Double = Self.tolerance) {
        exact = CorrelationPValue(n: n)
        let tol = Self.checkTolerance(n: n, base: tolerance)
        var cells: [Cell] = []
        var coefficients: [Double] = []
        let h = 1 / Self.cellsPerUnit
        for c in 0..<Int(Self.cellsPerUnit) {
            let lo = Double(c) * h
            let pHi = exact.p(lo + h)
            guard pHi >= Self.exactBelow, lo + h < 1 else { break }
            let mode: Mode = pHi >= Self.logBelow ? .direct : .logarithm
            var cell = Cell(level: 0, offset: 0, mode: .exact)
            for level in 0...Self.maxLevel {
                let (fitted, failures) = Self.fit(exact, lo: lo, width: h, level: level, mode: mode, tolerance: tol)
                let parts = 1 << level
                if failures == 0 || (level == Self.maxLevel && 2 * failures < parts) {
                    cell = Cell(level: Int32(level), offset: Int32(coefficients.count), mode: mode)
                    coefficients += fitted
                    break
                }
                if level >= 3 && 2 * failures >= parts { break }
            }
            cells.append(cell)
        }
        self.cells = cells
        self.coefficients = coefficients
    }

    /// The relative tolerance a sub-cell must meet: `base` + 8·a·ε, a = (n − 2)/2, ε = 2⁻⁵³.
    static func checkTolerance(n: Int, base: Double = Self.tolerance) -> Double {
        base + 8 * Double(max(1, n - 2)) / 2 * Double.ulpOfOne / 2
    }

    /// Chebyshev coefficients of every sub-cell of one cell at one level, and how many sub-cells
    /// miss the tolerance at a check point; those get NaN coefficients (evaluated exactly).
    static func fit(
        _ exact: CorrelationPValue, lo: Double, width: Double, level: Int, mode: Mode, tolerance: Double
    ) -> (coefficients: [Double], failures: Int) {
        let parts = 1 << level
        let sub = width / Double(parts)
        var out: [Double] = []
        var failures = 0
        out.reserveCapacity(parts * stride)
        let transform: (Double) -> Double = mode == .direct ? { $0 } : { log($0) }
        for j in 0..<parts {
            let a = lo + Double(j) * sub
            let values = (0..<stride).map { k -> Double in
                let x = cos(Double.pi * (Double(k) + 0.5) / Double(stride))
                return transform(exact.p(a + sub * (x + 1) / 2))
            }
            let c = monomial(fromChebyshev: chebyshevCoefficients(values))
            let checks = 3 * stride
            let fits = (0..<checks).allSatisfy { i in
                let t = i == 0 ? -1.0 : (i == checks - 1 ? 1.0 : cos(Double.pi * Double(i) / Double(checks - 1)))
                let reference = exact.p(a + sub * (t + 1) / 2)
                let value = estrin(c, 0, t)
                let approx = mode == .direct ? value : exp(value)
                return abs(approx - reference) <= tolerance * reference
            }
            if fits {
                out += c
            } else {
                failures += 1
                out += [Double](repeating: .nan, count: stride)
            }
        }
        return (out, failures)
    }

    /// Coefficients c₀…c_d of the interpolant Σ cⱼ Tⱼ(t) through values at the Chebyshev
    /// nodes cos(π(k + ½)/(d + 1)) (discrete cosine transform; c₀ halved).
    static func chebyshevCoefficients(_ f: [Double]) -> [Double] {
        let m = f.count
        return (0..<m).map { j in
            var s = 0.0
            for k in 0..<m { s += f[k] * cos(Double.pi * Double(j) * (Double(k) + 0.5) / Double(m)) }
            return s * (j == 0 ? 1 : 2) / Double(m)
        }
    }

    /// The coefficients mⱼ of Σ mⱼ tʲ equal to Σ cⱼ Tⱼ(t) (Tₖ₊₁ = 2t·Tₖ − Tₖ₋₁). The basis change
    /// can amplify rounding where the cᵢ decay slowly; the builder checks the polynomial in the
    /// form it is evaluated, so such a sub-cell is split or evaluated exactly, never kept.
    static func monomial(fromChebyshev c: [Double]) -> [Double] {
        let m = c.count
        var out = [Double](repeating: 0, count: m)
        var previous = [Double](repeating: 0, count: m)
        var current = [Double](repeating: 0, count: m)
        current[0] = 1
        for k in 0..<m {
            for j in 0..<m { out[j] += c[k] * current[j] }
            var next = [Double](repeating: 0, count: m)
            for j in 1..<m { next[j] = (k == 0 ? 1 : 2) * current[j - 1] }
            if k > 0 {
                for j in 0..<m { next[j] -= previous[j] }
            }
            previous = current
            current = next
        }
        return out
    }

    /// Σ mⱼ tʲ (j = 0…11) for the coefficients starting at `offset`, by Estrin's scheme: the
    /// terms are paired and combined with t², t⁴, t⁸, so the dependency chain is four
    /// multiply-adds deep instead of eleven (Knuth, TAOCP vol. 2, §4.6.4).
    @inline(__always)
    static func estrin(_ c: UnsafeBufferPointer<Double>, _ o: Int, _ t: Double) -> Double {
        let t2 = t * t
        let t4 = t2 * t2
        let t8 = t4 * t4
        let q0 = (c[o] + c[o + 1] * t) + (c[o + 2] + c[o + 3] * t) * t2
        let q1 = (c[o + 4] + c[o + 5] * t) + (c[o + 6] + c[o + 7] * t) * t2
        let q2 = (c[o + 8] + c[o + 9] * t) + (c[o + 10] + c[o + 11] * t) * t2
        return (q0 + q1 * t4) + q2 * t8
    }

    /// As the buffer version, for the builder.
    static func estrin(_ c: [Double], _ offset: Int, _ t: Double) -> Double {
        c.withUnsafeBufferPointer { estrin($0, offset, t) }
    }

    /// p for one r (NaN for NaN r, 0 for |r| = 1), from the table where it covers |r|.
    @inline(__always)
    func p(_ r: Double, cells: UnsafeBufferPointer<Cell>, coefficients: UnsafeBufferPointer<Double>) -> Double {
        let s = abs(r) * Self.cellsPerUnit
        guard s < Double(cells.count) else { return exact.p(r) }
        let c = Int(s)
        let cell = cells[c]
        if cell.mode == .exact { return exact.p(r) }
        let u = (s - Double(c)) * Double(1 << Int(cell.level))
        let j = Int(u)
        let t = 2 * (u - Double(j)) - 1
        let offset = Int(cell.offset) + j * Self.stride
        if coefficients[offset].isNaN { return exact.p(r) }
        let value = Self.estrin(coefficients, offset, t)
        return cell.mode == .direct ? min(1, value) : exp(value)
    }

    /// p for one r (a single evaluation; loops use `withTable`).
    func p(_ r: Double) -> Double {
        withTable { $0(r) }
    }

    /// Runs `body` with an evaluator bound to the table's buffers (no bounds checks or
    /// reference counting per evaluation).
    @inline(__always)
    func withTable<T>(_ body: ((Double) -> Double) -> T) -> T {
        cells.withUnsafeBufferPointer { cs in
            coefficients.withUnsafeBufferPointer { co in
                body { p($0, cells: cs, coefficients: co) }
            }
        }
    }
}

/// The p-value of a correlation from n pairs by the fastest exact-to-tolerance route: the table
/// for the common n of a column without missing values, the exact function otherwise.
enum CorrelationPValueKernel {
    case table(CorrelationPValueTable)
    case exact(CorrelationPValue)

    /// The table when n is the full number of samples (built once per computation), else exact.
    init(n: Int, fullN: Int, table: CorrelationPValueTable?) {
        if n == fullN, let table { self = .table(table) } else { self = .exact(CorrelationPValue(n: n)) }
    }

    /// p for one r.
    func p(_ r: Double) -> Double {
        switch self {
        case .table(let t): t.p(r)
        case .exact(let e): e.p(r)
        }
    }
}
