import RadVaultCore

/// A dotted path into a JSON document where `*` matches every object key or array element,
/// e.g. `genes.*.q` or `coefficients.*`.
///
/// Each match carries the item it was reached through: the keys (or array-element labels, see
/// `OutputComparator.identifyingFields`) captured by the wildcards, joined with `/`.
public struct PathPattern: Hashable, Sendable, CustomStringConvertible {
    enum Segment: Hashable, Sendable {
        case key(String)
        case wildcard
    }

    let segments: [Segment]
    public let description: String

    /// Parses `a.b.*.c` (an executor's own constant; an empty key simply matches nothing).
    public init(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        segments = parts.map { $0 == "*" ? .wildcard : .key($0) }
        description = text
    }

    /// Every (item, value) the pattern reaches in `document`, sorted by item.
    public func matches(in document: JSONValue) -> [(item: String, value: JSONValue)] {
        var out: [(item: String, value: JSONValue)] = []
        walk(document, segments[...], captured: [], into: &out)
        return out.sorted { $0.item < $1.item }
    }

    private func walk(
        _ v: JSONValue, _ rest: ArraySlice<Segment>, captured: [String],
        into out: inout [(item: String, value: JSONValue)]
    ) {
        guard let head = rest.first else {
            out.append((item: captured.joined(separator: "/"), value: v))
            return
        }
        let tail = rest.dropFirst()
        switch (head, v) {
        case (.key(let k), .object(let o)):
            if let next = o[k] { walk(next, tail, captured: captured, into: &out) }
        case (.wildcard, .object(let o)):
            for k in o.keys.sorted() {
                if let next = o[k] { walk(next, tail, captured: captured + [k], into: &out) }
            }
        case (.wildcard, .array(let a)):
            for (i, e) in a.enumerated() {
                walk(e, tail, captured: captured + [OutputComparator.elementLabel(e, index: i)], into: &out)
            }
        default:
            return
        }
    }
}
