internal import COpenBLAS

/// Which BLAS library runs the kernels, its CPU kernel and thread count (for the environment
/// fingerprint: BLAS results can differ in the last bits between kernels and thread counts).
public struct BLASInfo: Sendable, Equatable, Codable {
    /// The library name ("OpenBLAS").
    public var library: String
    /// The CPU kernel OpenBLAS selected (`openblas_get_corename()`), e.g. "Haswell".
    public var coreType: String
    /// The configuration string (`openblas_get_config()`): version and build options.
    public var configuration: String
    /// The number of threads BLAS uses now (`openblas_get_num_threads()`).
    public var threads: Int

    /// The current BLAS state.
    public static func current() -> BLASInfo {
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        return BLASInfo(
            library: "OpenBLAS", coreType: core.trimmingCharacters(), configuration: config.trimmingCharacters(),
            threads: Int(openblas_get_num_threads()))
    }

    /// Sets the BLAS thread count explicitly (`openblas_set_num_threads`); every run calls this
    /// so that results never depend on the library's default (DESIGN.md, reproducibility).
    public static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" { s.removeLast() }
        return String(s)
    }
}
