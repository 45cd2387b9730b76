import Foundation

/// The environment a run executed in (DESIGN.md, "Environment fingerprint").
///
/// Core fills in what it can see (tool version and commit, OS, CPU, Swift); the BLAS fields
/// are filled by whoever sets the BLAS thread count (LinearAlgebra), through `Replay`.
public struct EnvironmentFingerprint: Codable, Hashable, Sendable {
    public var tool: String
    public var toolVersion: String
    public var gitCommit: String
    public var os: String
    public var cpuModel: String
    public var cpuFlags: String
    public var swiftVersion: String
    public var blasLibrary: String?
    public var blasCoreType: String?
    public var blasThreads: Int?
    public var jobs: Int?

    enum CodingKeys: String, CodingKey {
        case tool, os, jobs
        case toolVersion = "tool_version"
        case gitCommit = "git_commit"
        case cpuModel = "cpu_model"
        case cpuFlags = "cpu_flags"
        case swiftVersion = "swift_version"
        case blasLibrary = "blas_library"
        case blasCoreType = "blas_core_type"
        case blasThreads = "blas_threads"
    }

    /// The fingerprint of this process.
    public static func current() -> EnvironmentFingerprint {
        let cpu = cpuInfo()
        return EnvironmentFingerprint(
            tool: "radvault", toolVersion: RadVaultVersion.string, gitCommit: BuildInfo.gitCommit(),
            os: osDescription(), cpuModel: cpu.model, cpuFlags: cpu.flagsDigest,
            swiftVersion: swiftVersion(), blasLibrary: nil, blasCoreType: nil, blasThreads: nil, jobs: nil)
    }

    static func osDescription() -> String {
        var parts: [String] = []
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                parts.append(line.dropFirst(12).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            }
        }
        var u = utsname()
        if uname(&u) == 0 {
            let sys = withUnsafeBytes(of: &u.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let rel = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let mach = withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            parts.append("\(sys) \(rel) \(mach)")
        }
        return parts.isEmpty ? "unknown" : parts.joined(separator: "; ")
    }

    /// CPU model name and a digest of the flag list (the full list is long).
    static func cpuInfo() -> (model: String, flagsDigest: String) {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return ("unknown", "unknown")
        }
        var model = "unknown"
        var flags = ""
        for line in text.split(separator: "\n") {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let key = kv[0].trimmingCharacters(in: .whitespaces)
            let value = kv[1].trimmingCharacters(in: .whitespaces)
            if key == "model name", model == "unknown" { model = value }
            if key == "flags", flags.isEmpty { flags = value }
        }
        let sorted = flags.split(separator: " ").map(String.init).sorted().joined(separator: " ")
        return (model, flags.isEmpty ? "unknown" : "sha256:" + Digest.of(string: sorted).short)
    }

    static func swiftVersion() -> String {
        #if compiler(>=6.4)
            return "6.4+"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0"
        #endif
    }
}

/// RadVault's version.
public enum RadVaultVersion {
    public static let string = "0.1.0"
}

/// Build facts stamped at build time: the `radvault` executable carries the git commit it was
/// built from (the BuildStamp plugin reads git's files, no shell-out) and hands it over here
/// before it runs a command.
///
/// Why in the executable and not here: a stamp compiled into this module would recompile every
/// module after each commit; in the executable only a one-line file and the link are redone.
public enum BuildInfo {
    private static let stamp = StampBox()

    /// The git commit this binary was built from (40 or 64 hex digits), or "unknown" (built
    /// outside a git checkout, or code not running inside the `radvault` executable).
    public static func gitCommit() -> String { stamp.value ?? "unknown" }

    /// Records the executable's stamp (called once by `radvault`'s entry point).
    public static func setGitCommit(_ commit: String) { stamp.value = commit }
}

/// A lock-protected optional string (the stamp is set once at start, read by any thread).
private final class StampBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?

    var value: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
