import MDNCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The numbers of one slice of an MDN: the one-dimensional mixture p(y | x0) as the samples
/// are drawn from it (temperatures applied), with its mean, standard deviation, modes and
/// components. What the slice inspector shows; pure, computed in Double.
public struct SliceSummary: Sendable, Equatable {
    /// One component: its weight pi_k, mean mu_k and standard deviation sigma_k (after the
    /// temperatures), and its index k in the network's output.
    public struct Component: Sendable, Equatable {
        /// k: the component's place in the network's output.
        public var index: Int
        /// pi_k, after the temperature.
        public var weight: Double
        /// mu_k.
        public var mean: Double
        /// sigma_k, after the sigma temperature.
        public var sigma: Double
    }

    /// A local maximum of the density: where, and how high.
    public struct Mode: Sendable, Equatable {
        /// Where the density peaks.
        public var y: Double
        /// The density there.
        public var density: Double
    }

    /// Modes lower than this fraction of the highest one are left out of `modes` (a
    /// component of negligible weight far from the others makes a bump of no interest).
    public static let modeFloor = 0.01

    /// The x of the slice.
    public var x: Float
    /// The components, largest weight first.
    public var components: [Component]
    /// The mean, sum_k pi_k mu_k.
    public var mean: Double
    /// The standard deviation, by the law of total variance.
    public var std: Double
    /// The local maxima of the density at least `modeFloor` of the highest, by ascending y.
    public var modes: [Mode]

    /// The component with the largest weight.
    public var largest: Component { components[0] }

    /// The summary of the one-dimensional `mixture` (already tempered) at `x`.
    public init(x: Float, mixture: Mixture) {
        precondition(mixture.layout.dimension == 1, "a slice needs a one-dimensional mixture")
        let layout = mixture.layout
        let p = mixture.parameters
        let weights = mixture.weights
        var parts = (0..<layout.components).map { k in
            Component(
                index: k, weight: weights[k], mean: Double(p[layout.mu(k)]), sigma: Double(p[layout.sigma(k)]))
        }
        parts.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.index < $1.index) }
        self.x = x
        self.components = parts
        var m = 0.0
        for c in parts { m += c.weight * c.mean }
        var v = 0.0
        for c in parts { v += c.weight * (c.sigma * c.sigma + (c.mean - m) * (c.mean - m)) }
        mean = m
        std = max(0, v).squareRoot()
        modes = Self.modes(parts)
    }

    /// The mixture density at `y`.
    public func density(at y: Double) -> Double { Self.density(components, y) }

    /// sum_k pi_k N(y; mu_k, sigma_k).
    static func density(_ parts: [Component], _ y: Double) -> Double {
        var s = 0.0
        for c in parts where c.weight > 0 && c.sigma > 0 {
            let z = (y - c.mean) / c.sigma
            s += c.weight * exp(-0.5 * z * z) / (c.sigma * (2 * Double.pi).squareRoot())
        }
        return s
    }

    /// The local maxima of the density (at least `modeFloor` of the highest), by ascending y.
    ///
    /// Every mode of a one-dimensional Gaussian mixture lies between the smallest and the
    /// largest component mean. Starts: every component mean, and every local maximum of the
    /// density on a 512-point grid over that interval (which catches modes no mean leads to).
    /// From each start the fixed-point iteration y <- sum_k w_k(y) mu_k / sigma_k^2 /
    /// sum_k w_k(y) / sigma_k^2 (w_k = pi_k N(y; mu_k, sigma_k): a zero of the derivative,
    /// and an ascent) climbs to a mode; a few Newton steps polish it. Peaks closer than a
    /// thousandth of the smallest sigma are one.
    static func modes(_ all: [Component]) -> [Mode] {
        let parts = all.filter { $0.weight > 1e-12 && $0.sigma > 0 && $0.mean.isFinite && $0.sigma.isFinite }
        guard let lo = parts.map(\.mean).min(), let hi = parts.map(\.mean).max() else { return [] }
        let minSigma = parts.map(\.sigma).min() ?? 1
        var starts = parts.map(\.mean)
        if hi > lo {
            let n = 512
            let h = (hi - lo) / Double(n - 1)
            var prev = density(parts, lo - h)
            var here = density(parts, lo)
            for i in 0..<n {
                let y = lo + Double(i) * h
                let next = density(parts, y + h)
                if here >= prev && here > next { starts.append(y) }
                prev = here
                here = next
            }
        }
        var found: [Mode] = []
        for s in starts {
            let y = climb(parts, from: s)
            let d = density(parts, y)
            guard d.isFinite, isMaximum(parts, y, d, step: minSigma * 1e-3) else { continue }
            if let i = found.firstIndex(where: { abs($0.y - y) <= minSigma * 1e-3 }) {
                if d > found[i].density { found[i] = Mode(y: y, density: d) }
            } else {
                found.append(Mode(y: y, density: d))
            }
        }
        let top = found.map(\.density).max() ?? 0
        return found.filter { $0.density >= top * modeFloor }.sorted { $0.y < $1.y }
    }

    /// The fixed-point ascent from `start`, then Newton steps on the derivative.
    static func climb(_ parts: [Component], from start: Double) -> Double {
        var y = start
        for _ in 0..<500 {
            var num = 0.0
            var den = 0.0
            for c in parts {
                let z = (y - c.mean) / c.sigma
                let w = c.weight * exp(-0.5 * z * z) / c.sigma / (c.sigma * c.sigma)
                num += w * c.mean
                den += w
            }
            guard den > 0 else { break }
            let next = num / den
            let moved = abs(next - y)
            y = next
            if moved < 1e-12 * (1 + abs(y)) { break }
        }
        // Newton on p'(y) = sum w_k (mu_k - y)/sigma_k^2, p''(y) = sum w_k ((mu_k - y)^2/sigma_k^4 - 1/sigma_k^2).
        for _ in 0..<5 {
            var d1 = 0.0
            var d2 = 0.0
            for c in parts {
                let z = (y - c.mean) / c.sigma
                let w = c.weight * exp(-0.5 * z * z) / c.sigma
                let s2 = c.sigma * c.sigma
                d1 += w * (c.mean - y) / s2
                d2 += w * ((c.mean - y) * (c.mean - y) / (s2 * s2) - 1 / s2)
            }
            guard d2 < 0 else { break }
            let step = d1 / d2
            guard step.isFinite, abs(step) < 1e-3 * (1 + abs(y)) else { break }
            y -= step
        }
        return y
    }

    /// Whether `y` (density `d`) is at least as high as its neighbours `step` away.
    static func isMaximum(_ parts: [Component], _ y: Double, _ d: Double, step: Double) -> Bool {
        let h = max(step, 1e-9 * (1 + abs(y)))
        return d >= density(parts, y - h) && d >= density(parts, y + h)
    }
}
