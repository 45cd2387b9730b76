import Foundation

/// Which BLAS library runs the kernels, its CPU kernel and thread count (for the environment
/// fingerprint: BLAS results can differ in the last bits between kernels and thread counts).
public struct BLASInfo: Sendable, Equatable, Codable {
    /// The library name ("OpenBLAS").
    public var library: String
    /// The CPU kernel OpenBLAS selected (`openblas_get_corename()`), e.g. "Haswell".
    public var coreType: String
    /// The configuration string (`openblas_get_config()`): version and build options.
    public var configuration: String
    /// The workers RadVault's blocked BLAS products use now (`BLASInfo.workers`; OpenBLAS
    /// itself runs single-threaded, see `setThreads`).
    public var threads: Int

    /// The current BLAS state.
    public static func current() -> BLASInfo {
        let library = OpenBLASLibrary.shared
        let core = library.corename().map { String(cString: $0) } ?? "unknown"
        let config = library.config().map { String(cString: $0) } ?? "unknown"
        return BLASInfo(
            library: "OpenBLAS", coreType: core.trimmingCharacters(), configuration: config.trimmingCharacters(),
            threads: workers)
    }

    /// Sets the number of workers for RadVault's blocked BLAS products.
    ///
    /// OpenBLAS itself always runs single-threaded: its threaded kernels split sums differently
    /// for different thread counts, so the last bits of a product would depend on the thread
    /// count (measured: 1 ulp in correlations between 1 and 2 threads). `BLAS.gemm`/`syrkUpper`
    /// instead cut the output into fixed column blocks and hand the blocks to `n` workers, so the
    /// result is bit-identical for every `n` (DESIGN.md, reproducibility).
    ///
    /// When an override is set (`overrideThreads`), the override wins: `radvault replay
    /// --blas-threads N` uses it to show that a result does not depend on the recorded count.
    public static func setThreads(_ n: Int) {
        // Not `openblas_set_num_threads` again: after the pool is stopped, every call to it
        // restarts the pool (OpenBLAS re-initialises a pool it finds down, for forked children).
        // Opening the library sets one thread and stops the pool, once.
        stopLibraryThreadPool()
        ThreadOverride.shared.workers = max(1, ThreadOverride.shared.value ?? n)
    }

    /// Forces every later `setThreads` call to use `n` workers (nil restores the callers' counts).
    public static func overrideThreads(_ n: Int?) {
        ThreadOverride.shared.value = n.map { max(1, $0) }
    }

    /// The current override, if any.
    public static var threadOverride: Int? { ThreadOverride.shared.value }

    /// The workers the blocked BLAS products use now.
    public static var workers: Int { ThreadOverride.shared.workers }

    /// Makes OpenBLAS single-threaded and stops its own thread pool; true when a pool was stopped.
    ///
    /// Why: the pthread build of OpenBLAS starts its pool in a library constructor, when the
    /// library loads, and an idle pool thread busy-waits (`sched_yield`) for about 2^28 cycles
    /// before it sleeps (OpenBLAS `driver/others/blas_server.c`, `THREAD_TIMEOUT`): ~0.1 s of a
    /// core taken from RadVault's own workers. RadVault never gives OpenBLAS more than one
    /// thread (`setThreads`), so the pool never has work; `blas_thread_shutdown_` joins it.
    /// Results do not change: single-threaded calls never use the pool. Runs once, before the
    /// first product (`BLAS`, `SymmetricEigen`, `SVD`, `current()` all open the library through
    /// it); safe to call again from any thread.
    @discardableResult
    public static func stopLibraryThreadPool() -> Bool { LibraryThreadPool.stopped }
}

/// OpenBLAS's own thread pool, stopped once (`BLASInfo.stopLibraryThreadPool`).
enum LibraryThreadPool {
    /// Whether a pool was found and stopped; evaluated once (Swift globals are lazy and atomic).
    static var stopped: Bool { OpenBLASLibrary.shared.poolStopped }
}

/// The process-wide BLAS thread override, guarded by a lock.
private final class ThreadOverride: @unchecked Sendable {
    static let shared = ThreadOverride()
    private let lock = NSLock()
    private var stored: Int?

    private var storedWorkers = 1

    var value: Int? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    var workers: Int {
        get { lock.withLock { storedWorkers } }
        set { lock.withLock { storedWorkers = newValue } }
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
