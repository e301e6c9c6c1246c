import MDNCore

/// Matrix conveniences that only tests need (kept out of the product).
extension Matrix {
    /// The transpose (a copy).
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for r in 0..<rows { for c in 0..<cols { t.storage[c * rows + r] = storage[r * cols + c] } }
        return t
    }

    /// op(self) * op(other), where op transposes when asked (uses the SIMD GEMM kernel).
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let m = transposeSelf ? cols : rows
        let k = transposeSelf ? rows : cols
        let k2 = transposeOther ? other.cols : other.rows
        let n = transposeOther ? other.rows : other.cols
        precondition(k == k2, "inner dimensions differ: \(k) vs \(k2)")
        var result = Matrix(rows: m, cols: n)
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(
                        m: m, n: n, k: k,
                        a: a.baseAddress!, lda: cols, transposeA: transposeSelf,
                        b: b.baseAddress!, ldb: other.cols, transposeB: transposeOther,
                        c: c.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }
}
