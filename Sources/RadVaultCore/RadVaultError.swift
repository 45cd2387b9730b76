/// The one error shape of RadVault, shared by every module.
///
/// Modelled on swift-nio's `FileSystemError`: a matchable `code`, a message that names the
/// file, the field and what was expected, an optional underlying cause and the source
/// location that raised it. Codes are few and actionable.
public struct RadVaultError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in a form a caller can switch on.
    public enum Code: String, Sendable, CaseIterable {
        case notFound
        case alreadyExists
        case invalidInput
        case corrupt
        case digestMismatch
        case unsupported
        case numerical
        case `internal`
    }

    public var code: Code
    /// Human-readable message naming file, field and expectation.
    public var message: String
    /// The error that caused this one, if any.
    public var cause: (any Error & Sendable)?
    public var file: String
    public var line: Int

    public init(
        _ code: Code, _ message: String, cause: (any Error & Sendable)? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.file = file
        self.line = line
    }

    public var description: String {
        if let cause {
            return "\(message) (caused by: \(cause))"
        }
        return message
    }

    public static func notFound(_ m: String, file: String = #fileID, line: Int = #line) -> RadVaultError {
        RadVaultError(.notFound, m, file: file, line: line)
    }
    public static func invalidInput(_ m: String, file: String = #fileID, line: Int = #line) -> RadVaultError {
        RadVaultError(.invalidInput, m, file: file, line: line)
    }
    public static func corrupt(_ m: String, file: String = #fileID, line: Int = #line) -> RadVaultError {
        RadVaultError(.corrupt, m, file: file, line: line)
    }
    public static func unsupported(_ m: String, file: String = #fileID, line: Int = #line) -> RadVaultError {
        RadVaultError(.unsupported, m, file: file, line: line)
    }
    public static func numerical(_ m: String, file: String = #fileID, line: Int = #line) -> RadVaultError {
        RadVaultError(.numerical, m, file: file, line: line)
    }
    public static func internalError(_ m: String, file: String = #fileID, line: Int = #line) -> RadVaultError {
        RadVaultError(.internal, m, file: file, line: line)
    }
}
