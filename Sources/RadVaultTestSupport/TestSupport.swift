import Foundation
import RadVaultCore

/// Helpers shared by the test targets.
public enum TestSupport {
    /// The repository root (found from this source file's location).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared` beside the repository, when present (used only by optional tests).
    public static var sharedDirectory: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// A fresh temporary directory, removed by the caller with `removeItem` if wanted.
    public static func temporaryDirectory(_ prefix: String = "radvault-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Path of the built `radvault` executable next to the test bundle.
    public static var radvaultExecutable: URL {
        let env = ProcessInfo.processInfo.environment
        if let p = env["RADVAULT_BIN"] { return URL(fileURLWithPath: p) }
        // .build/<config>/RadVaultPackageTests.xctest -> .build/<config>/radvault
        let bundle = Bundle.main.bundleURL
        var dir = bundle
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("radvault")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("radvault")
    }

    /// Runs a process and captures its output.
    public static func run(
        _ executable: URL, _ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "RADVAULT_ARCHIVE")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        p.waitUntilExit()
        group.wait()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

extension TestSupport {
    /// Runs `radvault` with `RADVAULT_ARCHIVE` set to `archive` (when given) and a fixed agent.
    public static func radvault(
        _ arguments: [String], archive: URL? = nil, cwd: URL? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ["RADVAULT_AGENT": "tester"]
        if let archive { environment["RADVAULT_ARCHIVE"] = archive.path }
        return try run(radvaultExecutable, arguments, cwd: cwd, environment: environment)
    }
}
