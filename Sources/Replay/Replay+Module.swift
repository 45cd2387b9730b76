/// The Replay module (see DESIGN.md).
public enum ReplayModule { public static let name = "Replay" }
