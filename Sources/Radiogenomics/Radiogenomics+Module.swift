/// The Radiogenomics module (see DESIGN.md).
public enum RadiogenomicsModule { public static let name = "Radiogenomics" }
