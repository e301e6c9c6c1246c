import Testing

@testable import TermPlot

@Suite("Benchmarks entry point")
struct TermPlotBenchmarksTests {
    @Test func runReturnsBothTimings() {
        let results = TermPlotBenchmarks.run(repetitions: 1)
        #expect(results.count == 2)
        #expect(results.map(\.budgetMilliseconds) == [2, 5])
        #expect(results.allSatisfy { $0.milliseconds > 0 && $0.milliseconds.isFinite })
    }

    @Test func benchmarkFiguresHaveTheAdvertisedSizes() {
        guard case .points(let xs, _, _, _, _) = TermPlotBenchmarks.scatterFigure().panels[0].layers[0],
            case .curve(let cx, _, _, _) = TermPlotBenchmarks.scatterFigure().panels[0].layers[1],
            case .heatmap(let h) = TermPlotBenchmarks.heatmapFigure().panels[0].layers[0]
        else {
            Issue.record("unexpected layers")
            return
        }
        #expect(xs.count == 10_000 && cx.count == 200 && h.columns == 200)
    }
}
