/// Transforms many equal-length complex lines in chunks, each chunk gathered into a small transposed
/// buffer (element q of signal b at q·count + b).
///
/// Why: in that layout every butterfly of `FourierTransform` runs its innermost loop over
/// contiguous memory, the working set of a chunk stays in cache, and the ping-pong scratch is a
/// chunk rather than a whole lattice (no page faults from lattice-sized temporaries). The caller
/// gathers its lines into the chunk and scatters the spectra back, so strided, mirrored or
/// zero-padded lines cost nothing extra.
struct LineBatch {
    let plan: FourierTransform
    /// Most signals per chunk.
    let capacity: Int
    private var buffer: [Double]

    /// A batch for lines of length `plan.n`, at most `capacity` signals per chunk.
    init(plan: FourierTransform, capacity: Int) {
        self.plan = plan
        self.capacity = max(1, capacity)
        buffer = [Double](repeating: 0, count: 4 * plan.n * self.capacity)
    }

    /// Chunk capacity that keeps one chunk (four arrays of n·capacity doubles) near `bytes`.
    static func capacity(length n: Int, bytes: Int = 256 * 1024) -> Int { max(8, bytes / (32 * max(n, 1))) }

    /// Fills `count` ≤ `capacity` signals with `fill(re, im, count)` (transposed layout, all
    /// n·count elements must be written, or the first n/2 of each signal when `upperHalfZero`
    /// says the rest is zero, see `FourierTransform.forward`), transforms them forward (sign −1,
    /// unnormalised) and hands the spectra, same layout, to `drain(re, im, count)`.
    mutating func transform(
        count: Int, upperHalfZero: Bool = false,
        fill: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void,
        drain: (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Void
    ) {
        let n = plan.n
        let block = n * capacity
        let plan = self.plan
        buffer.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let re = base
            let im = base + block
            fill(re, im, count)
            let batch = FFTBatch(count: count, elementStride: count, signalStride: 1)
            plan.forward(batch, re, im, base + 2 * block, base + 3 * block, upperHalfZero: upperHalfZero)
            drain(re, im, count)
        }
    }
}
