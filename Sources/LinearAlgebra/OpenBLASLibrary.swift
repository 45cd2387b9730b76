import Foundation
import RadVaultCore

/// OpenBLAS and LAPACKE, opened on first use (`dlopen`) instead of when the process starts.
///
/// Why: linked into the executable, OpenBLAS, LAPACKE and their dependencies (libgfortran, the
/// BLAS/LAPACK shims) are mapped and relocated in every `radvault` command — about 24,000 symbol
/// relocations, most of the dynamic linker's work at start — and OpenBLAS's constructor starts
/// its thread pool, although only the radiogenomics analyses multiply matrices. The functions
/// are typed from their C prototypes (OpenBLAS 0.3.21 `cblas.h`, LAPACKE 3.11 `lapacke.h`,
/// LP64: `blasint` and `lapack_int` are 32-bit `int`); the same library code runs, so every
/// result is the same as with the library linked.
struct OpenBLASLibrary: Sendable {
    typealias Dgemm =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32, UnsafePointer<Double>?,
            Int32,
            Double, UnsafeMutablePointer<Double>?, Int32
        ) -> Void
    typealias Dsyrk =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32, Double,
            UnsafeMutablePointer<Double>?,
            Int32
        ) -> Void
    typealias Dsyevr =
        @convention(c) (
            Int32, CChar, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32, Double, Double, Int32, Int32,
            Double,
            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32,
            UnsafeMutablePointer<Int32>?
        ) -> Int32
    typealias Dgesdd =
        @convention(c) (
            Int32, CChar, Int32, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?,
            UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?, Int32
        ) -> Int32
    typealias Text = @convention(c) () -> UnsafeMutablePointer<CChar>?
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias Shutdown = @convention(c) () -> Int32

    /// `cblas.h` enumerations and `lapacke.h`'s layout constant.
    static let colMajor: Int32 = 102
    static let noTrans: Int32 = 111
    static let trans: Int32 = 112
    static let upper: Int32 = 121

    /// The shared objects, by soname (Debian: libopenblas0, liblapacke).
    static let blasLibrary = "libopenblas.so.0"
    static let lapackLibrary = "liblapacke.so.3"

    let dgemm: Dgemm
    let dsyrk: Dsyrk
    let dsyevr: Dsyevr
    let dgesdd: Dgesdd
    let corename: Text
    let config: Text
    let setNumThreads: SetThreads
    /// Whether OpenBLAS's own thread pool was found and stopped when the library was opened
    /// (see `BLASInfo.stopLibraryThreadPool`).
    let poolStopped: Bool

    /// The libraries, opened once (Swift globals are lazy and thread-safe).
    static let loaded: Result<OpenBLASLibrary, any Error> = Result { try OpenBLASLibrary() }

    /// The opened libraries. Without OpenBLAS installed the process stops here, with the
    /// loader's message (as it stopped at start when the library was linked).
    static var shared: OpenBLASLibrary {
        switch loaded {
        case .success(let library): return library
        case .failure(let error):
            FileHandle.standardError.write(
                Data("error: \((error as? RadVaultError)?.description ?? "\(error)")\n".utf8))
            exit(2)
        }
    }

    private init() throws {
        let blas = try Self.open(Self.blasLibrary)
        let lapack = try Self.open(Self.lapackLibrary)
        dgemm = try Self.symbol("cblas_dgemm", in: blas, library: Self.blasLibrary)
        dsyrk = try Self.symbol("cblas_dsyrk", in: blas, library: Self.blasLibrary)
        corename = try Self.symbol("openblas_get_corename", in: blas, library: Self.blasLibrary)
        config = try Self.symbol("openblas_get_config", in: blas, library: Self.blasLibrary)
        setNumThreads = try Self.symbol("openblas_set_num_threads", in: blas, library: Self.blasLibrary)
        dsyevr = try Self.symbol("LAPACKE_dsyevr", in: lapack, library: Self.lapackLibrary)
        dgesdd = try Self.symbol("LAPACKE_dgesdd", in: lapack, library: Self.lapackLibrary)
        // Single-threaded, and the pool its constructor started stopped, before any use. Never
        // `openblas_set_num_threads` again: it restarts a pool it finds stopped.
        setNumThreads(1)
        // `blas_thread_shutdown_` is not part of CBLAS: a serial build need not have it.
        let shutdown: Shutdown? = try? Self.symbol("blas_thread_shutdown_", in: blas, library: Self.blasLibrary)
        poolStopped = shutdown?() == 0
    }

    /// `dlopen` with global symbols, as if linked: LAPACK's inner BLAS calls and ours then reach
    /// the one OpenBLAS instance (and its one thread setting).
    private static func open(_ name: String) throws -> UnsafeMutableRawPointer {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) else {
            throw RadVaultError.unsupported(
                "cannot load \(name) (\(lastError())): expected OpenBLAS and LAPACKE installed "
                    + "(Debian packages libopenblas0 and liblapacke)")
        }
        return handle
    }

    private static func symbol<T>(_ name: String, in handle: UnsafeMutableRawPointer, library: String) throws -> T {
        guard let address = dlsym(handle, name) else {
            throw RadVaultError.unsupported("\(library): no function \(name) (\(lastError())), expected OpenBLAS 0.3")
        }
        return unsafeBitCast(address, to: T.self)
    }

    private static func lastError() -> String { dlerror().map { String(cString: $0) } ?? "unknown error" }
}
