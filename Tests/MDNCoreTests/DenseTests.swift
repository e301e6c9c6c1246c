import Testing

@testable import MDNCore

/// Dense's bias-gradient row sums.
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
}
