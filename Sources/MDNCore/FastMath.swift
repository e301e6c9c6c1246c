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
