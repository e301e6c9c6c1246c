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

    /// dst[c * destinationStride + r] = src[r * stride + c] for `rows` x `columns` values:
    /// row-major to feature-major and back. Full 8 x 8 blocks are transposed in registers.
    public static func transpose(
        _ src: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int,
        into dst: UnsafeMutablePointer<Float>, destinationStride: Int
    ) {
        precondition(stride >= columns && destinationStride >= rows, "stride too small for the shape")
        if columns == 1 || rows == 1 {
            for r in 0..<rows { for c in 0..<columns { dst[c * destinationStride + r] = src[r * stride + c] } }
            return
        }
        let rs = UnsafeRawPointer(src)
        let rd = UnsafeMutableRawPointer(dst)
        var r0 = 0
        while r0 + 8 <= rows {
            var c0 = 0
            while c0 + 8 <= columns {
                @inline(__always) func row(_ i: Int) -> SIMD8<Float> {
                    rs.loadUnaligned(fromByteOffset: ((r0 + i) * stride + c0) * 4, as: SIMD8<Float>.self)
                }
                var b = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
                GEMM.unzip(&b)
                GEMM.unzip(&b)
                GEMM.unzip(&b)
                @inline(__always) func put(_ v: SIMD8<Float>, _ i: Int) {
                    rd.storeBytes(of: v, toByteOffset: ((c0 + i) * destinationStride + r0) * 4, as: SIMD8<Float>.self)
                }
                put(b.0, 0)
                put(b.1, 1)
                put(b.2, 2)
                put(b.3, 3)
                put(b.4, 4)
                put(b.5, 5)
                put(b.6, 6)
                put(b.7, 7)
                c0 += 8
            }
            for c in c0..<columns { for r in r0..<(r0 + 8) { dst[c * destinationStride + r] = src[r * stride + c] } }
            r0 += 8
        }
        for r in r0..<rows { for c in 0..<columns { dst[c * destinationStride + r] = src[r * stride + c] } }
    }
}
