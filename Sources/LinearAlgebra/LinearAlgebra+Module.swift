/// The LinearAlgebra module (see DESIGN.md).
public enum LinearAlgebraModule { public static let name = "LinearAlgebra" }
