import Imaging
import RadVaultCore

extension Extractor {
    /// Reads a NIfTI image and mask and extracts every requested family: the same result as
    /// `NIfTIFile.read`, `NIfTIFile.readMask` and `extract(image:mask:settings:kernels:)`.
    ///
    /// Why: without interpolation the extractor crops to the ROI's neighbourhood first (exact,
    /// see `ROICrop`), so only that box of the image is decoded (`NIfTIFile.read(path:low:high:)`):
    /// the slices after it are not inflated and the voxels outside it are not converted. With
    /// interpolation the whole image is read. The "input" diagnostics step reports the image's
    /// full dimensions; its ROI statistics only read voxels inside the mask, which the box holds.
    /// The image header is checked before the mask is read, its voxels after.
    public static func extract(
        imagePath: String, maskPath: String, settings: ExtractionSettings, kernels: ExtractionKernels = .standard
    ) throws -> FeatureResult {
        guard settings.interpolation == nil else {
            let image = try NIfTIFile.read(path: imagePath)
            let mask = try NIfTIFile.readMask(path: maskPath, label: settings.maskLabel)
            return try extract(image: image, mask: mask, settings: settings, kernels: kernels)
        }
        let grid = try NIfTIFile.readGrid(path: imagePath)
        let mask = try NIfTIFile.readMask(path: maskPath, label: settings.maskLabel)
        try checkInputs(imageDimensions: grid.dimensions, mask: mask, settings: settings)
        let last = grid.dimensions.map { $0 - 1 }
        guard let (low, high) = ROICrop.box(of: mask), low != [0, 0, 0] || high != last else {
            let image = try NIfTIFile.read(path: imagePath)
            return try extract(image: image, mask: mask, settings: settings, kernels: kernels)
        }
        let image = try NIfTIFile.read(path: imagePath, low: low, high: high)
        let cropped = Mask(grid: image.grid, voxels: ROICrop.crop(mask.voxels, from: mask.grid, low: low, high: high))
        var input = snapshot("input", image: image, intensity: cropped, morphological: cropped)
        input.dimensions = grid.dimensions
        return try extract(cropped: image, mask: cropped, inputStep: input, settings: settings, kernels: kernels)
    }
}
