import Foundation
import RadVaultCore
import Yams

/// A strict reader over one JSON object of a settings document: every access names the full
/// key path in its error, and `finish()` refuses keys that were never read.
struct SettingsReader {
    let object: [String: JSONValue]
    /// Dotted path of this object in the document ("" for the root).
    let path: String
    /// The document's name for error messages (a file path or "settings").
    let source: String
    private var read: Set<String> = []

    init(_ value: JSONValue, path: String, source: String) throws {
        guard let object = value.objectValue else {
            let name = path.isEmpty ? "the document" : path
            throw RadVaultError.invalidInput("\(source): \(name): expected a mapping of keys to values")
        }
        self.object = object
        self.path = path
        self.source = source
    }

    /// The dotted path of `key` inside this object.
    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error naming the key and the expectation.
    func error(_ key: String, _ expectation: String) -> RadVaultError {
        RadVaultError.invalidInput("\(source): \(keyPath(key)): \(expectation)")
    }

    /// The raw value of `key`, nil if absent or null.
    mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        guard let v = object[key], v != .null else { return nil }
        return v
    }

    mutating func double(_ key: String) throws -> Double? {
        guard let v = value(key) else { return nil }
        guard let d = v.doubleValue, d.isFinite, v.stringValue == nil else {
            throw error(key, "expected a finite number")
        }
        return d
    }

    mutating func int(_ key: String) throws -> Int? {
        guard let v = value(key) else { return nil }
        guard case .int(let i) = v else { throw error(key, "expected an integer") }
        return Int(i)
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.boolValue else { throw error(key, "expected true or false") }
        return b
    }

    mutating func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.stringValue else { throw error(key, "expected a string") }
        return s
    }

    mutating func array(_ key: String) throws -> [JSONValue]? {
        guard let v = value(key) else { return nil }
        guard let a = v.arrayValue else { throw error(key, "expected a list") }
        return a
    }

    mutating func object(_ key: String) throws -> SettingsReader? {
        guard let v = value(key) else { return nil }
        return try SettingsReader(v, path: keyPath(key), source: source)
    }

    /// Refuses any key that was not read, naming the first (in sorted order).
    func finish(allowed: String) throws {
        if let unknown = object.keys.sorted().first(where: { !read.contains($0) }) {
            throw RadVaultError.invalidInput("\(source): \(keyPath(unknown)): unknown key; expected one of \(allowed)")
        }
    }

    /// Parses YAML (a JSON document is valid YAML) into a `JSONValue` with YAML 1.1 core tags.
    static func parseYAML(_ text: String, source: String) throws -> JSONValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw RadVaultError.invalidInput("\(source): not valid YAML: \(error)")
        }
        guard let node else { throw RadVaultError.invalidInput("\(source): the document is empty") }
        return try json(node, path: "", source: source)
    }

    static func json(_ node: Node, path: String, source: String) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { try json($1, path: "\(path)[\($0)]", source: source) })
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.string else {
                    throw RadVaultError.invalidInput("\(source): \(path): a key is not a string")
                }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard object[key] == nil else {
                    throw RadVaultError.invalidInput("\(source): \(childPath): duplicate key")
                }
                object[key] = try json(valueNode, path: childPath, source: source)
            }
            return .object(object)
        case .alias:
            throw RadVaultError.invalidInput("\(source): \(path): YAML aliases are not accepted in settings")
        }
    }
}
