import Foundation

/// UTC ISO-8601 timestamps, the one time format of the catalog, manifests and audit log.
public enum ISOTime {
    /// `2026-01-31T12:34:56.789Z`.
    public static func string(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The current time.
    public static func now() -> String { string(from: Date()) }

    /// Parses a timestamp written by `string(from:)` (fractional seconds optional).
    public static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = formatter.date(from: text) { return d }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
