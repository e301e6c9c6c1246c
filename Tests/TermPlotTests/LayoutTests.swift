import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("Figure layout")
struct LayoutTests {
    static let panel = Panel(
        title: "p", layers: [.points(xs: [-3, 2, 7], ys: [0, 10, 4], style: .dataPoints)],
        x: Axis(label: "x"), y: Axis(label: "y"), equalAspect: true)

    @Test func sharedSideBySidePanelsAreIdentical() {
        let fig = Figure(
            panels: [LayoutTests.panel, LayoutTests.panel, LayoutTests.panel], sharedX: true, sharedY: true)
        let width = 101
        let gap = FigureRenderer.panelGap
        let grid = FigureRenderer.render(fig, width: width, height: 20, canvas: .braille)
        let w = (width - 2 * gap) / 3
        for row in rows(grid) {
            let s = Array(row.unicodeScalars)
            let a = String(String.UnicodeScalarView(s[0..<w]))
            let c = String(String.UnicodeScalarView(s[(2 * (w + gap))..<(3 * w + 2 * gap)]))
            #expect(a == c)
        }
    }

    @Test func sharedRangesAreTheUnion() {
        let a = Panel(layers: [.points(xs: [0, 1], ys: [0, 1], style: .dataPoints)], showLegend: false)
        let b = Panel(layers: [.points(xs: [0, 10], ys: [0, 1], style: .dataPoints)], showLegend: false)
        let shared = rows(
            FigureRenderer.render(Figure(panels: [a, b], sharedX: true), width: 61, height: 6, canvas: .ascii))
        let last = shared.last!
        #expect(last.hasPrefix("  0") && last.contains("10"))
        let own = rows(FigureRenderer.render(Figure(panels: [a, b]), width: 61, height: 6, canvas: .ascii)).last!
        #expect(!String(own.prefix(30)).contains("10"))
    }

    @Test func stackedPanelsAlignTheirXAxes() {
        let top = Panel(layers: [.curve(xs: [0, 10], ys: [-1000, 1000], style: .line)], showLegend: false)
        let bottom = Panel(layers: [.curve(xs: [0, 10], ys: [0, 1], style: .line)], showLegend: false)
        let grid = FigureRenderer.render(
            Figure(panels: [top, bottom], layout: .vertical, weights: [2, 1], sharedX: true),
            width: 40, height: 30, canvas: .braille)
        let cols = rows(grid).compactMap { row -> Int? in
            guard let i = Array(row.unicodeScalars).firstIndex(of: "└") else { return nil }
            return i
        }
        #expect(cols.count == 2 && cols[0] == cols[1])
    }

    @Test func weightsSplitTheSpace() {
        let fig = Figure(panels: [LayoutTests.panel, LayoutTests.panel], layout: .vertical, weights: [3, 1])
        let rects = FigureRenderer.layoutRects(fig, width: 50, height: 40, gap: 1)
        #expect(rects.map(\.h) == [30, 10] && rects.map(\.y) == [0, 30])
        let h = FigureRenderer.layoutRects(
            Figure(panels: [LayoutTests.panel, LayoutTests.panel]), width: 51, height: 9, gap: 1)
        #expect(h.map(\.x) == [0, 26] && h.map(\.w) == [25, 25])
    }

    @Test func tinyGridsDoNotCrash() {
        let fig = Figure(
            panels: [
                Panel(title: "a", layers: [.points(xs: [0, 1], ys: [1, 0], style: .dataPoints, label: "data")]),
                Panel(title: "b", layers: [.curve(xs: [0, 1], ys: [0, 1], style: .line, label: "line")]),
                Panel(title: "c", layers: [.points(xs: [0.5], ys: [0.5], style: .samplePoints, label: "one")]),
            ], sharedX: true, sharedY: true)
        for w in 0..<12 { for h in 0..<8 { _ = FigureRenderer.render(fig, width: w, height: h, canvas: .braille) } }
        _ = VectorPlotter.scene(fig, width: 30, height: 20, palette: TestPalette.palette)
    }

    @Test func legendShowsLabelledLayers() {
        let p = Panel(layers: [
            .points(xs: [0, 1], ys: [0, 1], style: .dataPoints, label: "data"),
            .curve(xs: [0, 1], ys: [0, 1], style: .line, label: "MSE"),
        ])
        let r = rows(FigureRenderer.render(Figure(p), width: 30, height: 8, canvas: .braille))
        #expect(r.last!.contains("⠊ data") && r.last!.contains("⠤⠤⠤ MSE"))
        let a = rows(FigureRenderer.render(Figure(p), width: 30, height: 8, canvas: .ascii))
        #expect(a.last!.contains(". data") && a.last!.contains("### MSE"))
    }
}
