import MDNCore
import TermPlot

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
                    let figure = TermPlotBenchmarks.scatterFigure()
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
                        let heatmap = PlotDensityGrid.heatmap(batch, rows: 240, xRange: 0...5, yRange: -1...6)
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
                        let d = SpiralFigureData(
                            truthX: data.x, truthY: data.y, mseX: curveX, mseY: mseY,
                            sampleX: data.x, sampleY: samples, equalAspect: true)
                        var frame = CellGrid(width: 160, height: 48)
                        frame.blit(
                            FigureRenderer.render(
                                StandardFigures.sideBySide(d), width: 160, height: 34,
                                canvas: .braille), x: 0, y: 0)
                        frame.blit(
                            FigureRenderer.render(
                                StandardFigures.loss(losses), width: 160, height: 14,
                                canvas: .braille), x: 0, y: 34)
                    }
                }),
        ]
    }

    /// Mixtures of an untrained K=20 MDN (widths 1-128-128-60) at `count` x values in [from, to).
    static func mixtures(count: Int, from: Float = 0, to: Float = 5) -> MixtureBatch {
        var rng = SeededRNG(seed: 1)
        let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
        let x = (0..<count).map { from + (to - from) * Float($0) / Float(count) }
        return MixtureBatch(layout: net.layout!, rows: net.predict(x))
    }
}
