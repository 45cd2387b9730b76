import RadVaultCore

/// What an artifact is, as far as the archive is concerned (DESIGN.md, "Archive layout").
///
/// The archive knows nothing about radiomics; the kind only decides which metadata is recorded
/// (images carry a grid) and where the artifact is listed in the manifests.
public enum ArtifactKind: String, Codable, CaseIterable, Sendable, Comparable {
    case scan, mask, params, features, clinical, genes, genesets, model, result, report

    /// Parses a kind name, with an error that lists the accepted names.
    public init(parsing text: String) throws {
        guard let kind = ArtifactKind(rawValue: text.lowercased()) else {
            let names = ArtifactKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw RadVaultError.invalidInput("artifact kind '\(text)': expected one of \(names)")
        }
        self = kind
    }

    /// Whether artifacts of this kind are images with a voxel grid.
    public var isImage: Bool { self == .scan || self == .mask }

    public static func < (a: ArtifactKind, b: ArtifactKind) -> Bool {
        let order = ArtifactKind.allCases
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}
