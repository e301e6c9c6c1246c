import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("Heatmap and density shading")
struct HeatmapTests {
    /// 2x2 grid, row 0 the lowest y: [[1, 4], [3, 2]] over [0,2]x[0,2] on a 2x2-cell canvas.
    func backgrounds(_ norm: HeatmapNormalisation) -> [StyleRole?] {
        let layer = Layer.heatmap(
            columns: 2, rows: 2, values: [1, 4, 3, 2], xRange: 0...2, yRange: 0...2, normalise: norm)
        let grid = FigureRenderer.render(
            Figure(barePanel([layer], x: (0, 2), y: (0, 2))), width: 4, height: 4, canvas: .braille)
        return [grid[2, 0].background, grid[3, 0].background, grid[2, 1].background, grid[3, 1].background]
    }

    @Test func perColumnNormalisation() {
        // Column maxima 3 and 4: top row 3/3 -> 7, 2/4 -> 4; bottom row 1/3 -> floor(2.67) = 2, 4/4 -> 7.
        #expect(
            backgrounds(.perColumn) == [.density(level: 7), .density(level: 4), .density(level: 2), .density(level: 7)])
    }

    @Test func globalNormalisation() {
        // Global maximum 4: 3/4 -> 6, 2/4 -> 4, 1/4 -> 2, 4/4 -> 7.
        #expect(
            backgrounds(.global) == [.density(level: 6), .density(level: 4), .density(level: 2), .density(level: 7)])
    }

    @Test func shadeGlyphsForPlainText() {
        let h = Heatmap(columns: 1, rows: 1, values: [1], xRange: 0...1, yRange: 0...1)
        let r = FigureRenderer.renderResult(
            Figure(barePanel([.heatmap(h)], x: (0, 1), y: (0, 1))), width: 3, height: 3,
            canvas: .braille, options: RenderOptions(shadeGlyphs: true))
        #expect(r.grid[2, 0].glyph == "█")
        let plain = FigureRenderer.render(
            Figure(barePanel([.heatmap(h)], x: (0, 1), y: (0, 1))), width: 3, height: 3, canvas: .braille)
        #expect(plain[2, 0].glyph == "\u{2800}" && plain[2, 0].background == .density(level: 7))
    }

    @Test func pointsOverHeatmapKeepTheBackground() {
        let h = Heatmap(columns: 1, rows: 1, values: [1], xRange: 0...2, yRange: 0...4)
        let fig = Figure(
            barePanel([.points(xs: [0.5], ys: [3.5], style: .dataPoints), .heatmap(h)], x: (0, 2), y: (0, 4)))
        let cell = FigureRenderer.render(fig, width: 3, height: 3, canvas: .braille)[2, 0]
        #expect(
            cell.glyph == "\u{2801}" && cell.foreground == SeriesStyle.dataPoints.role
                && cell.background == .density(level: 7))
    }

    @Test func densityLevelsFollowLogCounts() {
        // Two cells on a 2x1 canvas: 1 point and 3 points. log(2)/log(4) = 0.5 -> level 4; the densest -> 7.
        let fig = Figure(
            barePanel([.density(xs: [0.5, 1.5, 1.5, 1.5], ys: [0.5, 0.5, 0.5, 0.5])], x: (0, 2), y: (0, 1)))
        let grid = FigureRenderer.render(fig, width: 4, height: 3, canvas: .ascii)
        #expect(grid[2, 0].background == .density(level: 4))
        #expect(grid[3, 0].background == .density(level: 7))
    }
}
