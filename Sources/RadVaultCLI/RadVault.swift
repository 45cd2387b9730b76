import ArgumentParser
import Foundation
import RadVaultCore

/// The root command. Adding a command is one line in `subcommands`.
public struct RadVault: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "radvault",
        abstract: "A reproducible study archive for radiomics and radiogenomics.",
        discussion: """
            The archive is --archive PATH, else $RADVAULT_ARCHIVE, else the first folder from the current \
            directory upwards made by 'radvault init'. Exit status: 0 ok, 1 problems found, 2 error.
            """,
        version: RadVaultVersion.string + " (git " + BuildInfo.gitCommit() + ")",
        // Every subcommand names itself (`commandName`): a name derived from the type costs
        // runtime conformance scans per command type at every start.
        subcommands: [
            Init.self,
            Add.self,
            List.self,
            Show.self,
            Cat.self,
            Verify.self,
            Commit.self,
            Log.self,
            Diff.self,
            Audit.self,
            ReplayCommand.self,
            ExportCommand.self,
            BundleCommand.self,
            KeygenCommand.self,
            ExtractCommand.self,
            ModelCommand.self,
            ScoreCommand.self,
            RadiogenomicsCommand.self,
            IBSICommand.self,
        ]
    )

    public init() {}
}

/// Entry point called by the `radvault` executable: parse, run, map the outcome to an exit status.
public enum RadVaultCLIEntry {
    /// Runs the command line and exits.
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try RadVault.parseAsRoot(arguments)
            try command.run()
            Foundation.exit(ExitStatus.ok)
        } catch {
            Foundation.exit(ExitStatus.report(error))
        }
    }
}

/// The one place that maps outcomes to exit statuses: 0 ok, 1 problems/different, 2 error.
enum ExitStatus {
    static let ok: Int32 = 0
    static let problems: Int32 = 1
    static let error: Int32 = 2

    /// Prints what `error` means for the user and returns the status to exit with.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case is ProblemsFound:
            return problems
        case let error as RadVaultError:
            printError("error: \(error.description)")
            return self.error
        default:
            let code = RadVault.exitCode(for: error)
            if code == .success {
                print(RadVault.fullMessage(for: error))
                return ok
            }
            printError(RadVault.fullMessage(for: error))
            return self.error
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Thrown by commands that ran fine but found problems (verify) — exit status 1.
struct ProblemsFound: Error {}
