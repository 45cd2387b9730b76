import Foundation

/// The morphology family table: one row per IBSI-1 feature, with formula and edge cases.
extension MorphologyFeatures {
    static let shapeRows: [Row] = [
        row(
            "morph_volume", "RNU0", "Volume (mesh)",
            "Mesh volume V = |Σ_k a_k·(b_k × c_k)| / 6 over the faces of the closed, outward-oriented "
                + "marching-cubes mesh (isovalue 0.5, mask padded by one voxel, spacing applied). One voxel gives "
                + "an octahedron of volume V_voxel/6. PyRadiomics: MeshVolume."
        ) { $0.volume },
        row(
            "morph_vol_approx", "YEKZ", "Volume (voxel counting)",
            "Voxel-counting volume N_v,m × voxel volume of the morphological mask. PyRadiomics: VoxelVolume."
        ) { $0.voxelVolume },
        row(
            "morph_area_mesh", "C0JK", "Surface area (mesh)",
            "Mesh surface area A = Σ_k |ab_k × ac_k| / 2. PyRadiomics: SurfaceArea."
        ) { $0.area },
        row(
            "morph_av", "2PR5", "Surface to volume ratio",
            "A / V (mm⁻¹, not dimensionless). PyRadiomics: SurfaceVolumeRatio."
        ) { ratio($0.area, $0.volume) },
        row(
            "morph_comp_1", "SKGS", "Compactness 1",
            "V / (√π A^{3/2}). PyRadiomics: Compactness1 (deprecated there)."
        ) { ratio($0.volume, Double.pi.squareRoot() * pow($0.area, 1.5)) },
        row(
            "morph_comp_2", "BQWJ", "Compactness 2",
            "36π V² / A³. PyRadiomics: Compactness2 (deprecated there)."
        ) { ratio(36 * Double.pi * $0.volume * $0.volume, pow($0.area, 3)) },
        row(
            "morph_sph_dispr", "KRCK", "Spherical disproportion",
            "A / (36π V²)^{1/3}. PyRadiomics: SphericalDisproportion (deprecated there)."
        ) { ratio($0.area, pow(36 * Double.pi * $0.volume * $0.volume, 1.0 / 3)) },
        row(
            "morph_sphericity", "QCFX", "Sphericity",
            "(36π V²)^{1/3} / A. PyRadiomics: Sphericity."
        ) { ratio(pow(36 * Double.pi * $0.volume * $0.volume, 1.0 / 3), $0.area) },
        row(
            "morph_asphericity", "25C7", "Asphericity",
            "(A³ / (36π V²))^{1/3} − 1; 0 for a sphere. Not in PyRadiomics."
        ) { ratio($0.area, pow(36 * Double.pi * $0.volume * $0.volume, 1.0 / 3)) - 1 },
        row(
            "morph_com", "KLMA", "Centre of mass shift",
            "‖CoM_geom − CoM_gl‖₂: the mean voxel centre of the morphological mask against the "
                + "intensity-weighted mean voxel centre of the intensity mask (mm). NaN when the intensities "
                + "sum to 0 (the weighted centre is undefined). Not in PyRadiomics."
        ) { $0.centreOfMassShift },
        row(
            "morph_diam", "L0JK", "Maximum 3D diameter",
            "Largest distance between two mesh vertices, found exactly among the convex hull vertices. "
                + "PyRadiomics: Maximum3DDiameter."
        ) { $0.maximumDiameter },
    ]

    static let axisRows: [Row] = [
        row(
            "morph_pca_maj_axis", "TDIC", "Major axis length",
            "4√λ_major, λ the eigenvalues of the sample covariance (N − 1) of the morphological voxel "
                + "centres (mm). 0 for a single voxel. PyRadiomics: MajorAxisLength."
        ) { 4 * $0.eigenvalues[0].squareRoot() },
        row(
            "morph_pca_min_axis", "P9VJ", "Minor axis length",
            "4√λ_minor (second eigenvalue). PyRadiomics: MinorAxisLength."
        ) { 4 * $0.eigenvalues[1].squareRoot() },
        row(
            "morph_pca_least_axis", "7J51", "Least axis length",
            "4√λ_least (smallest eigenvalue). PyRadiomics: LeastAxisLength."
        ) { 4 * $0.eigenvalues[2].squareRoot() },
        row(
            "morph_pca_elongation", "Q3CK", "Elongation",
            "√(λ_minor / λ_major); NaN when λ_major = 0 (one voxel). PyRadiomics: Elongation."
        ) { ratio($0.eigenvalues[1], $0.eigenvalues[0]).squareRoot() },
        row(
            "morph_pca_flatness", "N17B", "Flatness",
            "√(λ_least / λ_major); NaN when λ_major = 0 (one voxel). PyRadiomics: Flatness."
        ) { ratio($0.eigenvalues[2], $0.eigenvalues[0]).squareRoot() },
    ]

    static let densityRows: [Row] = [
        row(
            "morph_vol_dens_aabb", "PBX1", "Volume density (axis-aligned bounding box)",
            "V / V_aabb, the box of the mesh vertices along the image axes (also called extent). "
                + "Not in PyRadiomics."
        ) { ratio($0.volume, $0.aabbVolume) },
        row(
            "morph_area_dens_aabb", "R59B", "Area density (axis-aligned bounding box)",
            "A / A_aabb for the same box. Not in PyRadiomics."
        ) { ratio($0.area, $0.aabbArea) },
        row(
            "morph_vol_dens_aee", "6BDE", "Volume density (approximate enclosing ellipsoid)",
            "3V / (4π abc) with PCA semi-axes a, b, c = 2√λ; NaN when an eigenvalue is 0 (voxels on a "
                + "line or plane). Not in PyRadiomics."
        ) { m in
            let s = pcaSemiAxes(m)
            return ratio(3 * m.volume, 4 * Double.pi * s[0] * s[1] * s[2])
        },
        row(
            "morph_area_dens_aee", "RDD2", "Area density (approximate enclosing ellipsoid)",
            "A / A_aee, the ellipsoid area by the Legendre series of IBSI-1 stopped after ν = 20; NaN when "
                + "a = 0. Not in PyRadiomics."
        ) { m in
            let s = pcaSemiAxes(m)
            return ratio(m.area, EnclosingEllipsoid.surfaceArea(s[0], s[1], s[2]))
        },
        row(
            "morph_vol_dens_mvee", "SWZ1", "Volume density (minimum volume enclosing ellipsoid)",
            "V / (4π abc / 3) for the minimum-volume enclosing ellipsoid of the convex hull vertices "
                + "(Khachiyan's algorithm, tolerance 0.001). IBSI gives no reference value. Not in PyRadiomics."
        ) { m in ratio(3 * m.volume, 4 * Double.pi * m.mveeAxes[0] * m.mveeAxes[1] * m.mveeAxes[2]) },
        row(
            "morph_area_dens_mvee", "BRI8", "Area density (minimum volume enclosing ellipsoid)",
            "A / A_mvee, the MVEE area by the same Legendre series. IBSI gives no reference value. "
                + "Not in PyRadiomics."
        ) { m in ratio(m.area, EnclosingEllipsoid.surfaceArea(m.mveeAxes[0], m.mveeAxes[1], m.mveeAxes[2])) },
        row(
            "morph_vol_dens_conv_hull", "R3ER", "Volume density (convex hull)",
            "V / V_convex, the exact convex hull of the mesh vertices (solidity). Not in PyRadiomics."
        ) { ratio($0.volume, $0.hullVolume) },
        row(
            "morph_area_dens_conv_hull", "7T7F", "Area density (convex hull)",
            "A / A_convex for the same hull. Not in PyRadiomics."
        ) { ratio($0.area, $0.hullArea) },
    ]

    static let intensityRows: [Row] = [
        row(
            "morph_integ_int", "99N0", "Integrated intensity",
            "V × mean intensity of the intensity mask (total lesion glycolysis in FDG-PET). "
                + "Not in PyRadiomics."
        ) { $0.volume * $0.meanIntensity },
        row(
            "morph_moran_i", "N365", "Moran's I index",
            "N/W · Σ_{i≠j} w_ij (x_i − μ)(x_j − μ) / Σ (x_i − μ)², w_ij = 1/‖r_i − r_j‖ (mm) over all "
                + "intensity-mask voxel pairs, exact (FFT correlation, no subsampling). NaN for fewer than 2 "
                + "voxels or constant intensity. Not in PyRadiomics."
        ) { $0.moransI },
        row(
            "morph_geary_c", "NPT7", "Geary's C measure",
            "(N − 1)/(2W) · Σ_{i≠j} w_ij (x_i − x_j)² / Σ (x_i − μ)², same weights, exact. NaN for fewer "
                + "than 2 voxels or constant intensity. Not in PyRadiomics."
        ) { $0.gearysC },
    ]
}
