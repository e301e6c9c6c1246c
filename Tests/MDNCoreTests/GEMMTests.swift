import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct GEMMTests {
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 7, 1), (7, 1, 7), (6, 16, 16), (7, 17, 15), (5, 3, 33), (129, 7, 1), (1, 129, 129),
        (13, 129, 31), (128, 128, 60), (64, 1, 128), (31, 60, 129), (2, 200, 17),
        // 6-row blocks plus a 1- or 2-row edge (the 2 x 48 kernel), B read in place (n % 16 == 0).
        (8, 33, 64), (14, 9, 48), (1, 5, 64),
        // 6- and 5-row blocks that make up m exactly (128 = 18 * 6 + 4 * 5, 64 = 9 * 6 + 2 * 5).
        (128, 128, 128), (60, 128, 128), (64, 128, 1), (23, 17, 33), (20, 9, 32),
        // The blocked large-problem path: k > 256 (three depth blocks), m > 256, n > 512.
        (37, 600, 50), (300, 20, 40), (9, 7, 530),
    ]

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesNaiveForEveryShape(transposeA: Bool, transposeB: Bool) {
        for (i, (m, k, n)) in Self.shapes.enumerated() {
            let a = randomFloats(m * k, seed: UInt64(i * 2 + 1))
            let b = randomFloats(k * n, seed: UInt64(i * 2 + 2))
            let lda = transposeA ? m : k
            let ldb = transposeB ? k : n
            let expected = GEMM.naive(
                m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA,
                b: b, ldb: ldb, transposeB: transposeB)
            var c = [Float](repeating: .nan, count: m * n)
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        GEMM.multiply(
                            m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, transposeA: transposeA,
                            b: bp.baseAddress!, ldb: ldb, transposeB: transposeB, c: cp.baseAddress!, ldc: n)
                    }
                }
            }
            let worst = zip(c, expected).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-5 * Float(k), "shape \(m)x\(k)x\(n) tA=\(transposeA) tB=\(transposeB): error \(worst)")
        }
    }

    @Test func accumulateAddsAndRespectsLeadingDimension() {
        let m = 9
        let k = 5
        let n = 19
        let ldc = 23
        let a = randomFloats(m * k, seed: 11)
        let b = randomFloats(k * n, seed: 12)
        var c = [Float](repeating: 1, count: m * ldc)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    GEMM.multiply(
                        m: m, n: n, k: k, a: ap.baseAddress!, lda: k, transposeA: false,
                        b: bp.baseAddress!, ldb: n, transposeB: false, c: cp.baseAddress!, ldc: ldc, accumulate: true)
                }
            }
        }
        let ref = GEMM.naive(m: m, n: n, k: k, a: a, lda: k, transposeA: false, b: b, ldb: n, transposeB: false)
        for i in 0..<m {
            for j in 0..<ldc {
                // Columns past n (padding of the leading dimension) are untouched.
                let want: Float = j < n ? 1 + ref[i * n + j] : 1
                #expect(abs(c[i * ldc + j] - want) < 1e-5)
            }
        }
    }

    @Test func zeroInnerDimensionClearsOrKeeps() {
        var c = [Float](repeating: 3, count: 4)
        let a: [Float] = [0]
        let b: [Float] = [0]
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    GEMM.multiply(
                        m: 2, n: 2, k: 0, a: ap.baseAddress!, lda: 1, transposeA: false,
                        b: bp.baseAddress!, ldb: 2, transposeB: false, c: cp.baseAddress!, ldc: 2)
                }
            }
        }
        #expect(c == [0, 0, 0, 0])
    }

    @Test func matrixMultipliedMatchesHandExample() {
        // [[1,2],[3,4]] * [[5,6],[7,8]] = [[19,22],[43,50]]
        let a = Matrix(rows: 2, cols: 2, storage: [1, 2, 3, 4])
        let b = Matrix(rows: 2, cols: 2, storage: [5, 6, 7, 8])
        #expect(a.multiplied(by: b).storage == [19, 22, 43, 50])
        // A^T B = [[1,3],[2,4]] * B = [[26,30],[38,44]]
        #expect(a.multiplied(by: b, transposeSelf: true).storage == [26, 30, 38, 44])
        // A B^T = [[1*5+2*6, 1*7+2*8],[3*5+4*6, 3*7+4*8]] = [[17,23],[39,53]]
        #expect(a.multiplied(by: b, transposeOther: true).storage == [17, 23, 39, 53])
        #expect(a.transposed.storage == [1, 3, 2, 4])
    }

    /// The epilogue applied to a reference product: what `GEMM.Epilogue` promises.
    static func reference(_ v: Float, _ epilogue: String, bias: [Float], mask: [Float], i: Int, j: Int, n: Int) -> Float
    {
        switch epilogue {
        case "bias": return v + bias[i]
        case "biasRelu": return max(v + bias[i], 0)
        case "mask": return mask[i * n + j] > 0 ? v : 0
        default: return v
        }
    }

    @Test(arguments: ["bias", "biasRelu", "mask"], [false, true])
    func epiloguesMatchAReferenceOnEveryPath(epilogue: String, accumulate: Bool) {
        // Shapes through each path: vector products (m == 1, n == 1, k == 0), the outer product
        // (k == 1), 6 x 16 blocks with packed and in-place B, the 2-row edge, 5-row blocks, the
        // blocked path.
        let shapes = [
            (1, 9, 20), (20, 9, 1), (7, 0, 5), (13, 1, 37), (5, 1, 32), (13, 17, 31), (14, 33, 32), (23, 17, 33),
            (20, 9, 32), (8, 300, 40), (300, 3, 19),
        ]
        for (idx, (m, k, n)) in shapes.enumerated() {
            for transposeB in [false, true] {
                // At least one element each, so that an empty operand still has an address.
                let a = randomFloats(max(m * k, 1), seed: UInt64(100 + idx))
                let b = randomFloats(max(k * n, 1), seed: UInt64(200 + idx))
                let bias = randomFloats(m, seed: UInt64(300 + idx))
                let mask = randomFloats(m * n, seed: UInt64(400 + idx))
                let old = randomFloats(m * n, seed: UInt64(500 + idx))
                let ldb = transposeB ? k : n
                let product = GEMM.naive(
                    m: m, n: n, k: k, a: a, lda: k, transposeA: false, b: b, ldb: ldb, transposeB: transposeB)
                var c = old
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        bias.withUnsafeBufferPointer { biasp in
                            mask.withUnsafeBufferPointer { maskp in
                                c.withUnsafeMutableBufferPointer { cp in
                                    let e: GEMM.Epilogue =
                                        switch epilogue {
                                        case "bias": .bias(biasp.baseAddress!, relu: false)
                                        case "biasRelu": .bias(biasp.baseAddress!, relu: true)
                                        default: .reluMask(maskp.baseAddress!, ld: n)
                                        }
                                    GEMM.multiply(
                                        m: m, n: n, k: k, a: ap.baseAddress!, lda: k, transposeA: false,
                                        b: bp.baseAddress!, ldb: max(ldb, 1), transposeB: transposeB,
                                        c: cp.baseAddress!, ldc: n, accumulate: accumulate, epilogue: e)
                                }
                            }
                        }
                    }
                }
                var worst: Float = 0
                for i in 0..<m {
                    for j in 0..<n {
                        let v = product[i * n + j] + (accumulate ? old[i * n + j] : 0)
                        let want = Self.reference(v, epilogue, bias: bias, mask: mask, i: i, j: j, n: n)
                        worst = max(worst, abs(c[i * n + j] - want))
                    }
                }
                #expect(worst <= 1e-5 * Float(max(k, 1)), "\(epilogue) \(m)x\(k)x\(n) tB=\(transposeB): error \(worst)")
            }
        }
    }

    @Test(arguments: [false, true])
    func everyKernelSumsInTheSameOrder(transposeB: Bool) {
        // Every block kernel (6 and 5 rows, the 2-row edge; B packed or in place) computes an
        // element as one fused multiply-add per p in increasing order from 0, so which kernel
        // a row falls to never changes a bit: exactly a sequential FMA loop.
        for (idx, (m, k, n)) in [(128, 128, 64), (128, 60, 60), (23, 17, 33), (14, 9, 48), (8, 2, 16)].enumerated() {
            let a = randomFloats(m * k, seed: UInt64(600 + idx))
            let b = randomFloats(k * n, seed: UInt64(700 + idx))
            let ldb = transposeB ? k : n
            var c = [Float](repeating: .nan, count: m * n)
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        GEMM.multiply(
                            m: m, n: n, k: k, a: ap.baseAddress!, lda: k, transposeA: false,
                            b: bp.baseAddress!, ldb: ldb, transposeB: transposeB, c: cp.baseAddress!, ldc: n)
                    }
                }
            }
            var mismatches = 0
            for i in 0..<m {
                for j in 0..<n {
                    var s: Float = 0
                    for p in 0..<k { s.addProduct(a[i * k + p], transposeB ? b[j * k + p] : b[p * n + j]) }
                    if c[i * n + j].bitPattern != s.bitPattern { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "\(m)x\(k)x\(n) tB=\(transposeB): \(mismatches) elements differ")
        }
    }

    @Test func sameCallGivesTheSameBits() {
        // Deterministic summation order: repeated calls on every path agree exactly.
        for (m, k, n) in [(128, 128, 60), (37, 600, 50), (1, 128, 128)] {
            let a = randomFloats(m * k, seed: 7)
            let b = randomFloats(k * n, seed: 8)
            var runs: [[Float]] = []
            for _ in 0..<2 {
                var c = [Float](repeating: 0, count: m * n)
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            GEMM.multiply(
                                m: m, n: n, k: k, a: ap.baseAddress!, lda: k, transposeA: false,
                                b: bp.baseAddress!, ldb: n, transposeB: false, c: cp.baseAddress!, ldc: n)
                        }
                    }
                }
                runs.append(c)
            }
            #expect(runs[0] == runs[1])
        }
    }
}
