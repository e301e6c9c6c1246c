import MDNCore
import MDNFigures
import TermPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BenchmarkSuite {
    /// Sampling and plotting measurements: what the explorer does every time it redraws.
    static func plotting() -> [Benchmark] {
        [
            Benchmark(
                name: "sample_10k", summary: "MDN K=20: one sample for each of 10,000 x, T=0.7, S=0.5",
                unit: "ms", higherIsBetter: false, target: 2,
                references: [
                    ReferenceFigure(label: "Keras sampler", value: 720),
                    ReferenceFigure(label: "PyTorch", value: 620),
                ],
                run: {
                    let batch = mixtures(count: 10_000)
                    var rng = SeededRNG(seed: 7)
                    var sink: Float = 0
                    let ms = medianMilliseconds(repeats: 21, warmup: 2) {
                        let s = try? batch.samples(perRow: 1, temperature: 0.7, sigmaTemperature: 0.5, rng: &rng)
                        sink += s?[0] ?? 0
                    }
                    precondition(sink.isFinite, "samples must be finite")
                    return ms
                }),
            Benchmark(
                name: "plot_scatter", summary: "10,000 points + 200-point curve, 200x60 braille with axes",
                unit: "ms", higherIsBetter: false, target: 2, references: [],
                run: {
                    let figure = scatterFigure()
                    return medianMilliseconds(repeats: 31, warmup: 2) {
                        _ = FigureRenderer.render(figure, width: 200, height: 60, canvas: .braille)
                    }
                }),
            Benchmark(
                name: "plot_density", summary: "p(y|x) of 200 K=20 mixtures on 240 rows, shaded into 200x60",
                unit: "ms", higherIsBetter: false, target: 5, references: [],
                run: {
                    // Untrained network: broad sigmas, so every component covers the whole grid (worst case).
                    let batch = mixtures(count: 200, from: 0, to: 5)
                    return medianMilliseconds(repeats: 31, warmup: 2) {
                        let heatmap = DensityGrid.heatmap(
                            columnMixtures: batch, xRange: 0...5, yRange: -1...6, rows: 240)
                        let figure = Figure(
                            Panel(
                                title: "MDN p(y|x)", layers: [.heatmap(heatmap)],
                                x: Axis(label: "x"), y: Axis(label: "y")))
                        _ = FigureRenderer.render(figure, width: 200, height: 60, canvas: .braille)
                    }
                }),
            Benchmark(
                name: "frame_160x48",
                summary:
                    "explorer frame: draw 10k samples (T=0.7, S=0.5), side-by-side (10k data, curve, samples) + loss, 160x48",
                unit: "ms", higherIsBetter: false, target: 5, references: [],
                run: {
                    let data = Datasets.spiral(count: 10_000, seed: 42)
                    var rng = SeededRNG(seed: 3)
                    let batch = mixtures(count: 10_000, from: 0, to: 5)
                    let curveX = (0..<200).map { Float($0) / 40 }
                    let mseY = curveX.map { 2 + 0.3 * ($0 - 2.5) }
                    let epochs = 300
                    let losses = [LossModel.mse, .mdn].flatMap { m in
                        [LossSplit.train, .validation].map { s in
                            LossSeries(
                                model: m, split: s,
                                values: (0..<epochs).map {
                                    Float(m == .mse ? 1 : 0.5) / Float($0 + 1).squareRoot() + (s == .train ? 0 : 0.02)
                                })
                        }
                    }
                    return medianMilliseconds(repeats: 31, warmup: 2) {
                        let samples =
                            (try? batch.samples(perRow: 1, temperature: 0.7, sigmaTemperature: 0.5, rng: &rng)) ?? []
                        let scene = FigureScene(
                            data: XYPoints(xs: data.x, ys: data.y), equalAspect: true,
                            mse: XYPoints(xs: curveX, ys: mseY),
                            mdn: FigureScene.MDN(mixtures: nil, samples: XYPoints(xs: data.x, ys: samples)))
                        var frame = CellGrid(width: 160, height: 48)
                        frame.blit(
                            FigureRenderer.render(
                                StandardFigures.sideBySide(scene), width: 160, height: 34,
                                canvas: .braille), x: 0, y: 0)
                        frame.blit(
                            FigureRenderer.render(
                                StandardFigures.loss(losses), width: 160, height: 14,
                                canvas: .braille), x: 0, y: 34)
                    }
                }),
            Benchmark(
                name: "inspect_160",
                summary:
                    "explorer frame with the slice inspector: overlay (10k data tinted, 6k samples, curve) + p(y|x0) of K=20 + loss, 160x48",
                unit: "ms", higherIsBetter: false, target: 5, references: [],
                run: {
                    let scene = explorerScene()
                    return medianMilliseconds(repeats: 31, warmup: 2) {
                        _ = explorerFrame(.overlay, scene, inspector: 2.5)
                    }
                }),
            Benchmark(
                name: "density_160",
                summary:
                    "explorer frame: p(y|x) field of K=20 at 160x48's cells with its colour bar, data below + loss",
                unit: "ms", higherIsBetter: false, target: 5, references: [],
                run: {
                    let scene = explorerScene()
                    return medianMilliseconds(repeats: 31, warmup: 2) {
                        _ = explorerFrame(.density, scene, inspector: nil)
                    }
                }),
        ]
    }

    /// What an explorer frame shows (made once per snapshot, not per frame): 10,000 spiral
    /// points, an untrained K=20 MDN's mixtures on the explorer's 3,000-point x grid with two
    /// samples per x, a 200-point MSE curve, 300 epochs of losses.
    static func explorerScene() -> (scene: FigureScene, losses: [LossSeries]) {
        let data = Datasets.spiral(count: 10_000, seed: 42)
        let grid = (0..<3_000).map { Float($0) / 600 }
        let batch = mixtures(count: 3_000, from: 0, to: 5)
        var rng = SeededRNG(seed: 3)
        let samples = (try? batch.samples(perRow: 2, temperature: 1, sigmaTemperature: 1, rng: &rng)) ?? []
        let sampleX = grid.flatMap { [$0, $0] }
        let curveX = (0..<200).map { Float($0) / 40 }
        let losses = [LossModel.mse, .mdn].flatMap { m in
            [LossSplit.train, .validation].map { s in
                LossSeries(model: m, split: s, values: (0..<300).map { 1 / Float($0 + 1).squareRoot() })
            }
        }
        let scene = FigureScene(
            data: XYPoints(xs: data.x, ys: data.y), dataName: "spiral", equalAspect: true,
            mse: XYPoints(xs: curveX, ys: curveX.map { 2 + 0.1 * $0 }),
            mdn: FigureScene.MDN(
                mixtures: .grid(xs: grid, batch: batch), samples: XYPoints(xs: sampleX, ys: samples)))
        return (scene, losses)
    }

    /// One explorer-like frame at 160x48 (the main area and the loss panels where the
    /// explorer puts them): the view `view` of `input`, with the inspector at `inspector`.
    static func explorerFrame(
        _ view: FigureView, _ input: (scene: FigureScene, losses: [LossSeries]), inspector: Float?
    ) -> CellGrid {
        var frame = CellGrid(width: 160, height: 48)
        let main = StandardFigures.figure(
            view, input.scene, resolution: .cells(width: 160, height: 32), inspector: inspector)
        frame.blit(FigureRenderer.render(main, width: 160, height: 32, canvas: .braille), x: 0, y: 1)
        frame.blit(
            FigureRenderer.render(StandardFigures.loss(input.losses), width: 160, height: 12, canvas: .braille), x: 0,
            y: 33)
        return frame
    }

    /// 10,000 points of a noisy spiral (a fixed LCG, not MDNCore's generator) and a
    /// 200-point curve in one equal-aspect panel: the scatter benchmark's figure.
    static func scatterFigure() -> Figure {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        var xs = [Float]()
        var ys = [Float]()
        for _ in 0..<10_000 {
            let a = uniform() * 4 * .pi
            xs.append(a * cosf(a) + (uniform() - 0.5) * 0.4)
            ys.append(a * sinf(a) + (uniform() - 0.5) * 0.4)
        }
        let cx = (0..<200).map { Float($0) / 199 * 25 - 12.5 }
        let cy = cx.map { 3 * sinf($0 / 2) }
        return Figure(
            Panel(
                title: "10,000 points + curve",
                layers: [
                    .points(xs: xs, ys: ys, style: FigureRole.truth.style, label: "data"),
                    .curve(xs: cx, ys: cy, style: FigureRole.mseCurve.style, label: "curve"),
                ], x: Axis(label: "x"), y: Axis(label: "y"), equalAspect: true))
    }

    /// Mixtures of an untrained K=20 MDN (widths 1-128-128-60) at `count` x values in [from, to).
    static func mixtures(count: Int, from: Float = 0, to: Float = 5) -> MixtureBatch {
        var rng = SeededRNG(seed: 1)
        let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
        let x = (0..<count).map { from + (to - from) * Float($0) / Float(count) }
        return MixtureBatch(layout: net.layout!, rows: net.predict(x))
    }
}
