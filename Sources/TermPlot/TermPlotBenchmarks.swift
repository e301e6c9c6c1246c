#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One timing: the median over repetitions, and the budget it should stay under.
public struct TermPlotBenchmark: Sendable {
    public var name: String
    public var milliseconds: Double
    public var budgetMilliseconds: Double
    public var withinBudget: Bool { milliseconds <= budgetMilliseconds }
}

/// Timings of the plot engine, for `mdnx bench` (meaningful in release builds).
public enum TermPlotBenchmarks {
    /// Median milliseconds of `body` over `repetitions` runs (after one warm-up).
    public static func median(repetitions: Int, _ body: () -> Void) -> Double {
        body()
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<max(1, repetitions) {
            let d = clock.measure(body)
            times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// A deterministic noisy spiral (no MDNCore dependency).
    static func spiral(_ n: Int) -> ([Float], [Float]) {
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

    /// 10,000 points + a 200-point curve into a 200x60 braille canvas with axes.
    public static func scatterFigure() -> Figure {
        let (xs, ys) = spiral(10_000)
        let cx = (0..<200).map { Float($0) / 199 * 25 - 12.5 }
        let cy = cx.map { 3 * sinf($0 / 2) }
        return Figure(
            Panel(
                title: "10,000 points + curve",
                layers: [
                    .points(xs: xs, ys: ys, role: .truth, label: "data"),
                    .curve(xs: cx, ys: cy, role: .mseCurve, label: "curve"),
                ], x: Axis(label: "x"), y: Axis(label: "y"), equalAspect: true))
    }

    /// A 200x240 precomputed value grid shown as a heatmap in a 200x60 panel.
    public static func heatmapFigure() -> Figure {
        let cols = 200
        let rows = 240
        var values = [Float](repeating: 0, count: cols * rows)
        for r in 0..<rows {
            for c in 0..<cols {
                let x = Float(c) / Float(cols)
                let y = Float(r) / Float(rows)
                let d = y - 0.5 - 0.3 * sinf(6 * x)
                values[r * cols + c] = expf(-d * d * 200)
            }
        }
        let h = Heatmap(columns: cols, rows: rows, values: values, xRange: 0...5, yRange: 0...5, normalise: .perColumn)
        return Figure(Panel(title: "p(y|x)", layers: [.heatmap(h)], x: Axis(label: "x"), y: Axis(label: "y")))
    }

    /// Runs the timings: scatter (budget 2 ms) and heatmap (budget 5 ms), 200x60 cells each.
    public static func run(repetitions: Int = 30) -> [TermPlotBenchmark] {
        let scatter = scatterFigure()
        let heat = heatmapFigure()
        var sink = 0
        let t1 = median(repetitions: repetitions) {
            sink &+= FigureRenderer.render(scatter, width: 200, height: 60, canvas: .braille).width
        }
        let t2 = median(repetitions: repetitions) {
            sink &+= FigureRenderer.render(heat, width: 200, height: 60, canvas: .braille).width
        }
        precondition(sink > 0, "benchmark renders must produce grids")
        return [
            TermPlotBenchmark(
                name: "plot 10k points + 200-pt curve, 200x60 braille", milliseconds: t1, budgetMilliseconds: 2),
            TermPlotBenchmark(name: "plot 200x60 heatmap from value grid", milliseconds: t2, budgetMilliseconds: 5),
        ]
    }
}
