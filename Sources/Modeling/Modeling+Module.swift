/// The Modeling module (see DESIGN.md).
public enum ModelingModule { public static let name = "Modeling" }
