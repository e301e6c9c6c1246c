import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("Braille canvas")
struct BrailleCanvasTests {
    /// One cell of x in [0,2], y in [0,4]: each dot is a 1x1 data square. The 3x3 figure is
    /// y label "0" + axis, the cell, then the x axis and its single "0" label.
    func single(_ x: Float, _ y: Float) -> [String] {
        let fig = Figure(barePanel([.points(xs: [x], ys: [y], style: .dataPoints)], x: (0, 2), y: (0, 4)))
        return rows(FigureRenderer.render(fig, width: 3, height: 3, canvas: .braille))
    }

    @Test(
        "each of the 8 dot positions maps to its Unicode bit",
        arguments: [
            (Float(0.5), Float(3.5), "\u{2801}"), (0.5, 2.5, "\u{2802}"), (0.5, 1.5, "\u{2804}"),
            (0.5, 0.5, "\u{2840}"),
            (1.5, 3.5, "\u{2808}"), (1.5, 2.5, "\u{2810}"), (1.5, 1.5, "\u{2820}"), (1.5, 0.5, "\u{2880}"),
        ])
    func dotPositions(x: Float, y: Float, glyph: String) {
        #expect(single(x, y) == ["0┤" + glyph, " └┬", "  0"])
    }

    @Test func allEightDotsMakeFullCell() {
        let xs: [Float] = [0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5]
        let ys: [Float] = [0.5, 1.5, 2.5, 3.5, 0.5, 1.5, 2.5, 3.5]
        let fig = Figure(barePanel([.points(xs: xs, ys: ys, style: .dataPoints)], x: (0, 2), y: (0, 4)))
        #expect(rows(FigureRenderer.render(fig, width: 3, height: 3, canvas: .braille))[0] == "0┤\u{28FF}")
    }

    @Test func emptyCanvasCellsAreBrailleBlank() {
        let fig = Figure(barePanel([], x: (0, 2), y: (0, 4)))
        #expect(rows(FigureRenderer.render(fig, width: 3, height: 3, canvas: .braille))[0] == "0┤\u{2800}")
    }

    /// A diagonal from (0,0) to (1,1) on a 4x4-cell canvas (8x16 dots): Bresenham from dot
    /// (0,15) to (7,0) sets two dots per column pair per cell: bits 0x04,0x40 (left) and
    /// 0x08,0x10 (right) = 0x5C = U+285C in each diagonal cell.
    @Test func diagonalLine() {
        let fig = Figure(barePanel([.curve(xs: [0, 1], ys: [0, 1], style: .line)], x: (0, 1), y: (0, 1)))
        let expected = [
            "1┤⠀⠀⠀⡜",
            " │⠀⠀⡜⠀",
            " │⠀⡜⠀⠀",
            "0┤⡜⠀⠀⠀",
            " └┬──┬",
            "  0  1",
        ]
        #expect(rows(FigureRenderer.render(fig, width: 6, height: 6, canvas: .braille)) == expected)
    }

    @Test func curveWinsTheCellsForeground() {
        // Points first in the list, curve drawn last: the shared cell takes the curve's role.
        let fig = Figure(
            barePanel(
                [
                    .curve(xs: [0, 2], ys: [3.5, 3.5], style: .line),
                    .points(xs: [0.5], ys: [0.5], style: .dataPoints),
                ], x: (0, 2), y: (0, 4)))
        let grid = FigureRenderer.render(fig, width: 3, height: 3, canvas: .braille)
        #expect(grid[2, 0].glyph == "\u{2849}")  // 0x40 (point) | 0x01 | 0x08 (curve)
        #expect(grid[2, 0].foreground == SeriesStyle.line.role)
    }
}
