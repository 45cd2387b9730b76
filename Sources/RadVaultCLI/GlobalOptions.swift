import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore
import Replay

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: "The archive folder (default: $RADVAULT_ARCHIVE, else found from the current folder up).")
    var archive: String?

    @Flag(name: .long, help: "Print machine-readable JSON.")
    var json = false

    @Flag(name: .long, help: "Print more detail.")
    var verbose = false

    /// Finds and opens the archive (`readOnly` for commands that never change it).
    func openArchive(readOnly: Bool = false) throws -> Archive {
        try Archive.discover(explicit: archive, readOnly: readOnly)
    }
}

/// Output helpers shared by the commands.
enum Output {
    /// The first line of a recorded run's summary: its short id, and whether it was a cache hit.
    static func runLine(_ outcome: RunService.Outcome) -> String {
        "run \(outcome.record.id.short)\(outcome.cached ? " (cached: the recorded run)" : "")"
    }

    /// Prints a JSON value, pretty and canonical (sorted keys).
    static func json(_ value: JSONValue) {
        print(CanonicalJSON.string(value, pretty: true))
    }

    /// Prints any Encodable as canonical pretty JSON.
    static func json<T: Encodable>(_ value: T) throws {
        json(try CanonicalJSON.jsonValue(value))
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) {
        guard let width = rows.map(\.count).max() else { return }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }
}
