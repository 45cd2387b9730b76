import RadVaultCore

/// The distance norm used to measure a voxel's distance to the ROI edge in the GLDZM.
///
/// IBSI-1 §3.10 ("Distances"): the default is the Manhattan norm (erosion with a 6-connected
/// structure element in 3D, 4-connected in 2D); the Chebyshev norm merely changes the structure
/// element to 26- (3D) or 8-connected (2D).
public enum TextureDistanceNorm: String, Sendable, Hashable, Codable, CaseIterable {
    case manhattan
    case chebyshev
}

/// Parameters of the six IBSI-1 texture families.
///
/// Defaults are the IBSI reference settings (IBSI-1 §5, digital phantom and CT configurations):
/// GLCM Chebyshev distance δ = 1, NGTDM and NGLDM δ = 1, NGLDM coarseness α = 0 and the Manhattan
/// norm for the GLDZM distance map.
public struct TextureSettings: Sendable, Hashable, Codable {
    /// Chebyshev distance δ of the GLCM direction vectors (IBSI-1 §3.6, "Distances").
    public var glcmDistance: Int = 1
    /// Chebyshev radius δ of the NGTDM neighbourhood (IBSI-1 §3.11).
    public var ngtdmDistance: Int = 1
    /// Chebyshev radius δ of the NGLDM neighbourhood (IBSI-1 §3.12).
    public var ngldmDistance: Int = 1
    /// NGLDM coarseness α: neighbours are dependent when their grey levels differ by at most α.
    public var ngldmCoarseness: Int = 0
    /// Norm of the GLDZM distance-to-edge map (IBSI-1 §3.10).
    public var gldzmDistance: TextureDistanceNorm = .manhattan

    /// The largest distance accepted; larger neighbourhoods are refused rather than allocated.
    public static let maximumDistance = 16

    public init(
        glcmDistance: Int = 1, ngtdmDistance: Int = 1, ngldmDistance: Int = 1, ngldmCoarseness: Int = 0,
        gldzmDistance: TextureDistanceNorm = .manhattan
    ) {
        self.glcmDistance = glcmDistance
        self.ngtdmDistance = ngtdmDistance
        self.ngldmDistance = ngldmDistance
        self.ngldmCoarseness = ngldmCoarseness
        self.gldzmDistance = gldzmDistance
    }

    private enum CodingKeys: String, CodingKey {
        case glcmDistance, ngtdmDistance, ngldmDistance, ngldmCoarseness, gldzmDistance
    }

    /// Decodes the settings; a missing key keeps its IBSI default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        glcmDistance = try c.decodeIfPresent(Int.self, forKey: .glcmDistance) ?? 1
        ngtdmDistance = try c.decodeIfPresent(Int.self, forKey: .ngtdmDistance) ?? 1
        ngldmDistance = try c.decodeIfPresent(Int.self, forKey: .ngldmDistance) ?? 1
        ngldmCoarseness = try c.decodeIfPresent(Int.self, forKey: .ngldmCoarseness) ?? 0
        gldzmDistance = try c.decodeIfPresent(TextureDistanceNorm.self, forKey: .gldzmDistance) ?? .manhattan
    }

    /// Checks every parameter and names the first one out of range.
    public func validate() throws {
        let distances = [
            ("glcmDistance", glcmDistance), ("ngtdmDistance", ngtdmDistance), ("ngldmDistance", ngldmDistance),
        ]
        for (name, value) in distances where value < 1 || value > Self.maximumDistance {
            throw RadVaultError.invalidInput(
                "TextureSettings.\(name) is \(value); expected an integer distance in 1...\(Self.maximumDistance)")
        }
        if ngldmCoarseness < 0 {
            throw RadVaultError.invalidInput(
                "TextureSettings.ngldmCoarseness is \(ngldmCoarseness); expected a non-negative integer")
        }
    }
}
