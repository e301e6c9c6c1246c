import MDNCore

/// Reference implementations that only tests need (kept out of the product).
extension GEMM {
    /// Reference triple loop (Double accumulation) for tests and checks.
    public static func naive(
        m: Int, n: Int, k: Int,
        a: [Float], lda: Int, transposeA: Bool,
        b: [Float], ldb: Int, transposeB: Bool
    ) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let av = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    s += Double(av) * Double(bv)
                }
                c[i * n + j] = Float(s)
            }
        }
        return c
    }
}
