#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Vectorised elementary functions for the hot loops. Swift's `SIMD.squareRoot()` and
/// Glibc's `expf`/`logf` compile to one scalar call per lane; these stay in SIMD registers.
public enum FastMath {
    /// sqrt(v) for v >= 0 (finite), within 2 ulp: a bit-level reciprocal-square-root guess
    /// refined by three Newton steps (multiplications only), then v * rsqrt(v). sqrt(0) = 0.
    @inline(__always)
    public static func sqrt(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let bits = SIMD8<UInt32>(repeating: 0x5F37_59DF) &- (unsafeBitCast(v, to: SIMD8<UInt32>.self) &>> 1)
        var r = unsafeBitCast(bits, to: SIMD8<Float>.self)
        let half = 0.5 * v
        r = r * (1.5 - half * r * r)
        r = r * (1.5 - half * r * r)
        r = r * (1.5 - half * r * r)
        return v * r
    }
}

extension FastMath {
    /// e^x, vectorised (Cephes expf: round to n = x log2 e, a degree-6 polynomial on the
    /// remainder, scale by 2^n through the exponent bits). Relative error < 2e-7 on
    /// [-87, 88]; 0 below -87.3 (including -inf); inputs above 88 give e^88; NaN stays NaN.
    @inline(__always)
    public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let lo: Float = -87.336_54
        let hi: Float = 88
        var v = x.replacing(with: lo, where: x .< lo)
        v = v.replacing(with: hi, where: v .> hi)
        // Round v * log2(e) to the nearest integer with the 1.5 * 2^23 trick.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let t = v * 1.442_695_04 + magic
        let n = t - magic
        let ni = unsafeBitCast(t, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        var r = v - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        let z = r * r
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * z + r + 1
        // 2^n through the exponent field; v in [lo, 88] keeps n in [-126, 127].
        let scale = unsafeBitCast((ni &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = y * scale
        result = result.replacing(with: 0, where: x .< lo)
        return result.replacing(with: x, where: x .!= x)
    }

    /// Natural log for positive normal x, vectorised (Cephes logf: split x = m 2^e with
    /// m in [sqrt(1/2), sqrt(2)), polynomial in m - 1). Relative error < 2e-7. Lanes that
    /// are zero, negative, subnormal, infinite or NaN fall back to Glibc's logf.
    @inline(__always)
    public static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let bits = unsafeBitCast(x, to: SIMD8<Int32>.self)
        var ef = SIMD8<Float>((bits &>> 23) &- 127)
        var m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD8<Float>.self)
        let big = m .> 1.414_213_56
        m = m.replacing(with: m * 0.5, where: big)
        ef = ef.replacing(with: ef + 1, where: big)
        let f = m - 1
        let z = f * f
        var p = SIMD8<Float>(repeating: 7.037_683_629_2e-2)
        p = p * f - 1.151_461_031_0e-1
        p = p * f + 1.167_699_874_0e-1
        p = p * f - 1.242_014_084_6e-1
        p = p * f + 1.424_932_278_7e-1
        p = p * f - 1.666_805_766_5e-1
        p = p * f + 2.000_071_476_5e-1
        p = p * f - 2.499_999_399_3e-1
        p = p * f + 3.333_333_117_4e-1
        var y = p * f * z
        y = y + ef * -2.121_944_40e-4
        y = y - 0.5 * z
        var result = f + y + ef * 0.693_359_375
        let bad = (x .< Float.leastNormalMagnitude) .| (x .> Float.greatestFiniteMagnitude) .| (x .!= x)
        if any(bad) {
            for i in 0..<8 where bad[i] { result[i] = logf(x[i]) }
        }
        return result
    }

    /// dst[i] = f(src[i]) for `count` values, eight lanes at a time; the lanes past the end
    /// of the last chunk hold `padding` and are not stored. `dst` may be `src`.
    @inline(__always)
    static func map(
        _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int,
        padding: Float, _ f: (SIMD8<Float>) -> SIMD8<Float>
    ) {
        var i = 0
        let rs = UnsafeRawPointer(src)
        let rd = UnsafeMutableRawPointer(dst)
        while i + 8 <= count {
            rd.storeBytes(
                of: f(rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)), toByteOffset: i * 4,
                as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            var v = SIMD8<Float>(repeating: padding)
            for j in 0..<(count - i) { v[j] = src[i + j] }
            let r = f(v)
            for j in 0..<(count - i) { dst[i + j] = r[j] }
        }
    }

    /// dst[i] = log(src[i]) for `count` values (padding 1 keeps the tail off logf's slow path).
    @inline(__always)
    static func log(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
        map(src, into: dst, count: count, padding: 1) { log($0) }
    }

    /// p[i] = exp(p[i] - shift) for `count` values; returns their sum.
    @inline(__always)
    static func expShifted(_ p: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        var i = 0
        var acc = SIMD8<Float>()
        let rp = UnsafeMutableRawPointer(p)
        while i + 8 <= count {
            let e = exp(rp.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - shift)
            rp.storeBytes(of: e, toByteOffset: i * 4, as: SIMD8<Float>.self)
            acc += e
            i += 8
        }
        var sum = acc.sum()
        if i < count {
            var v = SIMD8<Float>(repeating: -.infinity)
            for j in 0..<(count - i) { v[j] = p[i + j] - shift }
            let r = exp(v)
            for j in 0..<(count - i) {
                p[i + j] = r[j]
                sum += r[j]
            }
        }
        return sum
    }
}
