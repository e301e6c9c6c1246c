import TermPlotTestSupport
import Testing

@testable import TermPlot

/// Text that does not fit is cut with an ellipsis; side-by-side panels sharing y keep their
/// plots on the same rows; equal aspect only where it is cheap; notes below the legend.
@Suite("Text fitting and alignment")
struct TextFitTests {
    @Test func truncation() {
        #expect(VisibleText.truncated("status bar", to: 20) == "status bar")
        #expect(VisibleText.truncated("sigma temp", to: 6) == "sigma\u{2026}")
        #expect(VisibleText.truncated("sigma temp", to: 7) == "sigma\u{2026}")  // no space before the ellipsis
        #expect(VisibleText.truncated("sigma temp", to: 6, ascii: true) == "sig...")
        #expect(VisibleText.truncated("abc", to: 2, ascii: true) == "..")
        #expect(VisibleText.truncated("abc", to: 0) == "")
    }

    @Test func titlesAreCutWithAnEllipsis() {
        let p = Panel(
            title: "a very long title that will not fit in a narrow panel",
            layers: [.points(xs: [0, 1], ys: [0, 1], style: .dataPoints)])
        let top = rows(FigureRenderer.render(Figure(p), width: 24, height: 8, canvas: .braille))[0]
        #expect(top.contains("\u{2026}") && top.unicodeScalars.count == 24)
        let ascii = rows(FigureRenderer.render(Figure(p), width: 24, height: 8, canvas: .ascii))[0]
        #expect(ascii.contains("...") && ascii.unicodeScalars.allSatisfy(\.isASCII))
    }

    @Test func equalAspectOnlyWhereCheap() {
        // A unit square in a 100 x 50 plot (physical units): equal scale would leave half the
        // width empty; in 60 x 50 a sixth.
        let cheap = AspectRule.equalIfCheap(maxUnused: 1.0 / 3.0)
        let wide = AxisResolver.apply(cheap, x: (0, 1), y: (0, 1), width: 100, height: 50)
        #expect(wide.0 == (0, 1) && wide.1 == (0, 1))
        let square = AxisResolver.apply(cheap, x: (0, 1), y: (0, 1), width: 60, height: 50)
        #expect(abs((square.0.1 - square.0.0) - 1.2) < 1e-9 && square.1 == (0, 1))
        let forced = AxisResolver.apply(.equal, x: (0, 1), y: (0, 1), width: 100, height: 50)
        #expect(abs((forced.0.1 - forced.0.0) - 2) < 1e-9)
    }

    @Test func panelsSharingYKeepTheirPlotsOnTheSameRows() {
        var notes = Panel(title: "b", layers: [.points(xs: [0, 1], ys: [0, 1], style: .dataPoints, label: "pts")])
        notes.notes = ["first note", "second note", "third note"]
        let plain = Panel(title: "a", layers: [.points(xs: [0, 1], ys: [0, 1], style: .dataPoints)])
        let g = FigureRenderer.render(
            Figure(panels: [plain, notes], weights: [1, 1], sharedY: true), width: 80, height: 20, canvas: .braille)
        let r = rows(g)
        // The x axis corner of each panel is on the same row.
        let left = r.firstIndex { $0.prefix(40).contains("\u{2514}") }
        let right = r.firstIndex { $0.dropFirst(40).contains("\u{2514}") }
        #expect(left != nil && left == right)
        #expect(r.contains { $0.contains("third note") })
    }
}

/// Where a panel's plot went, so a cell (a mouse click) maps back to data.
@Suite("Plot regions")
struct PlotRegionTests {
    @Test func aCellMapsBackToItsX() throws {
        let p = barePanel([.points(xs: [0, 10], ys: [0, 1], style: .dataPoints)], x: (0, 10), y: (0, 1))
        let r = FigureRenderer.renderResult(Figure(panels: [p, p]), width: 60, height: 10, canvas: .braille)
        let left = try #require(r.plotRegions[0])
        let right = try #require(r.plotRegions[1])
        #expect(left.x == 0...10 && left.y == 0...1)
        #expect(right.column > left.column + left.width)
        // The first and last canvas columns are half a column in from the range's ends.
        #expect(abs(left.xValue(column: left.column) - left.xPerColumn / 2) < 1e-9)
        #expect(abs(left.xValue(column: left.column + left.width - 1) - (10 - left.xPerColumn / 2)) < 1e-9)
        #expect(left.contains(column: left.column, row: left.row) && !left.contains(column: left.column - 1, row: 0))
        // A dot drawn at x = 10 sits in the last column of the canvas.
        let last = r.grid[left.column + left.width - 1, left.row]
        #expect(last.glyph != "\u{2800}")
    }
}
