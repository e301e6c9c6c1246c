import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("ASCII canvas")
struct AsciiCanvasTests {
    /// x in [0,4], y in [0,2] on a 4x2 canvas: one cell per data unit. Truth '.', MDN '+',
    /// MSE curve '#' (drawn last, over anything it crosses), pure-ASCII axes.
    @Test func rolesDifferByGlyph() {
        let fig = Figure(
            barePanel(
                [
                    .points(xs: [0.5], ys: [0.5], style: .dataPoints),
                    .points(xs: [3.5], ys: [1.5], style: .samplePoints),
                    .curve(xs: [0, 2], ys: [1.2, 1.2], style: .line),
                ], x: (0, 4), y: (0, 2)))
        let expected = [
            " |###+",
            "0+.   ",
            " ++---",
            "  0   ",
        ]
        #expect(rows(FigureRenderer.render(fig, width: 6, height: 4, canvas: .ascii)) == expected)
    }

    @Test func explicitGlyphHint() {
        let fig = Figure(
            barePanel([.points(xs: [0.5], ys: [0.5], style: TestPalette.series(0, "@"))], x: (0, 1), y: (0, 1)))
        #expect(rows(FigureRenderer.render(fig, width: 3, height: 3, canvas: .ascii))[0] == "0+@")
    }
}
