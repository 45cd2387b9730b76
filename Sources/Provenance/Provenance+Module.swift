/// The Provenance module (see DESIGN.md).
public enum ProvenanceModule { public static let name = "Provenance" }
