import Foundation
import RadVaultCore

/// A deterministic analysis step that turns input blobs and a parameter blob into output blobs.
///
/// `radvault extract`, `model` and `radiogenomics` and `radvault replay` call the same
/// executor (DESIGN.md, "one code path for doing and for re-doing"). An executor must be a pure
/// function of its inputs and parameters: no clock, no unseeded RNG, no dependence on thread
/// count; outputs should be canonical JSON so that the comparison engine can compare values.
public protocol Executor: Sendable {
    /// The run kind this executor performs (`extract`, `model`, `radiogenomics`, `ibsi-check`).
    var kind: String { get }
    /// The executor's name, recorded in every run (e.g. `radvault-extract`).
    var name: String { get }
    /// The executor's version; a recorded run is replayable only by the same version.
    var version: String { get }
    /// How far a replayed numeric value may drift and still count as `equivalent`.
    var tolerance: Tolerance { get }
    /// The discrete choices in the outputs whose changes a reviewer must see.
    var decisions: [DecisionRule] { get }

    /// Runs the step: input role → bytes, parameter bytes → output role → bytes.
    func execute(inputs: [String: Data], params: Data) throws -> [String: Data]

    /// Runs the step with a private scratch directory for temporary files (removed afterwards).
    func execute(inputs: [String: Data], params: Data, scratch: URL) throws -> [String: Data]
}

extension Executor {
    public var decisions: [DecisionRule] { [] }

    public func execute(inputs: [String: Data], params: Data, scratch: URL) throws -> [String: Data] {
        try execute(inputs: inputs, params: params)
    }
}

/// A numeric tolerance: `|a − b| ≤ absolute + relative · max(|a|, |b|)`.
///
/// Why both: absolute alone is meaningless across feature scales (volumes in mm³ next to
/// probabilities); relative alone fails near zero (numpy's `isclose` combines them the same way,
/// though asymmetrically; this one is symmetric so the verdict does not depend on the order).
public struct Tolerance: Codable, Hashable, Sendable {
    public var absolute: Double
    public var relative: Double

    public init(absolute: Double, relative: Double) {
        self.absolute = absolute
        self.relative = relative
    }

    /// Bit-for-bit: any numeric change is a difference.
    public static let exact = Tolerance(absolute: 0, relative: 0)

    /// Whether `a` and `b` agree within this tolerance (NaN agrees only with NaN).
    public func accepts(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return true }
        if !a.isFinite || !b.isFinite { return false }
        return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }
}
