import Foundation
import RadVaultCore
import Replay

/// A small deterministic executor for the tests: scales a feature table and derives a selection.
///
/// Input `features`: `{"features": {"name": value}}`; params: `{"factor": f}`.
/// Output `scaled`: `{"features": {"name": value · f}, "selected": [names with |value · f| > 1],
/// "q": {"name": 1 / (1 + |value · f|)}, "module": {"name": "blue"|"grey"}}`.
struct ToyExecutor: Executor {
    var kind = "toy"
    var name = "radvault-toy"
    var version = "1.0"
    var tolerance = Tolerance(absolute: 1e-9, relative: 1e-9)
    var decisions: [DecisionRule] {
        [
            .listed("selected", output: "scaled", members: "selected.*", scores: "features.*", .absGreaterThan, 1),
            .threshold("q_significant", output: "scaled", scores: "q.*", .lessThan, 0.5),
            .label("module", output: "scaled", labels: "module.*"),
        ]
    }

    func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        guard let table = inputs["features"] else { throw RadVaultError.invalidInput("toy: no 'features' input") }
        let factor = try CanonicalJSON.parse(params)["factor"]?.doubleValue ?? 1
        let features = try CanonicalJSON.parse(table)["features"]?.objectValue ?? [:]
        return ["scaled": Data(CanonicalJSON.bytes(Self.output(features.compactMapValues(\.doubleValue), factor)))]
    }

    static func output(_ features: [String: Double], _ factor: Double) -> JSONValue {
        let scaled = features.mapValues { $0 * factor }
        return .object([
            "features": .object(scaled.mapValues { .number($0) }),
            "selected": .array(scaled.filter { abs($0.value) > 1 }.keys.sorted().map { .string($0) }),
            "q": .object(scaled.mapValues { .number(1 / (1 + abs($0))) }),
            "module": .object(scaled.mapValues { .string(abs($0) > 1 ? "blue" : "grey") }),
        ])
    }
}
