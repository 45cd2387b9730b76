import Foundation

/// Progress of a long operation: `label  12/51  23%  ETA 0:41` on a terminal, silent otherwise.
///
/// Writes to standard error only when it is a TTY, so piped output and `--json` stay clean.
/// Thread-safe; the display is throttled to at most ten updates a second.
public final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let total: Int
    private var done = 0
    private let start: Date
    private var lastDraw = Date.distantPast
    private let enabled: Bool
    private let lock = NSLock()

    public init(label: String, total: Int, enabled: Bool? = nil) {
        self.label = label
        self.total = total
        self.start = Date()
        self.enabled = enabled ?? (isatty(STDERR_FILENO) == 1)
    }

    /// Marks `n` more items done.
    public func advance(by n: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        done += n
        guard enabled else { return }
        let now = Date()
        if done < total, now.timeIntervalSince(lastDraw) < 0.1 { return }
        lastDraw = now
        draw(now: now)
    }

    /// Ends the line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled else { return }
        draw(now: Date())
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(now: Date) {
        let elapsed = now.timeIntervalSince(start)
        let pct = total > 0 ? Int(Double(done) * 100 / Double(total)) : 100
        var eta = "--:--"
        if done > 0, total >= done {
            let remaining = elapsed / Double(done) * Double(total - done)
            eta = Self.clock(remaining)
        }
        let width = 24
        let filled = total > 0 ? min(width, done * width / max(total, 1)) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(label) [\(bar)] \(done)/\(total) \(pct)% ETA \(eta)  "
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
