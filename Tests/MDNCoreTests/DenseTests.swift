import Testing

@testable import MDNCore

/// Dense's bias-gradient row sums, and the fused weight and bias gradients of a one-input layer.
@Suite struct DenseTests {
    @Test("rowSums: each row's sum is close to the exact sum and does not depend on its neighbours")
    func rowSumsPerRow() {
        let stride = 144
        for rows in [1, 3, 4, 5, 9] {
            for columns in [0, 5, 16, 37, 128] {
                let m = randomFloats(rows * stride, seed: UInt64(rows * 1000 + columns))
                var together = [Float](repeating: .nan, count: rows)
                m.withUnsafeBufferPointer { mp in
                    Dense.rowSums(mp.baseAddress!, rows: rows, columns: columns, stride: stride, into: &together)
                }
                for i in 0..<rows {
                    // The same row summed alone: four rows at once must not change a bit.
                    var alone: Float = .nan
                    m.withUnsafeBufferPointer { mp in
                        Dense.rowSums(
                            mp.baseAddress! + i * stride, rows: 1, columns: columns, stride: stride, into: &alone)
                    }
                    let exact = m[(i * stride)..<(i * stride + columns)].reduce(0.0) { $0 + Double($1) }
                    #expect(together[i].bitPattern == alone.bitPattern, "rows \(rows) columns \(columns) row \(i)")
                    #expect(abs(Double(together[i]) - exact) <= 1e-5 * Double(max(columns, 1)))
                }
            }
        }
    }

    @Test("dotsAndRowSums: the bits of GEMM's one-row dot products and of rowSums, close to the exact sums")
    func dotsAndRowSumsMatchTheSeparatePasses() {
        let stride = 144
        for rows in [1, 2, 5, 128] {
            for columns in [0, 5, 16, 37, 128] {
                let seed = UInt64(rows * 1000 + columns)
                let x = randomFloats(stride, seed: seed)
                let m = randomFloats(rows * stride, seed: seed + 1)
                var dots = [Float](repeating: .nan, count: rows)
                var sums = [Float](repeating: .nan, count: rows)
                var gemmDots = [Float](repeating: .nan, count: rows)
                var rowSums = [Float](repeating: .nan, count: rows)
                x.withUnsafeBufferPointer { xp in
                    m.withUnsafeBufferPointer { mp in
                        Dense.dotsAndRowSums(
                            xp.baseAddress!, mp.baseAddress!, rows: rows, columns: columns, stride: stride,
                            dots: &dots, sums: &sums)
                        // What Dense.backward computed before: dW = x dZ^T through GEMM, db by rowSums.
                        GEMM.multiply(
                            m: 1, n: rows, k: columns, a: xp.baseAddress!, lda: stride, transposeA: false,
                            b: mp.baseAddress!, ldb: stride, transposeB: true, c: &gemmDots, ldc: rows)
                        Dense.rowSums(mp.baseAddress!, rows: rows, columns: columns, stride: stride, into: &rowSums)
                    }
                }
                for i in 0..<rows {
                    let row = m[(i * stride)..<(i * stride + columns)]
                    let exactSum = row.reduce(0.0) { $0 + Double($1) }
                    let exactDot = zip(x, row).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                    let label = "rows \(rows) columns \(columns) row \(i)"
                    #expect(dots[i].bitPattern == gemmDots[i].bitPattern, "dot, \(label)")
                    #expect(sums[i].bitPattern == rowSums[i].bitPattern, "sum, \(label)")
                    #expect(abs(Double(dots[i]) - exactDot) <= 1e-5 * Double(max(columns, 1)), "dot, \(label)")
                    #expect(abs(Double(sums[i]) - exactSum) <= 1e-5 * Double(max(columns, 1)), "sum, \(label)")
                }
            }
        }
    }
}
