/// Built-in synthetic data sets.
public enum Datasets {
    /// The most rows a built-in data set is generated with (checked where a count enters,
    /// e.g. `--count`; beyond it the arrays would not fit in memory).
    public static let maximumCount = 10_000_000

    /// The tutorial's noisy spiral: angle ~ U(0, 2 pi revolutions), r = angle,
    /// (r cos, r sin) + N(0, jitter^2) noise per coordinate, then ONE min-max scaling over
    /// both columns jointly to [0, 5]. x = column 0, y = column 1.
    public static func spiral(
        count: Int = 10_000, jitter: Double = 0.2, revolutions: Double = 2,
        seed: UInt64 = 42
    ) -> Dataset {
        precondition(
            (1...maximumCount).contains(count), "the spiral needs 1 to \(maximumCount) points (got \(count))")
        var rng = SeededRNG(seed: seed)
        var xs = [Double](repeating: 0, count: count)
        var ys = [Double](repeating: 0, count: count)
        let top = 2 * Double.pi * revolutions
        for i in 0..<count {
            let angle = rng.uniform(0, top)
            xs[i] = angle * _cos(angle)
            ys[i] = angle * _sin(angle)
        }
        for i in 0..<count {
            xs[i] += rng.normal(mean: 0, std: jitter)
            ys[i] += rng.normal(mean: 0, std: jitter)
        }
        let lo = min(xs.min()!, ys.min()!)
        let hi = max(xs.max()!, ys.max()!)
        let scale = hi > lo ? 5 / (hi - lo) : 0
        return Dataset(x: xs.map { Float(($0 - lo) * scale) }, y: ys.map { Float(($0 - lo) * scale) })
    }

    /// Bishop's inverse problem: t ~ U(0, 1), x = t + 0.3 sin(2 pi t) + U(-0.1, 0.1); the
    /// input is x and the target is t (a one-to-many mapping).
    public static func bishop(count: Int = 10_000, seed: UInt64 = 42) -> Dataset {
        precondition(
            (1...maximumCount).contains(count), "the data set needs 1 to \(maximumCount) points (got \(count))")
        var rng = SeededRNG(seed: seed)
        var x = [Float](repeating: 0, count: count)
        var y = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let t = rng.nextDouble()
            y[i] = Float(t)
            x[i] = Float(t + 0.3 * _sin(2 * Double.pi * t) + rng.uniform(-0.1, 0.1))
        }
        return Dataset(x: x, y: y, xNames: ["x"], yNames: ["t"])
    }
}
