import Foundation
import RadVaultCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thin owner of a POSIX file descriptor: the one place that turns `errno` into `RadVaultError`.
///
/// Why raw descriptors: the object store must fsync a file and its folder (libgit2
/// `src/util/filebuf.c` does the same), which `FileHandle` does not expose for folders.
final class POSIXFile: @unchecked Sendable {
    let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Opens an existing regular file for reading; names the file and what was expected on failure.
    static func openForReading(_ path: String) throws -> POSIXFile {
        var info = stat()
        if stat(path, &info) != 0 {
            throw errnoError(errno, path: path, doing: "cannot open", expected: "an existing readable file")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw RadVaultError.invalidInput("\(path): is a directory, expected a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw errnoError(errno, path: path, doing: "cannot open", expected: "an existing readable file")
        }
        return POSIXFile(fd: fd, path: path)
    }

    /// Opens a file for reading like `openForReading`, but nil when nothing is at `path` (when
    /// `FileManager.fileExists` would say false: the file, a folder on the way, or a symlink's
    /// target is missing). Needs no `stat` before the `open` when the file is there.
    static func openForReadingIfPresent(_ path: String) throws -> POSIXFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        var info = stat()
        guard fd >= 0 else {
            let code = errno
            if stat(path, &info) != 0 { return nil }
            throw errnoError(code, path: path, doing: "cannot open", expected: "an existing readable file")
        }
        let file = POSIXFile(fd: fd, path: path)
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw RadVaultError.invalidInput("\(path): is a directory, expected a regular file")
        }
        return file
    }

    /// Creates a new file exclusively (fails if it exists).
    static func createExclusive(_ path: String) throws -> POSIXFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw errnoError(errno, path: path, doing: "cannot create", expected: "a writable folder")
        }
        return POSIXFile(fd: fd, path: path)
    }

    /// Opens a folder so that it can be fsynced after a rename into it.
    static func openDirectory(_ path: String) throws -> POSIXFile {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw errnoError(errno, path: path, doing: "cannot open folder", expected: "a folder") }
        return POSIXFile(fd: fd, path: path)
    }

    /// The names in a folder (without `.` and `..`, in the order the file system gives them), as
    /// `FileManager.contentsOfDirectory(atPath:)` lists them but without building URLs.
    static func directoryEntries(_ path: String) throws -> [String] {
        guard let folder = opendir(path) else {
            throw errnoError(errno, path: path, doing: "cannot list", expected: "a readable folder")
        }
        defer { closedir(folder) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 {
                    throw errnoError(errno, path: path, doing: "cannot list", expected: "a readable folder")
                }
                return names
            }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// Reads up to `buffer.count` bytes, retrying on EINTR.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = posixRead(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw Self.errnoError(errno, path: path, doing: "cannot read", expected: "a readable file")
        }
    }

    /// Writes all of `buffer`, retrying on short writes and EINTR.
    func writeAll(_ buffer: UnsafeRawBufferPointer) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = write(fd, base + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.errnoError(errno, path: path, doing: "cannot write", expected: "free space")
            }
            done += n
        }
    }

    /// Flushes data and metadata to stable storage.
    func sync() throws {
        guard fsync(fd) == 0 else { throw Self.errnoError(errno, path: path, doing: "cannot fsync", expected: "") }
    }

    /// Makes the file read-only for everyone.
    func makeReadOnly() throws {
        guard fchmod(fd, 0o444) == 0 else {
            throw Self.errnoError(errno, path: path, doing: "cannot chmod", expected: "")
        }
    }

    /// Size from fstat.
    func size() throws -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw Self.errnoError(errno, path: path, doing: "cannot stat", expected: "")
        }
        return Int64(info.st_size)
    }

    /// The chokepoint: `errno` → `RadVaultError` with the file and the expectation.
    static func errnoError(_ code: Int32, path: String, doing: String, expected: String) -> RadVaultError {
        let reason = String(cString: strerror(code))
        let tail = expected.isEmpty ? "" : ", expected \(expected)"
        switch code {
        case ENOENT: return RadVaultError.notFound("\(path): \(doing): no such file or folder\(tail)")
        case EEXIST: return RadVaultError(.alreadyExists, "\(path): \(doing): already exists")
        case EISDIR: return RadVaultError.invalidInput("\(path): is a directory, expected a regular file")
        default: return RadVaultError.invalidInput("\(path): \(doing): \(reason)\(tail)")
        }
    }
}

extension POSIXFile: ByteSource {
    var sourceDescription: String { path }
}

/// `read(2)`, reachable from inside types that have a `read` method.
private func posixRead(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, base, count)
}

/// A `ByteSource` reading a local file with POSIX `read`.
public final class FileByteSource: ByteSource {
    private let file: POSIXFile
    public var sourceDescription: String { file.path }

    /// Opens `path`; fails with a message naming the file when it is missing or a directory.
    public init(path: String) throws {
        self.file = try POSIXFile.openForReading(path)
    }

    /// The file's size at open time.
    public func size() throws -> Int64 { try file.size() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try file.read(into: buffer) }
}
