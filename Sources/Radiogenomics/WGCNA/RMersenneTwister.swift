/// R's default random number generator, reproduced so that `KNNImputation` picks the same
/// starting genes as `impute::impute.knn`: Mersenne-Twister (Matsumoto & Nishimura 1998) seeded
/// as R's `set.seed` seeds it, `unif_rand`, and `sample` without replacement with R ≥ 3.6's
/// rejection sampling (`R_unif_index`).
///
/// Why here and not RadVaultCore's `SeededGenerator`: this is the reference's own generator,
/// needed bit for bit to reproduce its clustering; it is local, seeded, and never global.
/// Checked against R 4.2.2 `set.seed(362436069); sample(seq(420), 2)` etc. in
/// Fixtures/knn/r_sample_and_log.txt.
struct RMersenneTwister {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var mti = 624

    /// As `set.seed(seed)` (RNG_Init: 50 linear-congruential scrambling steps, then one step per
    /// word of the 625-word seed vector, whose first word, the position, is reset to 624).
    init(seed: Int32) {
        var s = UInt32(bitPattern: seed)
        for _ in 0..<50 { s = 69069 &* s &+ 1 }
        s = 69069 &* s &+ 1
        for j in 0..<624 {
            s = 69069 &* s &+ 1
            mt[j] = s
        }
        mti = 624
    }

    /// The next 32-bit output (MT19937 with R's tempering), as a double in [0, 1).
    private mutating func genrand() -> Double {
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7FFF_FFFF
        let mag01: [UInt32] = [0, 0x9908_B0DF]
        if mti >= 624 {
            for kk in 0..<624 {
                let y = (mt[kk] & upper) | (mt[(kk + 1) % 624] & lower)
                mt[kk] = mt[(kk + 397) % 624] ^ (y >> 1) ^ mag01[Int(y & 1)]
            }
            mti = 0
        }
        var y = mt[mti]
        mti += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return Double(y) * 2.3283064365386963e-10
    }

    /// `unif_rand()`: a uniform in (0, 1).
    mutating func uniform() -> Double {
        let half = 0.5 * 2.328306437080797e-10
        let x = genrand()
        if x <= 0 { return half }
        if 1 - x <= 0 { return 1 - half }
        return x
    }

    /// `R_unif_index(dn)`: a uniform integer in 0..<dn by rejection from `bits` random bits,
    /// 16 at a time.
    mutating func index(below dn: Int) -> Int {
        guard dn > 0 else { return 0 }
        var bits = 0
        while (1 << bits) < dn { bits += 1 }
        while true {
            var v: Int64 = 0
            for _ in stride(from: 0, through: bits, by: 16) {
                v = 65536 * v + Int64((uniform() * 65536).rounded(.down))
            }
            let dv = Int(v & ((Int64(1) << Int64(bits)) - 1))
            if dv < dn { return dv }
        }
    }

    /// `sample(seq(p), 2)` as 0-based positions (R's partial Fisher–Yates without replacement).
    mutating func sampleTwo(from p: Int) -> (Int, Int) {
        let first = index(below: p)
        let j = index(below: p - 1)
        // Why: R moves the last element into the drawn slot before the second draw.
        let second = j == first ? p - 1 : j
        return (first, second)
    }
}
