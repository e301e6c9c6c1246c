import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct GEMMTests {
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 7, 1), (7, 1, 7), (6, 16, 16), (7, 17, 15), (5, 3, 33), (129, 7, 1), (1, 129, 129),
        (13, 129, 31), (128, 128, 60), (64, 1, 128), (31, 60, 129), (2, 200, 17),
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
}
