import TermPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Deterministic data and figures for TermPlot's tests (no MDNCore dependency).
public enum TestFigures {
    /// `n` points along a spiral (angle evenly over [0, 4 pi), radius = angle) with a fixed
    /// sinusoidal jitter of at most 0.2: the same points on every run.
    public static func spiral(_ n: Int) -> (xs: [Float], ys: [Float]) {
        let points = (0..<n).map { i -> (Float, Float) in
            let a = 4 * Float.pi * Float(i) / Float(max(1, n))
            let jitter = 0.2 * sinf(7.3 * Float(i))
            return ((a + jitter) * cosf(a), (a + jitter) * sinf(a))
        }
        return (points.map(\.0), points.map(\.1))
    }

    /// One panel: a spiral of `n` points (slot 0), the same points shifted right by 0.3
    /// (slot 1) and a flat line (slot 2), each labelled.
    public static func scatter(_ n: Int) -> Figure {
        let (xs, ys) = spiral(n)
        return Figure(
            Panel(
                title: "scatter",
                layers: [
                    .points(xs: xs, ys: ys, style: TestPalette.series(0, "."), label: "data"),
                    .points(xs: xs.map { $0 + 0.3 }, ys: ys, style: TestPalette.series(1, "+"), label: "shifted"),
                    .curve(xs: [-12, 12], ys: [0, 0], style: TestPalette.series(2, "#"), label: "line"),
                ], x: Axis(label: "x"), y: Axis(label: "y")))
    }
}
