import Foundation

/// Whole-file gzip decompression through libdeflate when the system provides it, loaded at run
/// time (`dlopen("libdeflate.so.0")`); nil whenever it is absent or anything is unexpected, and
/// the caller then streams through zlib (znzlib) as before.
///
/// Why: libdeflate inflates about three times faster than zlib (IBSI CT phantom image: 12.7 ms
/// against 38 ms; its mask: 0.4 ms against 4.4 ms), and reading the NIfTI files was a quarter of
/// a phantom extraction. The bytes are the same whichever library inflates them (DEFLATE is
/// exact), and libdeflate checks the gzip CRC-32 and size of the whole member, so values never
/// depend on whether the library is present. Loaded at run time, not linked, so that RadVault
/// builds and runs where it is missing (no header or link change).
enum LibDeflate {
    private typealias Alloc = @convention(c) () -> OpaquePointer?
    private typealias Free = @convention(c) (OpaquePointer?) -> Void
    /// `libdeflate_gzip_decompress(decompressor, in, in_nbytes, out, out_nbytes_avail, actual_out_nbytes_ret)`.
    private typealias Decompress =
        @convention(c) (
            OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int, UnsafeMutablePointer<Int>?
        ) -> Int32

    /// Whether libdeflate was found.
    static var isAvailable: Bool { functions != nil }

    /// The three entry points used, resolved once.
    private struct Functions: @unchecked Sendable {
        let alloc: Alloc
        let free: Free
        let decompress: Decompress
    }

    private static let functions: Functions? = {
        guard let library = dlopen("libdeflate.so.0", RTLD_NOW | RTLD_LOCAL),
            let alloc = dlsym(library, "libdeflate_alloc_decompressor"),
            let free = dlsym(library, "libdeflate_free_decompressor"),
            let decompress = dlsym(library, "libdeflate_gzip_decompress")
        else { return nil }
        return Functions(
            alloc: unsafeBitCast(alloc, to: Alloc.self), free: unsafeBitCast(free, to: Free.self),
            decompress: unsafeBitCast(decompress, to: Decompress.self))
    }()

    /// Largest decompressed size attempted in one buffer (larger files are streamed).
    static let maximumBytes = 1 << 31

    /// The decompressed bytes of the gzip file at `path`, when libdeflate is present, the file is
    /// one gzip member whose trailer size (ISIZE) is within `minimum...maximum` bytes, and it
    /// inflates without error to exactly that size; otherwise nil.
    static func inflate(path: String, minimum: Int, maximum: Int) -> [UInt8]? {
        guard let functions, minimum <= maximumBytes,
            let compressed = FileManager.default.contents(atPath: path), compressed.count >= 18,
            compressed.starts(with: [0x1F, 0x8B])
        else { return nil }
        // ISIZE: the uncompressed size modulo 2³², little-endian in the last four bytes (RFC 1952).
        let size = compressed.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard size >= minimum, size <= min(maximum, maximumBytes), let decompressor = functions.alloc() else {
            return nil
        }
        defer { functions.free(decompressor) }
        var produced = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, initialised in
            let status = compressed.withUnsafeBytes { input in
                functions.decompress(decompressor, input.baseAddress, input.count, out.baseAddress, size, &produced)
            }
            initialised = status == 0 && produced == size ? size : 0
        }
        return bytes.count == size && size > 0 ? bytes : nil
    }
}
