import Foundation

/// The IBSI-1 match rule (Resources/ibsi/README.md, "Matching rule"; MIRP
/// `test/ibsi_1_test.py`, `within_tolerance`): round the computed value to 3 significant
/// digits as Python's `round(x, 3 − ⌊log10|x|⌋ − 1)` does (correctly rounded, exact binary ties
/// to even; 0 is not rounded), then accept when `|x_r − ref| − tol <= DBL_EPSILON`.
public enum IBSIMatchRule {
    /// `x` rounded to 3 significant digits, Python-style.
    public static func round3(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let digits = 3 - Int(log10(abs(x)).rounded(.down)) - 1
        // printf rounds the exact binary value correctly, with exact ties to even, as CPython's
        // float rounding (dtoa mode 3) does.
        let text: String
        if digits >= 0 {
            text = String(format: "%.\(digits)f", x)
        } else {
            text = String(format: "%.2e", x)
        }
        return Double(text) ?? x
    }

    /// Whether a computed value matches a reference value within tolerance.
    public static func matches(_ x: Double, reference: Double, tolerance: Double) -> Bool {
        guard x.isFinite else { return false }
        return abs(round3(x) - reference) - tolerance <= Double.ulpOfOne
    }
}
