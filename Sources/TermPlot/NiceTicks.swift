#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One axis tick: its value (in data units, not log units) and its label.
public struct Tick: Hashable, Sendable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// Nice tick values (Heckbert's nice numbers, extended with 2.5): the smallest step
/// m * 10^e, m in {1, 2, 2.5, 5}, that puts at most `maxCount` multiples of the step inside
/// the range. Ticks lie inside [lo, hi]; callers lower `maxCount` until labels do not collide.
public enum NiceTicks {
    /// Step mantissas, in increasing order.
    static let mantissas: [Double] = [1, 2, 2.5, 5]

    /// The nice step for [lo, hi] with at most `maxCount` ticks, as (mantissa, exponent).
    public static func step(lo: Double, hi: Double, maxCount: Int) -> (mantissa: Double, exponent: Int) {
        precondition(hi > lo && lo.isFinite && hi.isFinite, "NiceTicks needs a finite range with hi > lo")
        let limit = max(1, maxCount)
        let span = hi - lo
        var e = Int((log10(span / Double(limit))).rounded(.down)) - 1
        while true {
            for m in mantissas {
                let step = m * pow10(e)
                if count(lo: lo, hi: hi, step: step) <= limit { return (m, e) }
            }
            e += 1
        }
    }

    /// Number of multiples of `step` in [lo, hi] (with a small tolerance at the ends).
    static func count(lo: Double, hi: Double, step: Double) -> Int {
        let first = (lo / step - 1e-6).rounded(.up)
        let last = (hi / step + 1e-6).rounded(.down)
        return max(0, Int(last - first) + 1)
    }

    /// The tick values for [lo, hi] with at most `maxCount` ticks.
    public static func values(lo: Double, hi: Double, maxCount: Int) -> [Double] {
        let (m, e) = step(lo: lo, hi: hi, maxCount: maxCount)
        return values(lo: lo, hi: hi, mantissa: m, exponent: e)
    }

    static func values(lo: Double, hi: Double, mantissa m: Double, exponent e: Int) -> [Double] {
        let step = m * pow10(e)
        let first = Int((lo / step - 1e-6).rounded(.up))
        let last = Int((hi / step + 1e-6).rounded(.down))
        guard last >= first else { return [] }
        // Multiply integers by the step in a way that keeps decimal values exact where possible.
        return (first...last).map { i in
            e < 0 ? Double(i) * m / pow10(-e) : Double(i) * m * pow10(e)
        }
    }

    /// Ticks (values and labels) for [lo, hi] with at most `maxCount` ticks.
    public static func ticks(lo: Double, hi: Double, maxCount: Int) -> [Tick] {
        let (m, e) = step(lo: lo, hi: hi, maxCount: maxCount)
        let vs = values(lo: lo, hi: hi, mantissa: m, exponent: e)
        let labels = TickFormat.labels(vs, mantissa: m, exponent: e)
        return zip(vs, labels).map { Tick(value: $0, label: $1) }
    }

    /// Ticks for a log10 axis spanning [lo, hi] in log units (exponents): whole decades when
    /// the range covers at least one, else nice linear values inside [10^lo, 10^hi].
    public static func logTicks(lo: Double, hi: Double, maxCount: Int) -> [Tick] {
        precondition(hi > lo, "logTicks needs hi > lo")
        if hi - lo >= 1 {
            var (m, e) = step(lo: lo, hi: hi, maxCount: maxCount)
            if e < 0 || (e == 0 && m == 2.5) { (m, e) = (m == 2.5 ? 5 : 1, max(e, 0)) }
            if m * pow10(e) < 1 { (m, e) = (1, 0) }
            return values(lo: lo, hi: hi, mantissa: m, exponent: e).map { k in
                Tick(value: pow10(Int(k.rounded())), label: TickFormat.decade(Int(k.rounded())))
            }
        }
        let vlo = pow10Double(lo)
        let vhi = pow10Double(hi)
        return ticks(lo: vlo, hi: vhi, maxCount: maxCount)
    }

    /// 10^e, exact for the integer exponents used here.
    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 {
            for _ in 0..<e { r *= 10 }
        } else {
            for _ in 0..<(-e) { r *= 10 }
            r = 1 / r
        }
        return r
    }

    /// 10^x for real x.
    static func pow10Double(_ x: Double) -> Double { pow(10.0, x) }
}

/// Formats tick labels without Foundation: fixed decimals sized to the step, or scientific
/// notation ("5e-10") for very small steps or very large values; never "-0".
public enum TickFormat {
    /// Labels for values that are multiples of `mantissa * 10^exponent`.
    public static func labels(_ values: [Double], mantissa: Double, exponent: Int) -> [String] {
        let maxAbs = values.map { abs($0) }.max() ?? 0
        let extra = mantissa == 2.5 ? 1 : 0
        if exponent < -4 || maxAbs >= 1e6 {
            return values.map { scientific($0, stepExponent: exponent - extra) }
        }
        // A 2.5 step needs one more decimal only when some tick is an odd multiple (2.5, 7.5).
        var decimals = max(0, -exponent)
        if extra > 0 {
            let scale = NiceTicks.pow10(decimals)
            if values.contains(where: { abs(($0 * scale) - ($0 * scale).rounded()) > 1e-6 }) { decimals += 1 }
        }
        return values.map { fixed($0, decimals: decimals) }
    }

    /// `value` with exactly `decimals` decimals.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        precondition(decimals >= 0, "TickFormat.fixed needs decimals >= 0")
        let scale = NiceTicks.pow10(decimals)
        let n = Int64((abs(value) * scale).rounded())
        if n == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        var digits = String(n)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 ? "-" : "") + digits
    }

    /// `value` as mantissa "e" exponent, with enough mantissa digits for the step.
    public static func scientific(_ value: Double, stepExponent: Int) -> String {
        if abs(value) < pow(10, Double(stepExponent)) * 1e-6 { return "0" }
        var e = Int(log10(abs(value)).rounded(.down))
        var mant = value / NiceTicks.pow10(e)
        let decimals = max(0, min(6, e - stepExponent))
        // Rounding can carry into the next decade (9.99 -> 10.0).
        if abs((abs(mant) * NiceTicks.pow10(decimals)).rounded()) >= 10 * NiceTicks.pow10(decimals) {
            e += 1
            mant /= 10
        }
        var m = fixed(mant, decimals: decimals)
        if m.contains(".") {
            while m.hasSuffix("0") { m.removeLast() }
            if m.hasSuffix(".") { m.removeLast() }
        }
        return "\(m)e\(e)"
    }

    /// `value` with about `digits` significant digits, trailing zeros dropped: 1.85, 0.0312,
    /// 120, 3.1e-5 (scientific below 0.001 and from 1e6).
    public static func significant(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let e = Int(log10(abs(value)).rounded(.down))
        if e < -3 || e >= 6 { return scientific(value, stepExponent: e - max(0, digits - 1)) }
        var s = fixed(value, decimals: max(0, digits - 1 - e))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// The label of the decade 10^k: "0.01", "1", "100", or "1e-5" / "1e6" beyond three digits.
    public static func decade(_ k: Int) -> String {
        if k >= 0 && k <= 3 { return "1" + String(repeating: "0", count: k) }
        if k < 0 && k >= -3 { return "0." + String(repeating: "0", count: -k - 1) + "1" }
        return "1e\(k)"
    }
}
