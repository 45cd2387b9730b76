/// The Radiomics module (see DESIGN.md).
public enum RadiomicsModule { public static let name = "Radiomics" }
