/// Single-precision matrix multiply, C = op(A) * op(B) (or C += ...), in pure Swift SIMD.
///
/// op(B) is packed into zero-padded panels 16 columns wide; a 6 x 16 register-blocked
/// micro-kernel (12 ymm accumulators, `SIMD16.addProduct` -> vfmadd with FMA enabled)
/// walks 6 rows of op(A) at a time across every panel, so the 6 rows stay in L1 while the
/// packed B streams from L2. Edge rows reuse the last valid row and are not stored; edge
/// columns are computed padded and stored lane by lane.
public enum GEMM {
    /// Rows of C per micro-kernel call.
    static let mr = 6
    /// Columns of C per micro-kernel call (one SIMD16).
    static let nr = 16

    /// C (m x n, leading dimension ldc) = op(A) (m x k) * op(B) (k x n), or C += ... when
    /// `accumulate`. A is read as stored with leading dimension lda (op(A) = A^T when
    /// `transposeA`, so A is k x m); likewise B.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool = false
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM dimensions must be non-negative")
        precondition(ldc >= n, "ldc must be >= n")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let panels = (n + nr - 1) / nr
        let packedCount = panels * nr * k
        let raw = UnsafeMutableRawPointer.allocate(byteCount: packedCount * 4, alignment: 64)
        defer { raw.deallocate() }
        let packed = raw.bindMemory(to: Float.self, capacity: packedCount)
        packB(n: n, k: k, b: b, ldb: ldb, transposeB: transposeB, into: packed)

        // op(A)[i, p] = a[i * rs + p * cs].
        let rs = transposeA ? 1 : lda
        let cs = transposeA ? lda : 1
        var i = 0
        while i < m {
            let rows = min(mr, m - i)
            let rowBase = a + i * rs
            for panel in 0..<panels {
                let cols = min(nr, n - panel * nr)
                kernel6x16(
                    k: k, a: rowBase, rs: rs, cs: cs, rows: rows,
                    b: UnsafePointer(packed + panel * nr * k),
                    c: c + i * ldc + panel * nr, ldc: ldc, cols: cols, accumulate: accumulate)
            }
            i += mr
        }
    }

    /// Packs op(B) (k x n) into panels of 16 columns: panel j holds k rows of 16 floats,
    /// columns past n zero.
    @inline(__always)
    static func packB(
        n: Int, k: Int, b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        into packed: UnsafeMutablePointer<Float>
    ) {
        let panels = (n + nr - 1) / nr
        for panel in 0..<panels {
            let dst = packed + panel * nr * k
            let j0 = panel * nr
            let cols = min(nr, n - j0)
            if !transposeB {
                if cols == nr {
                    for p in 0..<k {
                        (dst + p * nr).update(from: b + p * ldb + j0, count: nr)
                    }
                } else {
                    for p in 0..<k {
                        let row = dst + p * nr
                        row.update(from: b + p * ldb + j0, count: cols)
                        (row + cols).update(repeating: 0, count: nr - cols)
                    }
                }
            } else if cols == nr {
                // op(B)[p, j] = b[j * ldb + p]: 16 source rows read in step, one vector store per p.
                let s = b + j0 * ldb
                let raw = UnsafeMutableRawPointer(dst)
                for p in 0..<k {
                    let q = s + p
                    let v = SIMD16<Float>(
                        q[0], q[ldb], q[2 * ldb], q[3 * ldb], q[4 * ldb], q[5 * ldb], q[6 * ldb], q[7 * ldb],
                        q[8 * ldb], q[9 * ldb], q[10 * ldb], q[11 * ldb], q[12 * ldb], q[13 * ldb], q[14 * ldb],
                        q[15 * ldb])
                    raw.storeBytes(of: v, toByteOffset: p * 64, as: SIMD16<Float>.self)
                }
            } else {
                dst.update(repeating: 0, count: nr * k)
                for jj in 0..<cols {
                    let src = b + (j0 + jj) * ldb
                    for p in 0..<k { dst[p * nr + jj] = src[p] }
                }
            }
        }
    }

    /// C[0..<rows, 0..<cols] (=|+=) A-rows (rows x k, strided) * packed panel (k x 16).
    @inline(__always)
    static func kernel6x16(
        k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int, rows: Int,
        b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, cols: Int,
        accumulate: Bool
    ) {
        // Rows past the edge re-read the last valid row; their results are discarded.
        let a0 = a
        let a1 = a + min(1, rows - 1) * rs
        let a2 = a + min(2, rows - 1) * rs
        let a3 = a + min(3, rows - 1) * rs
        let a4 = a + min(4, rows - 1) * rs
        let a5 = a + min(5, rows - 1) * rs
        var c0 = SIMD16<Float>()
        var c1 = SIMD16<Float>()
        var c2 = SIMD16<Float>()
        var c3 = SIMD16<Float>()
        var c4 = SIMD16<Float>()
        var c5 = SIMD16<Float>()
        let braw = UnsafeRawPointer(b)
        var off = 0
        for p in 0..<k {
            let bv = braw.load(fromByteOffset: p &* 64, as: SIMD16<Float>.self)
            c0.addProduct(SIMD16(repeating: a0[off]), bv)
            c1.addProduct(SIMD16(repeating: a1[off]), bv)
            c2.addProduct(SIMD16(repeating: a2[off]), bv)
            c3.addProduct(SIMD16(repeating: a3[off]), bv)
            c4.addProduct(SIMD16(repeating: a4[off]), bv)
            c5.addProduct(SIMD16(repeating: a5[off]), bv)
            off &+= cs
        }
        store(c0, c, cols, accumulate)
        if rows > 1 { store(c1, c + ldc, cols, accumulate) }
        if rows > 2 { store(c2, c + 2 * ldc, cols, accumulate) }
        if rows > 3 { store(c3, c + 3 * ldc, cols, accumulate) }
        if rows > 4 { store(c4, c + 4 * ldc, cols, accumulate) }
        if rows > 5 { store(c5, c + 5 * ldc, cols, accumulate) }
    }

    @inline(__always)
    static func store(_ v: SIMD16<Float>, _ c: UnsafeMutablePointer<Float>, _ cols: Int, _ accumulate: Bool) {
        if cols == nr {
            let raw = UnsafeMutableRawPointer(c)
            if accumulate {
                raw.storeBytes(of: raw.loadUnaligned(as: SIMD16<Float>.self) + v, as: SIMD16<Float>.self)
            } else {
                raw.storeBytes(of: v, as: SIMD16<Float>.self)
            }
        } else if accumulate {
            for j in 0..<cols { c[j] += v[j] }
        } else {
            for j in 0..<cols { c[j] = v[j] }
        }
    }
}
