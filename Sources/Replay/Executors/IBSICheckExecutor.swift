import Foundation
import RadVaultCore
import Radiomics

/// `ibsi-check`: the IBSI-1 compliance check of this feature engine (no inputs).
///
/// Params: the canonical `IBSICheckSpecification` document — the digests of the bundled
/// reference values and phantoms and each benchmark's settings — so that the run's identity
/// changes with the reference data. The check runs on the bundled data only, so params naming
/// other data are refused rather than checked against the wrong reference.
/// Output `report`: canonical JSON `{"matched", "total", "benchmarks", "mismatches"}`.
public struct IBSICheckExecutor: Executor {
    public let kind = "ibsi-check"
    public let name = "radvault-ibsi-check"
    /// 2: params name the bundled reference data (version 1 took none, so its runs' identity
    /// did not follow the reference data; they are reported unreplayable).
    public let version = "2"
    public let tolerance = Tolerance.exact

    public init() {}

    /// The params of a check on the data bundled with this build (canonical JSON bytes).
    public static func params() throws -> Data {
        Data(CanonicalJSON.bytes(try IBSICheckSpecification.document()))
    }

    public func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        let bundled = try IBSICheckSpecification.document()
        let recorded: JSONValue
        do {
            recorded = try CanonicalJSON.parse(params)
        } catch {
            throw RadVaultError(
                .invalidInput, "ibsi-check params: expected a \(IBSICheckSpecification.format) JSON document",
                cause: error)
        }
        let differences = IBSICheckSpecification.differences(recorded: recorded, bundled: bundled)
        guard differences.isEmpty else {
            throw RadVaultError.unsupported(
                "ibsi-check params: they name other IBSI reference data than this build ships ("
                    + differences.joined(separator: "; ") + "); expected the bundled data")
        }
        let report = try IBSICheck.run()
        return ["report": Data(CanonicalJSON.bytes(report.jsonValue))]
    }
}
