/// The NIfTI voxel datatypes RadVault decodes (the real scalar types of nifti1.h `DT_*`).
///
/// Complex, RGB and 128-bit float types are recognised by name and refused as unsupported:
/// none of them is a scalar intensity image.
enum NIfTIDatatype: Int, CaseIterable, Sendable {
    case uint8 = 2
    case int16 = 4
    case int32 = 8
    case float32 = 16
    case float64 = 64
    case int8 = 256
    case uint16 = 512
    case uint32 = 768
    case int64 = 1024
    case uint64 = 1280

    /// Bytes per voxel.
    var byteWidth: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        }
    }

    /// The name used in `NIfTIHeaderInfo.datatype` and in `NIfTIFile.write(_:to:datatype:)`.
    var name: String { String(describing: self) }

    /// Whether the type holds integers (values must be whole and in range to be written).
    var isInteger: Bool { self != .float32 && self != .float64 }

    /// The representable range for integer types (as Double, for range checks before writing).
    var integerRange: ClosedRange<Double>? {
        switch self {
        case .uint8: return 0...Double(UInt8.max)
        case .int8: return Double(Int8.min)...Double(Int8.max)
        case .int16: return Double(Int16.min)...Double(Int16.max)
        case .uint16: return 0...Double(UInt16.max)
        case .int32: return Double(Int32.min)...Double(Int32.max)
        case .uint32: return 0...Double(UInt32.max)
        // 2^63 and 2^64 are not representable; stay strictly below them.
        case .int64: return -9_223_372_036_854_775_808.0...9_223_372_036_854_774_784.0
        case .uint64: return 0...18_446_744_073_709_549_568.0
        case .float32, .float64: return nil
        }
    }

    /// Looks a type up by its RadVault name ("float32", "int16", ...).
    static func named(_ name: String) -> NIfTIDatatype? {
        allCases.first { $0.name == name.lowercased() }
    }

    /// Names of NIfTI codes that exist but are not scalar intensities (for error messages).
    static func unsupportedName(code: Int) -> String? {
        switch code {
        case 1: return "binary (1 bit)"
        case 32: return "complex64"
        case 128: return "rgb24"
        case 1536: return "float128"
        case 1792: return "complex128"
        case 2048: return "complex256"
        case 2304: return "rgba32"
        default: return nil
        }
    }
}
