import TermPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Deterministic data and figures for TermPlot's tests (no MDNCore dependency).
public enum TestFigures {
    /// `n` points of a noisy spiral (angle in [0, 4 pi), radius = angle, uniform jitter of
    /// +-0.2) from a fixed LCG: the same points on every run.
    public static func spiral(_ n: Int) -> (xs: [Float], ys: [Float]) {
        var s: UInt64 = 0x9E37_79B9_7F4A_7C15
        func r() -> Float {
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(s >> 40) / Float(1 << 24)
        }
        var xs = [Float]()
        var ys = [Float]()
        xs.reserveCapacity(n)
        ys.reserveCapacity(n)
        for _ in 0..<n {
            let a = r() * 4 * .pi
            xs.append(a * cosf(a) + (r() - 0.5) * 0.4)
            ys.append(a * sinf(a) + (r() - 0.5) * 0.4)
        }
        return (xs, ys)
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
