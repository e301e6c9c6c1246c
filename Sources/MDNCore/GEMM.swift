#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    import _Builtin_intrinsics.intel
#endif

/// Single-precision matrix multiply, C = op(A) * op(B) (or C += ...), in pure Swift SIMD,
/// with an optional fused epilogue (bias and ReLU, or a ReLU mask) applied as C is stored.
///
/// The micro-kernel keeps a 6 x 16 block of C in 12 ymm accumulators (`SIMD16.addProduct`
/// -> vfmadd with FMA enabled) and walks the shared dimension: per step one 16-wide row of
/// op(B) and six broadcasts of op(A). op(A) is read in place through row and column
/// strides. op(B) is read in place when its rows are contiguous, n is a multiple of 16 and
/// the row stride an odd multiple of 16 (no cache-set conflicts), and otherwise packed into zero-padded panels 16 columns wide (a transposed op(B) through
/// 8 x 8 register transposes). A bottom edge of one or two rows runs a 2 x 48 kernel so that
/// m = 128 wastes no third of a block. One-row and one-column products (a layer of width 1)
/// run as dot products or axpys instead. Large problems (k > 512, m > 256 or n > 512) are blocked
/// GotoBLAS style: op(A) packed 96 rows x 512 deep, op(B) 1024 columns x 512 deep.
///
/// Every C element is a sum over p in increasing order within each 512-deep block, so the
/// same call gives the same bits on every run.
public enum GEMM {
    /// Rows of C per micro-kernel call.
    static let mr = 6
    /// Columns of C per micro-kernel call (one SIMD16).
    static let nr = 16
    /// Depth of one block on the large-problem path.
    static let kc = 512
    /// Rows of op(A) per packed block on the large-problem path (a multiple of `mr`).
    static let mc = 96
    /// Columns of op(B) per packed block on the large-problem path (a multiple of `nr`).
    static let nc = 1024

    /// What is done to each element of C as it is stored, after the product (and C's old
    /// value, when accumulating) has been summed into v.
    public enum Epilogue {
        /// C = v.
        case none
        /// C[i, j] = v + bias[i], then max(., 0) when `relu` (z <= 0 becomes 0): a layer's
        /// pre-activation in feature-major layout, one bias per row.
        case bias(UnsafePointer<Float>, relu: Bool)
        /// C[i, j] = mask[i * ld + j] > 0 ? v : 0: the ReLU derivative of a layer whose
        /// output is `mask`, applied to the gradient flowing into it.
        case reluMask(UnsafePointer<Float>, ld: Int)
    }

    /// C (m x n, leading dimension ldc) = op(A) (m x k) * op(B) (k x n), or C += ... when
    /// `accumulate`, then `epilogue`. A is read as stored with leading dimension lda
    /// (op(A) = A^T when `transposeA`, so A is k x m); likewise B.
    public static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool = false, epilogue: Epilogue = .none
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM dimensions must be non-negative")
        precondition(ldc >= n, "ldc must be >= n")
        precondition(lda >= (transposeA ? m : k) && ldb >= (transposeB ? k : n), "leading dimension too small")
        if m == 0 || n == 0 { return }
        if k == 0 || m == 1 || n == 1 {
            vectorProduct(
                m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                transposeB: transposeB, c: c, ldc: ldc, accumulate: accumulate, epilogue: epilogue)
            return
        }
        // op(A)[i, p] = a[i * rs + p * cs].
        let rs = transposeA ? 1 : lda
        let cs = transposeA ? lda : 1
        if k == 1 && !transposeB {
            outerProduct(m: m, n: n, a: a, rs: rs, b: b, c: c, ldc: ldc, accumulate: accumulate, epilogue: epilogue)
            return
        }
        if k > kc || m > 256 || n > 512 {
            blocked(
                m: m, n: n, k: k, a: a, rs: rs, cs: cs, b: b, ldb: ldb, transposeB: transposeB,
                c: c, ldc: ldc, accumulate: accumulate, epilogue: epilogue)
            return
        }
        // In place only when a panel's rows fall into different cache sets: a row stride that
        // is an odd multiple of 16 floats (the workspaces' strides). A power-of-two stride
        // (1 KB for n = 256) maps every row of a panel to a few sets, and packing wins.
        if !transposeB && n % nr == 0 && ldb % (2 * nr) == nr {
            blocks(
                m: m, n: n, k: k, a: a, rs: rs, cs: cs, b: b, bs: ldb, panelStep: nr,
                c: c, ldc: ldc, row0: 0, col0: 0, accumulate: accumulate, epilogue: epilogue)
            return
        }
        let panels = (n + nr - 1) / nr
        withPanels(count: panels * nr * k) { packed in
            packB(n: n, k: k, b: b, ldb: ldb, transposeB: transposeB, into: packed)
            blocks(
                m: m, n: n, k: k, a: a, rs: rs, cs: cs, b: UnsafePointer(packed), bs: nr, panelStep: nr * k,
                c: c, ldc: ldc, row0: 0, col0: 0, accumulate: accumulate, epilogue: epilogue)
        }
    }

    /// Calls `body` with `count` floats of 64-byte-aligned scratch (on the stack when small).
    @inline(__always)
    static func withPanels(count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
        defer { raw.deallocate() }
        body(raw.bindMemory(to: Float.self, capacity: count))
    }

    /// All of C for one block of op(B) (panels of 16 columns, panel q at b + q * panelStep,
    /// rows of a panel `bs` floats apart): 6-row blocks, then a 1-2 row edge with the wide
    /// kernel. row0/col0 place this block in the caller's C for the epilogue.
    @inline(__always)
    static func blocks(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int,
        b: UnsafePointer<Float>, bs: Int, panelStep: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, row0: Int, col0: Int, accumulate: Bool, epilogue: Epilogue
    ) {
        let panels = (n + nr - 1) / nr
        // m = 6 * sixes + 5 * fives with no short edge when m allows (128 = 18 * 6 + 4 * 5);
        // otherwise 6-row blocks (the last one may be 3-5 rows) and a 1-2 row edge.
        let fives = (mr - m % mr) % mr
        let sixRows = 5 * fives <= m ? m - 5 * fives : m
        var i = 0
        while i < sixRows && sixRows - i >= 3 {
            let rows = min(mr, sixRows - i)
            for q in 0..<panels {
                kernel6x16(
                    k: k, a: a + i * rs, rs: rs, cs: cs, rows: rows, b: b + q * panelStep, bs: bs,
                    c: c + i * ldc + q * nr, ldc: ldc, cols: min(nr, n - q * nr),
                    accumulate: accumulate, epilogue: epilogue, row: row0 + i, col: col0 + q * nr)
            }
            i += mr
        }
        if sixRows < m {
            while i < m {
                for q in 0..<panels {
                    kernel5x16(
                        k: k, a: a + i * rs, rs: rs, cs: cs, b: b + q * panelStep, bs: bs,
                        c: c + i * ldc + q * nr, ldc: ldc, cols: min(nr, n - q * nr),
                        accumulate: accumulate, epilogue: epilogue, row: row0 + i, col: col0 + q * nr)
                }
                i += 5
            }
            return
        }
        if i < m {
            let rows = m - i
            var q = 0
            while q < panels {
                let width = min(3, panels - q)
                kernel2x48(
                    k: k, a: a + i * rs, rs: rs, cs: cs, rows: rows, b: b + q * panelStep, panelStep: panelStep,
                    bs: bs, panels: width, c: c + i * ldc + q * nr, ldc: ldc, cols: min(width * nr, n - q * nr),
                    accumulate: accumulate, epilogue: epilogue, row: row0 + i, col: col0 + q * nr)
                q += width
            }
        }
    }

    /// The large-problem path: op(B) packed 256 deep x 1024 wide, op(A) packed 96 rows x 256
    /// deep in 6-row micro-panels (p-major, so the kernel reads them with rs = 1, cs = 6).
    /// The epilogue runs with the last depth block.
    static func blocked(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, epilogue: Epilogue
    ) {
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: mc * kc)
        defer { packedA.deallocate() }
        withPanels(count: nc * kc) { packedB in
            var jc = 0
            while jc < n {
                let nb = min(nc, n - jc)
                var pc = 0
                while pc < k {
                    let kb = min(kc, k - pc)
                    let last = pc + kb == k
                    let bBase = transposeB ? b + jc * ldb + pc : b + pc * ldb + jc
                    packB(n: nb, k: kb, b: bBase, ldb: ldb, transposeB: transposeB, into: packedB)
                    var ic = 0
                    while ic < m {
                        let mb = min(mc, m - ic)
                        packA(m: mb, k: kb, a: a + ic * rs + pc * cs, rs: rs, cs: cs, into: packedA)
                        var i = 0
                        while i < mb {
                            let rows = min(mr, mb - i)
                            for q in 0..<((nb + nr - 1) / nr) {
                                kernel6x16(
                                    k: kb, a: UnsafePointer(packedA + i * kb), rs: 1, cs: mr, rows: rows,
                                    b: UnsafePointer(packedB + q * nr * kb), bs: nr,
                                    c: c + (ic + i) * ldc + jc + q * nr, ldc: ldc, cols: min(nr, nb - q * nr),
                                    accumulate: accumulate || pc > 0, epilogue: last ? epilogue : .none,
                                    row: ic + i, col: jc + q * nr)
                            }
                            i += mr
                        }
                        ic += mb
                    }
                    pc += kb
                }
                jc += nb
            }
        }
    }

    /// Packs op(A) rows (m x k, strided) into 6-row micro-panels: panel r holds k steps of 6
    /// values (rows past m repeat the last row).
    static func packA(m: Int, k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int, into dst: UnsafeMutablePointer<Float>)
    {
        var i = 0
        while i < m {
            let rows = min(mr, m - i)
            let panel = dst + i * k
            for r in 0..<mr {
                let src = a + (i + min(r, rows - 1)) * rs
                for p in 0..<k { panel[p * mr + r] = src[p * cs] }
            }
            i += mr
        }
    }

    /// Packs op(B) (k x n) into panels of 16 columns: panel j holds k rows of 16 floats,
    /// columns past n zero.
    static func packB(
        n: Int, k: Int, b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        into packed: UnsafeMutablePointer<Float>
    ) {
        let panels = (n + nr - 1) / nr
        let raw = UnsafeMutableRawPointer(packed)
        let src = UnsafeRawPointer(b)
        for panel in 0..<panels {
            let dst = packed + panel * nr * k
            let j0 = panel * nr
            let cols = min(nr, n - j0)
            if !transposeB {
                if cols == nr {
                    for p in 0..<k {
                        raw.storeBytes(
                            of: src.loadUnaligned(fromByteOffset: (p * ldb + j0) * 4, as: SIMD16<Float>.self),
                            toByteOffset: (panel * nr * k + p * nr) * 4, as: SIMD16<Float>.self)
                    }
                } else {
                    for p in 0..<k {
                        let row = dst + p * nr
                        row.update(from: b + p * ldb + j0, count: cols)
                        (row + cols).update(repeating: 0, count: nr - cols)
                    }
                }
            } else {
                transposePanel(k: k, b: b + j0 * ldb, ldb: ldb, columns: cols, into: dst)
            }
        }
    }

    /// One panel of a transposed op(B): dst[p * 16 + j] = b[j * ldb + p] for the first
    /// `columns` (1...16) j and k p, 0 for the other j; 8 x 8 blocks go through registers
    /// (three rounds of even/odd unzips transpose them), missing rows of b read as zeros, so a
    /// partial panel (the MDN head's last 12 of 60 columns) costs no more than a full one.
    @inline(__always)
    static func transposePanel(
        k: Int, b: UnsafePointer<Float>, ldb: Int, columns: Int, into dst: UnsafeMutablePointer<Float>
    ) {
        let rb = UnsafeRawPointer(b)
        let rd = UnsafeMutableRawPointer(dst)
        var p = 0
        while p + 8 <= k {
            for half in 0..<2 {
                let j = half * 8
                @inline(__always) func row(_ jj: Int) -> SIMD8<Float> {
                    j + jj < columns
                        ? rb.loadUnaligned(fromByteOffset: ((j + jj) * ldb + p) * 4, as: SIMD8<Float>.self) : SIMD8()
                }
                let r = transpose8x8(row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
                let base = (p * nr + j) * 4
                rd.storeBytes(of: r.0, toByteOffset: base, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.1, toByteOffset: base + 64, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.2, toByteOffset: base + 128, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.3, toByteOffset: base + 192, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.4, toByteOffset: base + 256, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.5, toByteOffset: base + 320, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.6, toByteOffset: base + 384, as: SIMD8<Float>.self)
                rd.storeBytes(of: r.7, toByteOffset: base + 448, as: SIMD8<Float>.self)
            }
            p += 8
        }
        while p < k {
            for j in 0..<nr { dst[p * nr + j] = j < columns ? b[j * ldb + p] : 0 }
            p += 1
        }
    }

    /// Eight SIMD8 rows as the eight columns of that 8 x 8 block: on x86-64 the usual 24
    /// AVX shuffles (unpacks of floats, then of float pairs, then 128-bit halves), elsewhere three rounds of `unzip`.
    @inline(__always)
    static func transpose8x8(
        _ r0: SIMD8<Float>, _ r1: SIMD8<Float>, _ r2: SIMD8<Float>, _ r3: SIMD8<Float>,
        _ r4: SIMD8<Float>, _ r5: SIMD8<Float>, _ r6: SIMD8<Float>, _ r7: SIMD8<Float>
    ) -> (
        SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
        SIMD8<Float>
    ) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
            // Within each 128-bit lane: pairs of rows interleaved, then pairs of pairs.
            @inline(__always) func pd(_ v: SIMD8<Float>) -> SIMD4<Double> { unsafeBitCast(v, to: SIMD4<Double>.self) }
            @inline(__always) func ps(_ v: SIMD4<Double>) -> SIMD8<Float> { unsafeBitCast(v, to: SIMD8<Float>.self) }
            let t0 = pd(_mm256_unpacklo_ps(r0, r1))
            let t1 = pd(_mm256_unpackhi_ps(r0, r1))
            let t2 = pd(_mm256_unpacklo_ps(r2, r3))
            let t3 = pd(_mm256_unpackhi_ps(r2, r3))
            let t4 = pd(_mm256_unpacklo_ps(r4, r5))
            let t5 = pd(_mm256_unpackhi_ps(r4, r5))
            let t6 = pd(_mm256_unpacklo_ps(r6, r7))
            let t7 = pd(_mm256_unpackhi_ps(r6, r7))
            let u0 = ps(_mm256_unpacklo_pd(t0, t2))
            let u1 = ps(_mm256_unpackhi_pd(t0, t2))
            let u2 = ps(_mm256_unpacklo_pd(t1, t3))
            let u3 = ps(_mm256_unpackhi_pd(t1, t3))
            let u4 = ps(_mm256_unpacklo_pd(t4, t6))
            let u5 = ps(_mm256_unpackhi_pd(t4, t6))
            let u6 = ps(_mm256_unpacklo_pd(t5, t7))
            let u7 = ps(_mm256_unpackhi_pd(t5, t7))
            // Then the low 128-bit lanes of rows 0-3 with those of rows 4-7, and the high ones.
            return (
                SIMD8(lowHalf: u0.lowHalf, highHalf: u4.lowHalf), SIMD8(lowHalf: u1.lowHalf, highHalf: u5.lowHalf),
                SIMD8(lowHalf: u2.lowHalf, highHalf: u6.lowHalf), SIMD8(lowHalf: u3.lowHalf, highHalf: u7.lowHalf),
                SIMD8(lowHalf: u0.highHalf, highHalf: u4.highHalf), SIMD8(lowHalf: u1.highHalf, highHalf: u5.highHalf),
                SIMD8(lowHalf: u2.highHalf, highHalf: u6.highHalf), SIMD8(lowHalf: u3.highHalf, highHalf: u7.highHalf)
            )
        #else
            var r = (r0, r1, r2, r3, r4, r5, r6, r7)
            unzip(&r)
            unzip(&r)
            unzip(&r)
            return r
        #endif
    }

    /// Eight rows of 8 as one 64-element array, split into its even then odd elements; three
    /// rounds transpose the 8 x 8 block (element (r, c) moves to (c, r)).
    @inline(__always)
    static func unzip(
        _ r:
            inout (
                SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
                SIMD8<Float>
            )
    ) {
        let (a0, a1, a2, a3, a4, a5, a6, a7) = r
        r = (
            SIMD8(lowHalf: a0.evenHalf, highHalf: a1.evenHalf), SIMD8(lowHalf: a2.evenHalf, highHalf: a3.evenHalf),
            SIMD8(lowHalf: a4.evenHalf, highHalf: a5.evenHalf), SIMD8(lowHalf: a6.evenHalf, highHalf: a7.evenHalf),
            SIMD8(lowHalf: a0.oddHalf, highHalf: a1.oddHalf), SIMD8(lowHalf: a2.oddHalf, highHalf: a3.oddHalf),
            SIMD8(lowHalf: a4.oddHalf, highHalf: a5.oddHalf), SIMD8(lowHalf: a6.oddHalf, highHalf: a7.oddHalf)
        )
    }

    /// C[0..<rows, 0..<cols] (=|+=) A-rows (rows x k, strided) * one B panel (k x 16, rows
    /// `bs` floats apart), then the epilogue (row, col: where this block sits in C).
    ///
    /// Never inlined: compiled on its own the loop keeps its 12 accumulators in ymm
    /// registers; inlined into a large caller, the optimiser once split them into xmm halves
    /// and spilled them (3x slower). A call costs a few cycles against k * 6.
    @inline(never)
    static func kernel6x16(
        k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int, rows: Int,
        b: UnsafePointer<Float>, bs: Int, c: UnsafeMutablePointer<Float>, ldc: Int, cols: Int,
        accumulate: Bool, epilogue: Epilogue, row: Int, col: Int
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
        let bstep = bs &* 4
        var off = 0
        var boff = 0
        for _ in 0..<k {
            let bv = braw.loadUnaligned(fromByteOffset: boff, as: SIMD16<Float>.self)
            c0.addProduct(SIMD16(repeating: a0[off]), bv)
            c1.addProduct(SIMD16(repeating: a1[off]), bv)
            c2.addProduct(SIMD16(repeating: a2[off]), bv)
            c3.addProduct(SIMD16(repeating: a3[off]), bv)
            c4.addProduct(SIMD16(repeating: a4[off]), bv)
            c5.addProduct(SIMD16(repeating: a5[off]), bv)
            off &+= cs
            boff &+= bstep
        }
        store(c0, c, cols, accumulate, epilogue, row, col)
        if rows > 1 { store(c1, c + ldc, cols, accumulate, epilogue, row + 1, col) }
        if rows > 2 { store(c2, c + 2 * ldc, cols, accumulate, epilogue, row + 2, col) }
        if rows > 3 { store(c3, c + 3 * ldc, cols, accumulate, epilogue, row + 3, col) }
        if rows > 4 { store(c4, c + 4 * ldc, cols, accumulate, epilogue, row + 4, col) }
        if rows > 5 { store(c5, c + 5 * ldc, cols, accumulate, epilogue, row + 5, col) }
    }

    /// Five full rows of C (`kernel6x16` with one accumulator fewer): blocks that make up
    /// m exactly with the 6-row ones, so that m = 128 needs no short edge.
    @inline(never)
    static func kernel5x16(
        k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int,
        b: UnsafePointer<Float>, bs: Int, c: UnsafeMutablePointer<Float>, ldc: Int, cols: Int,
        accumulate: Bool, epilogue: Epilogue, row: Int, col: Int
    ) {
        let a0 = a
        let a1 = a + rs
        let a2 = a + 2 * rs
        let a3 = a + 3 * rs
        let a4 = a + 4 * rs
        var c0 = SIMD16<Float>()
        var c1 = SIMD16<Float>()
        var c2 = SIMD16<Float>()
        var c3 = SIMD16<Float>()
        var c4 = SIMD16<Float>()
        let braw = UnsafeRawPointer(b)
        let bstep = bs &* 4
        var off = 0
        var boff = 0
        for _ in 0..<k {
            let bv = braw.loadUnaligned(fromByteOffset: boff, as: SIMD16<Float>.self)
            c0.addProduct(SIMD16(repeating: a0[off]), bv)
            c1.addProduct(SIMD16(repeating: a1[off]), bv)
            c2.addProduct(SIMD16(repeating: a2[off]), bv)
            c3.addProduct(SIMD16(repeating: a3[off]), bv)
            c4.addProduct(SIMD16(repeating: a4[off]), bv)
            off &+= cs
            boff &+= bstep
        }
        store(c0, c, cols, accumulate, epilogue, row, col)
        store(c1, c + ldc, cols, accumulate, epilogue, row + 1, col)
        store(c2, c + 2 * ldc, cols, accumulate, epilogue, row + 2, col)
        store(c3, c + 3 * ldc, cols, accumulate, epilogue, row + 3, col)
        store(c4, c + 4 * ldc, cols, accumulate, epilogue, row + 4, col)
    }

    /// The bottom edge: one or two rows of C across up to three panels (48 columns) at once,
    /// so that a 2-row remainder costs a third of a 6-row block (never inlined, as
    /// `kernel6x16`).
    @inline(never)
    static func kernel2x48(
        k: Int, a: UnsafePointer<Float>, rs: Int, cs: Int, rows: Int,
        b: UnsafePointer<Float>, panelStep: Int, bs: Int, panels: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, cols: Int,
        accumulate: Bool, epilogue: Epilogue, row: Int, col: Int
    ) {
        let a0 = a
        let a1 = a + min(1, rows - 1) * rs
        // Missing panels re-read the first one; their results are discarded.
        let b0 = UnsafeRawPointer(b)
        let b1 = UnsafeRawPointer(b + (panels > 1 ? panelStep : 0))
        let b2 = UnsafeRawPointer(b + (panels > 2 ? 2 * panelStep : 0))
        var c00 = SIMD16<Float>()
        var c01 = SIMD16<Float>()
        var c02 = SIMD16<Float>()
        var c10 = SIMD16<Float>()
        var c11 = SIMD16<Float>()
        var c12 = SIMD16<Float>()
        let bstep = bs &* 4
        var off = 0
        var boff = 0
        for _ in 0..<k {
            let v0 = b0.loadUnaligned(fromByteOffset: boff, as: SIMD16<Float>.self)
            let v1 = b1.loadUnaligned(fromByteOffset: boff, as: SIMD16<Float>.self)
            let v2 = b2.loadUnaligned(fromByteOffset: boff, as: SIMD16<Float>.self)
            let x0 = SIMD16<Float>(repeating: a0[off])
            let x1 = SIMD16<Float>(repeating: a1[off])
            c00.addProduct(x0, v0)
            c01.addProduct(x0, v1)
            c02.addProduct(x0, v2)
            c10.addProduct(x1, v0)
            c11.addProduct(x1, v1)
            c12.addProduct(x1, v2)
            off &+= cs
            boff &+= bstep
        }
        let w0 = min(nr, cols)
        store(c00, c, w0, accumulate, epilogue, row, col)
        if rows > 1 { store(c10, c + ldc, w0, accumulate, epilogue, row + 1, col) }
        if cols > nr {
            let w1 = min(nr, cols - nr)
            store(c01, c + nr, w1, accumulate, epilogue, row, col + nr)
            if rows > 1 { store(c11, c + ldc + nr, w1, accumulate, epilogue, row + 1, col + nr) }
        }
        if cols > 2 * nr {
            let w2 = cols - 2 * nr
            store(c02, c + 2 * nr, w2, accumulate, epilogue, row, col + 2 * nr)
            if rows > 1 { store(c12, c + ldc + 2 * nr, w2, accumulate, epilogue, row + 1, col + 2 * nr) }
        }
    }

    /// Stores `cols` lanes of v into c (adding c's old values when accumulating), through the
    /// epilogue for row `row`, columns from `col`.
    @inline(__always)
    static func store(
        _ v: SIMD16<Float>, _ c: UnsafeMutablePointer<Float>, _ cols: Int, _ accumulate: Bool,
        _ epilogue: Epilogue, _ row: Int, _ col: Int
    ) {
        var v = v
        if cols == nr {
            let raw = UnsafeMutableRawPointer(c)
            if accumulate { v += raw.loadUnaligned(as: SIMD16<Float>.self) }
            switch epilogue {
            case .none: break
            case .bias(let bias, let relu):
                v += bias[row]
                if relu { v = v.replacing(with: 0, where: v .<= 0) }
            case .reluMask(let mask, let ld):
                let mv = UnsafeRawPointer(mask + row * ld + col).loadUnaligned(as: SIMD16<Float>.self)
                v = v.replacing(with: 0, where: mv .<= 0)
            }
            raw.storeBytes(of: v, as: SIMD16<Float>.self)
        } else {
            storePartial(v, c, cols, accumulate, epilogue, row, col)
        }
    }

    /// `store` for a block narrower than 16 columns: the epilogue on the whole vector (lanes
    /// past `cols` read as 0 and are not stored), then `cols` lanes stored one by one. Kept
    /// out of line so that the kernels stay small.
    @inline(never)
    static func storePartial(
        _ v: SIMD16<Float>, _ c: UnsafeMutablePointer<Float>, _ cols: Int, _ accumulate: Bool,
        _ epilogue: Epilogue, _ row: Int, _ col: Int
    ) {
        var v = v
        if accumulate {
            var old = SIMD16<Float>()
            for j in 0..<cols { old[j] = c[j] }
            v += old
        }
        switch epilogue {
        case .none: break
        case .bias(let bias, let relu):
            v += bias[row]
            if relu { v = v.replacing(with: 0, where: v .<= 0) }
        case .reluMask(let mask, let ld):
            var mv = SIMD16<Float>()
            for j in 0..<cols { mv[j] = mask[row * ld + col + j] }
            v = v.replacing(with: 0, where: mv .<= 0)
        }
        // Eight, then four lanes at a time, then one by one (the MDN head's last panel of
        // weight gradients is 12 wide).
        let raw = UnsafeMutableRawPointer(c)
        var j = 0
        var rest = v.lowHalf
        if cols >= 8 {
            raw.storeBytes(of: v.lowHalf, as: SIMD8<Float>.self)
            rest = v.highHalf
            j = 8
        }
        var q = 0
        if cols - j >= 4 {
            raw.storeBytes(of: rest.lowHalf, toByteOffset: j * 4, as: SIMD4<Float>.self)
            q = 4
        }
        while j + q < cols {
            c[j + q] = rest[q]
            q += 1
        }
    }

    /// C = op(A) (m x 1) * B (1 x n, contiguous) through the epilogue: an outer product, 16
    /// columns per store (a layer with one input, such as the first of the trunk).
    static func outerProduct(
        m: Int, n: Int, a: UnsafePointer<Float>, rs: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, epilogue: Epilogue
    ) {
        let rb = UnsafeRawPointer(b)
        if case .bias(let bias, let relu) = epilogue, !accumulate, n % nr == 0 {
            // The first layer's forward pass: a multiply, an add (rounded as `store` rounds
            // them) and a select per 16 values, without `store`'s per-vector dispatch.
            for i in 0..<m {
                let ai = SIMD16<Float>(repeating: a[i * rs])
                let bi = SIMD16<Float>(repeating: bias[i])
                let row = UnsafeMutableRawPointer(c + i * ldc)
                var j = 0
                while j < n {
                    var v = ai * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) + bi
                    if relu { v = v.replacing(with: 0, where: v .<= 0) }
                    row.storeBytes(of: v, toByteOffset: j * 4, as: SIMD16<Float>.self)
                    j += nr
                }
            }
            return
        }
        if case .reluMask(let mask, let ld) = epilogue, !accumulate {
            // A width-1 head's input gradient (the MSE network's): a product and a select per
            // value, as `store` computes them, without its per-vector dispatch.
            let zero = SIMD16<Float>()
            for i in 0..<m {
                let s = a[i * rs]
                let ai = SIMD16<Float>(repeating: s)
                let row = c + i * ldc
                let raw = UnsafeMutableRawPointer(row)
                let mrow = mask + i * ld
                let mraw = UnsafeRawPointer(mrow)
                var j = 0
                while j + nr <= n {
                    let v = ai * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                    let mv = mraw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                    raw.storeBytes(
                        of: v.replacing(with: zero, where: mv .<= zero), toByteOffset: j * 4, as: SIMD16<Float>.self)
                    j += nr
                }
                while j < n {
                    let v = s * b[j]
                    row[j] = mrow[j] <= 0 ? 0 : v
                    j += 1
                }
            }
            return
        }
        for i in 0..<m {
            let ai = SIMD16<Float>(repeating: a[i * rs])
            var j = 0
            while j < n {
                let cols = min(nr, n - j)
                var bv = SIMD16<Float>()
                if cols == nr {
                    bv = rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                } else {
                    for q in 0..<cols { bv[q] = b[j + q] }
                }
                store(ai * bv, c + i * ldc + j, cols, accumulate, epilogue, i, j)
                j += nr
            }
        }
    }

    /// The epilogue of one element of C at (row, col).
    @inline(__always)
    static func finish(_ v: Float, _ epilogue: Epilogue, _ row: Int, _ col: Int) -> Float {
        switch epilogue {
        case .none: return v
        case .bias(let bias, let relu):
            let z = v + bias[row]
            return relu && z <= 0 ? 0 : z
        case .reluMask(let mask, let ld): return mask[row * ld + col] <= 0 ? 0 : v
        }
    }

    /// Products with one row or one column (or nothing to sum): dot products where both
    /// operands are contiguous along p, axpys where C's row is contiguous, strided loops
    /// otherwise; then the epilogue.
    static func vectorProduct(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, epilogue: Epilogue
    ) {
        // op(A)[i, p] = a[i * ars + p * acs]; op(B)[p, j] = b[p * brs + j * bcs].
        let ars = transposeA ? 1 : lda
        let acs = transposeA ? lda : 1
        let brs = transposeB ? 1 : ldb
        let bcs = transposeB ? ldb : 1
        if m == 1 && n > 1 && k > 0 && !accumulate && !(acs == 1 && brs == 1) && bcs == 1,
            let bias = rowBias(epilogue)
        {
            // One output row summed by axpys straight into C (a width-1 head's forward pass),
            // then the bias (and ReLU) 16 at a time: what the general path below computes,
            // without its scratch row and per-element epilogue.
            c.update(repeating: 0, count: n)
            for p in 0..<k { axpy(a[p * acs], b + p * brs, c, n) }
            if let (value, relu) = bias { addBias(value, relu: relu, to: c, count: n) }
            return
        }
        withPanels(count: m * n) { out in
            if k == 0 {
                out.update(repeating: 0, count: m * n)
            } else if n == 1 {
                // c[i] = op(A) row i . op(B) column 0.
                if acs == 1 && brs == 1 {
                    for i in 0..<m { out[i] = dot(a + i * ars, b, k) }
                } else if ars == 1 {
                    out.update(repeating: 0, count: m)
                    for p in 0..<k { axpy(b[p * brs], a + p * acs, out, m) }
                } else {
                    for i in 0..<m {
                        var s: Float = 0
                        for p in 0..<k { s += a[i * ars + p * acs] * b[p * brs] }
                        out[i] = s
                    }
                }
            } else {
                // m == 1 (n > 1): out[j] = op(A) row 0 . op(B) column j.
                if acs == 1 && brs == 1 {
                    for j in 0..<n { out[j] = dot(a, b + j * bcs, k) }
                } else if bcs == 1 {
                    out.update(repeating: 0, count: n)
                    for p in 0..<k { axpy(a[p * acs], b + p * brs, out, n) }
                } else {
                    for j in 0..<n {
                        var s: Float = 0
                        for p in 0..<k { s += a[p * acs] * b[p * brs + j * bcs] }
                        out[j] = s
                    }
                }
            }
            for i in 0..<m {
                for j in 0..<n {
                    let cp = c + i * ldc + j
                    let v = out[i * n + j]
                    cp.pointee = finish(accumulate ? v + cp.pointee : v, epilogue, i, j)
                }
            }
        }
    }

    /// For `vectorProduct`'s one-row path: nil for an epilogue it does not handle (a ReLU
    /// mask), else the bias of row 0 and its ReLU flag (inner nil: no epilogue).
    @inline(__always)
    static func rowBias(_ epilogue: Epilogue) -> (Float, Bool)?? {
        switch epilogue {
        case .none: return .some(nil)
        case .bias(let bias, let relu): return .some((bias[0], relu))
        case .reluMask: return nil
        }
    }

    /// c[j] = c[j] + bias, then 0 where that is <= 0 when `relu`, for `count` values: as
    /// `finish` rounds and selects them.
    @inline(__always)
    static func addBias(_ bias: Float, relu: Bool, to c: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(c)
        let bv = SIMD16<Float>(repeating: bias)
        var j = 0
        while j + 16 <= count {
            var v = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) + bv
            if relu { v = v.replacing(with: 0, where: v .<= 0) }
            raw.storeBytes(of: v, toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        while j < count {
            let z = c[j] + bias
            c[j] = relu && z <= 0 ? 0 : z
            j += 1
        }
    }

    /// sum x[p] * y[p] over `count` contiguous values (16 lanes, then the tail in order).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> Float {
        let rx = UnsafeRawPointer(x)
        let ry = UnsafeRawPointer(y)
        var acc = SIMD16<Float>()
        var p = 0
        while p + 16 <= count {
            acc.addProduct(
                rx.loadUnaligned(fromByteOffset: p * 4, as: SIMD16<Float>.self),
                ry.loadUnaligned(fromByteOffset: p * 4, as: SIMD16<Float>.self))
            p += 16
        }
        var s = FastMath.sum(acc)
        while p < count {
            s += x[p] * y[p]
            p += 1
        }
        return s
    }

    /// y[j] += alpha * x[j] for `count` contiguous values.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        let rx = UnsafeRawPointer(x)
        let ry = UnsafeMutableRawPointer(y)
        var j = 0
        while j + 16 <= count {
            var v = ry.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            v.addProduct(SIMD16(repeating: alpha), rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self))
            ry.storeBytes(of: v, toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        while j < count {
            y[j] += alpha * x[j]
            j += 1
        }
    }
}
