/// The ArchiveStore module (see DESIGN.md).
public enum ArchiveStoreModule { public static let name = "ArchiveStore" }
