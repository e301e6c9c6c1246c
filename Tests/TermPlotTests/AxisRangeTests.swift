import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("Awkward axis ranges and non-finite points")
struct AxisRangeTests {
    /// All data at (0,0): the range widens to [-1,1]; ticks -1, 0, 1 on both axes.
    @Test func zeroWidthRange() {
        let fig = Figure(barePanel([.points(xs: [0], ys: [0], style: .dataPoints)]))
        let expected = [
            " 1┤" + blank(9),
            "  │" + blank(9),
            " 0┤" + blank(4) + "⠐" + blank(4),
            "  │" + blank(9),
            "-1┤" + blank(9),
            "  └┬───┬───┬",
            "   -1  0   1",
        ]
        #expect(rows(FigureRenderer.render(fig, width: 12, height: 7, canvas: .braille)) == expected)
    }

    /// A tiny range around zero is a real range: scientific labels, points on both corners.
    @Test func tinyRange() {
        let fig = Figure(barePanel([.points(xs: [-1e-9, 1e-9], ys: [-1e-9, 1e-9], style: .dataPoints)]))
        let expected = [
            " 1e-9┤" + blank(23) + "⠈",
            "     │" + blank(24),
            "    0┤" + blank(24),
            "     │" + blank(24),
            "-1e-9┤⡀" + blank(23),
            "     └┬───────────┬──────────┬",
            "    -1e-9         0       1e-9",
        ]
        #expect(rows(FigureRenderer.render(fig, width: 30, height: 7, canvas: .braille)) == expected)
    }

    /// [0, 4.99]: integer ticks 0..4 inside the range (y), 0, 2, 4 where labels fit (x).
    @Test func almostFive() {
        let fig = Figure(barePanel([.points(xs: [0, 4.99], ys: [0, 4.99], style: .dataPoints)]))
        let expected = [
            " |                 .",
            "4+                  ",
            " |                  ",
            "3+                  ",
            " |                  ",
            "2+                  ",
            " |                  ",
            "1+                  ",
            " |                  ",
            "0+.                 ",
            " ++------+------+---",
            "  0      2      4   ",
        ]
        #expect(rows(FigureRenderer.render(fig, width: 20, height: 12, canvas: .ascii)) == expected)
    }

    @Test func nonFinitePointsAreSkippedAndCounted() {
        let nan = Float.nan
        let inf = Float.infinity
        let panel = Panel(
            title: "t",
            layers: [
                .points(xs: [0, 1, nan, 0, -inf], ys: [0, 1, 0, inf, 1], style: .dataPoints),
                .curve(xs: [0, nan, 1], ys: [0, 0, 1], style: .line),
            ], showLegend: false)
        let result = FigureRenderer.renderResult(Figure(panel), width: 30, height: 8, canvas: .braille)
        #expect(result.skippedPoints == [4])
        #expect(result.totalSkipped == 4)
        #expect(rows(result.grid)[0].hasSuffix("4 skipped"))
        // The range comes from the finite points only.
        let last = rows(result.grid)[7]
        #expect(last.contains("0") && last.contains("1") && !last.contains("nan"))
    }

    @Test func logAxisSkipsNonPositiveValues() {
        let panel = Panel(
            layers: [.curve(xs: [1, 2, 3, 4], ys: [100, 10, 0, 1], style: .line)],
            y: Axis(scale: .log10), showLegend: false)
        let result = FigureRenderer.renderResult(Figure(panel), width: 30, height: 10, canvas: .braille)
        #expect(result.skippedPoints == [1])
        let text = result.grid.text
        #expect(text.contains("100┤") && text.contains("10┤") && text.contains("1┤"))
    }

    @Test func equalAspectWidensTheShortAxis() {
        // 20 cells wide x 10 rows = 20 x 20 physical units; data 0..10 by 0..5 -> y widened to 10 units.
        let axes = PanelAxes.resolve(
            barePanel([], x: (0, 10), y: (0, 5)).withEqualAspect, xExtent: Extent(), yExtent: Extent(),
            width: 20, height: 10)
        #expect(axes.x.lo == 0 && axes.x.hi == 10)
        #expect(axes.y.lo == -2.5 && axes.y.hi == 7.5)
    }
}

extension Panel {
    var withEqualAspect: Panel {
        var p = self
        p.equalAspect = true
        return p
    }
}

@Suite("Extreme values")
struct ExtremeValueTests {
    @Test func nearFloatMaxPointsAreDrawn() {
        let big = Float.greatestFiniteMagnitude
        let fig = Figure(barePanel([.points(xs: [-big, big], ys: [-big, big], style: .dataPoints)]))
        let grid = FigureRenderer.render(fig, width: 40, height: 8, canvas: .braille)
        let dots = grid.cells.filter { $0.foreground == SeriesStyle.dataPoints.role }.count
        #expect(dots == 2)
        #expect(grid.text.contains("e38"))
    }
}
