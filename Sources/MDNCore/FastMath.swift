#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    import _Builtin_intrinsics.intel
#endif

/// Vectorised elementary functions for the hot loops. Swift's `SIMD.squareRoot()` and
/// Glibc's `expf`/`logf` compile to one scalar call per lane; these stay in SIMD registers.
///
/// `exp` and `log` are `@_transparent` (always inlined): the optimiser's size limit left them
/// as calls inside the loss, spilling its registers around every call (~11% more work).
/// Polynomials are evaluated with fused multiply-adds (`addingProduct`), and special inputs
/// are handled by lane selects rather than branches: written this way the compiler keeps
/// every step in one ymm register (plain `*` and `+` chains on a SIMD8 argument were split
/// into halves and single lanes).
public enum FastMath {
    /// sqrt(v) for v >= 0: the hardware's correctly rounded vsqrtps on x86-64 (through
    /// Clang's intrinsics module; Swift's own `squareRoot()` on a SIMD8 is one libm call per
    /// lane). Elsewhere, within 2 ulp for finite v: a bit-level reciprocal-square-root guess
    /// refined by three Newton steps (multiplications only), then v * rsqrt(v). sqrt(0) = 0.
    @inline(__always)
    public static func sqrt(_ v: SIMD8<Float>) -> SIMD8<Float> {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
            return _mm256_sqrt_ps(v)
        #else
            let bits = SIMD8<UInt32>(repeating: 0x5F37_59DF) &- (unsafeBitCast(v, to: SIMD8<UInt32>.self) &>> 1)
            var r = unsafeBitCast(bits, to: SIMD8<Float>.self)
            let half = 0.5 * v
            r = r * (1.5 - half * r * r)
            r = r * (1.5 - half * r * r)
            r = r * (1.5 - half * r * r)
            return v * r
        #endif
    }

    /// 1 / d for finite d > 0, within 2 ulp: the hardware's 12-bit vrcpps estimate refined
    /// by one Newton step, q (2 - d q) (a divide costs ~5x its throughput). Elsewhere, the
    /// division.
    @inline(__always)
    public static func reciprocal(_ d: SIMD8<Float>) -> SIMD8<Float> {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
            let q = _mm256_rcp_ps(d)
            return q * SIMD8<Float>(repeating: 2).addingProduct(-d, q)
        #else
            return 1 / d
        #endif
    }

    /// The sum of the 16 lanes as a tree (halves added, then their halves...): 4 dependent
    /// additions where `SIMD.sum()` compiles to 15 in a row. The grouping is fixed, so the
    /// result is too.
    @inline(__always)
    static func sum(_ v: SIMD16<Float>) -> Float {
        let a = v.lowHalf + v.highHalf
        let b = a.lowHalf + a.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    /// c + a * b in one rounding, lane-wise.
    @inline(__always)
    static func fma(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: Float) -> SIMD8<Float> {
        SIMD8<Float>(repeating: c).addingProduct(a, b)
    }

    /// Float(i) for integer lanes |i| < 2^22, through the exponent bits (1.5 * 2^23 + i).
    @inline(__always)
    static func float(_ i: SIMD8<Int32>) -> SIMD8<Float> {
        unsafeBitCast(i &+ 0x4B40_0000, to: SIMD8<Float>.self) - SIMD8<Float>(repeating: 12_582_912)
    }
}

extension FastMath {
    /// e^x, vectorised (Cephes expf: round to n = x log2 e, a degree-6 polynomial on the
    /// remainder, scale by 2^n through the exponent bits). Relative error < 2e-7 on
    /// [-87, 88]; 0 below -87.3 (including -inf); inputs above 88 give e^88; NaN stays NaN.
    @_transparent
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let lo = SIMD8<Float>(repeating: -87.336_54)
        let hi = SIMD8<Float>(repeating: 88)
        var v = x.replacing(with: lo, where: x .< lo)
        v = v.replacing(with: hi, where: v .> hi)
        // Round v * log2(e) to the nearest integer with the 1.5 * 2^23 trick.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let t = fma(v, SIMD8(repeating: 1.442_695_04), 12_582_912)
        let n = t - magic
        let ni = unsafeBitCast(t, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        var r = v.addingProduct(n, SIMD8(repeating: -0.693_359_375))
        r = r.addingProduct(n, SIMD8(repeating: 2.121_944_4e-4))
        let z = r * r
        var p = fma(SIMD8(repeating: 1.987_569_15e-4), r, 1.398_199_950_7e-3)
        p = fma(p, r, 8.333_451_907_3e-3)
        p = fma(p, r, 4.166_579_589_4e-2)
        p = fma(p, r, 1.666_666_545_9e-1)
        p = fma(p, r, 5.000_000_120_1e-1)
        let y = (r + SIMD8(repeating: 1)).addingProduct(p, z)
        // 2^n through the exponent field; v in [lo, 88] keeps n in [-126, 127].
        let scale = unsafeBitCast((ni &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = y * scale
        result = result.replacing(with: 0, where: x .< lo)
        return result.replacing(with: x, where: x .!= x)
    }

    /// Natural log, vectorised (Cephes logf: split x = m 2^e with m in [sqrt(1/2),
    /// sqrt(2)), polynomial in m - 1). Relative error < 2e-7 for positive x (subnormals are
    /// scaled by 2^24 first); log 0 = -inf, log inf = inf, negative or NaN x give NaN.
    @_transparent
    static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // (Each comparison is written where it is used: a mask kept in a variable and used
        // twice was built lane by lane.)
        let least = SIMD8<Float>(repeating: Float.leastNormalMagnitude)
        let xs = x.replacing(with: x * 16_777_216, where: x .< least)
        let bits = unsafeBitCast(xs, to: SIMD8<Int32>.self)
        // e = exponent of x / sqrt(1/2), so m = x / 2^e lies in [sqrt(1/2), sqrt(2)).
        let e = (bits &- 0x3F35_04F3) &>> 23
        let m = unsafeBitCast(bits &- (e &<< 23), to: SIMD8<Float>.self)
        let ef = float(e) - SIMD8<Float>(repeating: 0).replacing(with: 24, where: x .< least)
        let f = m - SIMD8(repeating: 1)
        let z = f * f
        var p = fma(SIMD8(repeating: 7.037_683_629_2e-2), f, -1.151_461_031_0e-1)
        p = fma(p, f, 1.167_699_874_0e-1)
        p = fma(p, f, -1.242_014_084_6e-1)
        p = fma(p, f, 1.424_932_278_7e-1)
        p = fma(p, f, -1.666_805_766_5e-1)
        p = fma(p, f, 2.000_071_476_5e-1)
        p = fma(p, f, -2.499_999_399_3e-1)
        p = fma(p, f, 3.333_333_117_4e-1)
        var y = (p * f) * z
        y = y.addingProduct(ef, SIMD8(repeating: -2.121_944_40e-4))
        y = y.addingProduct(z, SIMD8(repeating: -0.5))
        var result = (f + y).addingProduct(ef, SIMD8(repeating: 0.693_359_375))
        result = result.replacing(with: .infinity, where: x .== SIMD8(repeating: .infinity))
        // Still below the smallest normal after scaling: x <= 0 (NaN, then -inf for +-0).
        result = result.replacing(with: .nan, where: xs .< least)
        result = result.replacing(with: -.infinity, where: x .== SIMD8(repeating: 0))
        return result.replacing(with: x, where: x .!= x)
    }
}
