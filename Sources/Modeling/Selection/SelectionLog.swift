/// What one selection step did.
public struct SelectionLog: Codable, Sendable, Equatable {
    public var step: String
    public var before: Int
    public var after: Int
    /// Removed features with the reason (e.g. "constant", "r = 0.97 with original_feat_02", "q = 0.4").
    public var removed: [DroppedColumn]
}
