/// Separable resampling of a voxel array onto an `InterpolationGrid`, one axis at a time.
///
/// Why separable: the new grid is axis-aligned with the original (IBSI resamples along the
/// image's own axes), and nearest, linear and cubic B-spline interpolation are tensor products
/// of 1-D kernels, so x, then y, then z passes give the same result as the 3-D kernel at a
/// fraction of the cost. Positions outside the original grid take the nearest boundary value
/// (IBSI-1 026Q: "padding the original grid with the intensities at the boundary").
///
/// Numerical kernel: longer than the usual function size because the three kernels share the
/// line bookkeeping.
enum Resampler {
    /// Resamples `data` (x fastest, sizes `dims`) onto `target`; returns the new voxels.
    static func resample(_ data: [Double], dims: [Int], target: InterpolationGrid, method: InterpolationMethod)
        -> [Double]
    {
        var current = data
        var sizes = dims
        let newSizes = target.grid.dimensions
        for axis in 0..<3 {
            let identity = newSizes[axis] == sizes[axis] && target.start[axis] == 0 && target.step[axis] == 1
            if identity { continue }
            current = resampleAxis(
                current, sizes: sizes, axis: axis, count: newSizes[axis], start: target.start[axis],
                step: target.step[axis], method: method)
            sizes[axis] = newSizes[axis]
        }
        return current
    }

    /// One 1-D pass along `axis`: every line along that axis is resampled to `count` samples at
    /// positions start + j·step (original voxel coordinates).
    static func resampleAxis(
        _ input: [Double], sizes: [Int], axis: Int, count m: Int, start: Double, step: Double,
        method: InterpolationMethod
    ) -> [Double] {
        let n = sizes[axis]
        let inner = sizes[0..<axis].reduce(1, *)
        let outer = sizes[(axis + 1)...].reduce(1, *)
        let positions = (0..<m).map { start + Double($0) * step }
        var output = [Double](repeating: 0, count: outer * m * inner)
        input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                switch method {
                case .nearest:
                    let index = positions.map { min(max(Int(($0 + 0.5).rounded(.down)), 0), n - 1) }
                    for o in 0..<outer {
                        for j in 0..<m {
                            let s = o * n * inner + index[j] * inner
                            let d = o * m * inner + j * inner
                            for k in 0..<inner { dst[d + k] = src[s + k] }
                        }
                    }
                case .linear:
                    linear(src, dst, n: n, m: m, inner: inner, outer: outer, positions: positions)
                case .cubicSpline:
                    spline(src, dst, n: n, m: m, inner: inner, outer: outer, positions: positions)
                }
            }
        }
        return output
    }

    private static func linear(
        _ src: UnsafeBufferPointer<Double>, _ dst: UnsafeMutableBufferPointer<Double>, n: Int, m: Int, inner: Int,
        outer: Int, positions: [Double]
    ) {
        var lo = [Int](repeating: 0, count: m)
        var hi = [Int](repeating: 0, count: m)
        var weight = [Double](repeating: 0, count: m)
        for j in 0..<m {
            let p = min(max(positions[j], 0), Double(n - 1))
            let f = p.rounded(.down)
            lo[j] = Int(f)
            hi[j] = min(lo[j] + 1, n - 1)
            weight[j] = p - f
        }
        for o in 0..<outer {
            let base = o * n * inner
            for j in 0..<m {
                let a = base + lo[j] * inner, b = base + hi[j] * inner
                let w = weight[j]
                let d = o * m * inner + j * inner
                if w == 0 {
                    for k in 0..<inner { dst[d + k] = src[a + k] }
                } else {
                    for k in 0..<inner { dst[d + k] = src[a + k] + w * (src[b + k] - src[a + k]) }
                }
            }
        }
    }

    /// Cubic B-spline along lines: pad 12 edge values each side, prefilter, evaluate
    /// (scipy.ndimage `map_coordinates(order=3, mode="nearest")`).
    private static func spline(
        _ src: UnsafeBufferPointer<Double>, _ dst: UnsafeMutableBufferPointer<Double>, n: Int, m: Int, inner: Int,
        outer: Int, positions: [Double]
    ) {
        let pad = 12
        let length = n + 2 * pad
        var first = [Int](repeating: 0, count: m)
        var weights = [Double](repeating: 0, count: 4 * m)
        for j in 0..<m {
            let p = positions[j] + Double(pad)
            let f = p.rounded(.down)
            let t = p - f
            first[j] = Int(f) - 1
            weights[4 * j] = (1 - t) * (1 - t) * (1 - t) / 6
            weights[4 * j + 1] = (4 - 6 * t * t + 3 * t * t * t) / 6
            weights[4 * j + 2] = (1 + 3 * t + 3 * t * t - 3 * t * t * t) / 6
            weights[4 * j + 3] = t * t * t / 6
        }
        var line = [Double](repeating: 0, count: length)
        for o in 0..<outer {
            for k in 0..<inner {
                let base = o * n * inner + k
                for i in 0..<length { line[i] = src[base + min(max(i - pad, 0), n - 1) * inner] }
                BSpline.prefilterCubic(&line)
                let d = o * m * inner + k
                for j in 0..<m {
                    var sum = 0.0
                    for q in 0..<4 {
                        let i = min(max(first[j] + q, 0), length - 1)
                        sum += weights[4 * j + q] * line[i]
                    }
                    dst[d + j * inner] = sum
                }
            }
        }
    }
}

/// Cubic B-spline prefiltering (Unser 1999; the recursive filter of scipy's `ni_splines.c`
/// with mirror-symmetric boundaries).
enum BSpline {
    /// The pole of the cubic B-spline interpolation filter, √3 − 2.
    static let pole = 3.0.squareRoot() - 2

    /// Replaces samples by cubic B-spline coefficients in place.
    static func prefilterCubic(_ c: inout [Double]) {
        let n = c.count
        guard n > 1 else { return }
        let z = pole
        let gain = (1 - z) * (1 - 1 / z)
        for i in 0..<n { c[i] *= gain }
        // Causal initialisation, mirror boundary: c+[0] = Σ z^k s[k] over the mirrored signal.
        let zn1 = pow(z, n - 1)
        var zi = z
        var c0 = c[0] + zn1 * c[n - 1]
        for i in 1..<(n - 1) {
            c0 += zi * (c[i] + zn1 * c[n - 1 - i])
            zi *= z
        }
        c[0] = c0 / (1 - zn1 * zn1)
        for i in 1..<n { c[i] += z * c[i - 1] }
        // Anticausal initialisation, mirror boundary.
        c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1)
        for i in stride(from: n - 2, through: 0, by: -1) { c[i] = z * (c[i + 1] - c[i]) }
    }

    private static func pow(_ x: Double, _ k: Int) -> Double {
        var r = 1.0
        for _ in 0..<k { r *= x }
        return r
    }
}
