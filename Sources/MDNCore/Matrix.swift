/// A dense float32 matrix stored row-major: element (r, c) is `storage[r * cols + c]`.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// Row-major values, `rows * cols` of them.
    public var storage: [Float]

    /// A rows x cols matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = [Float](repeating: value, count: rows * cols)
    }

    /// A rows x cols matrix over existing row-major values.
    public init(rows: Int, cols: Int, storage: [Float]) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        precondition(storage.count == rows * cols, "storage holds \(storage.count) values, shape needs \(rows * cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// Element at row r, column c.
    @inlinable public subscript(r: Int, c: Int) -> Float {
        get { storage[r * cols + c] }
        set { storage[r * cols + c] = newValue }
    }

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
