#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The standard normal distribution N(0, 1): density, distribution function and quantile,
/// in Double, accurate in both tails (the distribution function goes through `erfc`, so
/// cdf(-30) is 4.9e-198, not 0).
public enum StandardNormal {
    /// 1 / sqrt(2 pi).
    static let inverseSqrtTwoPi = 0.398_942_280_401_432_7
    /// 1 / sqrt(pi).
    static let inverseSqrtPi = 0.564_189_583_547_756_3

    /// The density phi(z) = exp(-z^2 / 2) / sqrt(2 pi).
    @inline(__always)
    public static func density(_ z: Double) -> Double { inverseSqrtTwoPi * exp(-0.5 * z * z) }

    /// The distribution function Phi(z) = P(Z <= z) = erfc(-z / sqrt 2) / 2.
    @inline(__always)
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z * 0.5.squareRoot()) }

    /// Acklam's numerator coefficients for the central region (0.02425 <= p <= 0.5).
    private static let a = [
        -39.696_830_286_653_76, 220.946_098_424_520_5, -275.928_510_446_968_7,
        138.357_751_867_269, -30.664_798_066_147_16, 2.506_628_277_459_239,
    ]
    /// Acklam's denominator coefficients for the central region.
    private static let b = [
        -54.476_098_798_224_06, 161.585_836_858_040_9, -155.698_979_859_886_6,
        66.801_311_887_719_72, -13.280_681_552_885_72,
    ]
    /// Acklam's numerator coefficients for the lower tail (p < 0.02425).
    private static let c = [
        -0.007_784_894_002_430_293, -0.322_396_458_041_136_4, -2.400_758_277_161_838,
        -2.549_732_539_343_734, 4.374_664_141_464_968, 2.938_163_982_698_783,
    ]
    /// Acklam's denominator coefficients for the lower tail.
    private static let d = [
        0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996,
        3.754_408_661_907_416,
    ]

    /// The quantile Phi^-1(p) for p in (0, 1) (-inf at 0, +inf at 1, NaN outside [0, 1]).
    ///
    /// Method: Acklam's rational approximation (relative error below 1.2e-9), then one
    /// Halley step on `cdf`, which brings it to about machine precision. Above 0.5 it uses
    /// the symmetry Phi^-1(p) = -Phi^-1(1 - p) (1 - p is exact there), so the upper tail is
    /// as precise as the lower.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0 && p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p > 0.5 { return -quantile(1 - p) }
        let low = 0.024_25
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = p - 0.5
            let r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // Halley refinement: e = Phi(x) - p, u = e / phi(x), x -= u / (1 + x u / 2).
        let e = cdf(x) - p
        let u = e / density(x)
        if u.isFinite { x -= u / (1 + 0.5 * x * u) }
        return x
    }
}
