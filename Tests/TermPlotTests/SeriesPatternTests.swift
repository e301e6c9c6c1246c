import TermPlotTestSupport
import Testing

@testable import TermPlot

/// Series differ by pattern as well as colour: point marks, line patterns, backdrops and
/// their tint, and what the legend shows for each.
@Suite("Series patterns")
struct SeriesPatternTests {
    /// The canvas cell holding the plot's top-left data position, for a bare panel on [0, 4] x [0, 4]
    /// drawn into `width` x `height` cells.
    static func render(_ layers: [Layer], canvas: CanvasKind = .braille, width: Int = 10, height: Int = 6)
        -> CellGrid
    {
        FigureRenderer.render(
            Figure(barePanel(layers, x: (0, 4), y: (0, 4))), width: width, height: height, canvas: canvas)
    }

    /// The braille dots of a cell (count of bits).
    static func dots(_ cell: Cell) -> Int {
        let v = cell.glyph.value
        guard v >= 0x2800 && v <= 0x28FF else { return 0 }
        return (v - 0x2800).nonzeroBitCount
    }

    @Test func aPairMarkSetsTwoDotsSideBySide() {
        var pair = SeriesStyle.samplePoints
        pair.mark = .pair
        let one = Self.render([.points(xs: [1], ys: [1], style: .samplePoints)])
        let two = Self.render([.points(xs: [1], ys: [1], style: pair)])
        #expect(one.cells.map(Self.dots).reduce(0, +) == 1)
        #expect(two.cells.map(Self.dots).reduce(0, +) == 2)
    }

    @Test func dashedAndDottedLinesLeaveGaps() {
        func count(_ pattern: LinePattern) -> Int {
            var style = SeriesStyle.line
            style.pattern = pattern
            return Self.render([.curve(xs: [0, 4], ys: [2, 2], style: style)], width: 30).cells.map(Self.dots).reduce(
                0, +)
        }
        let solid = count(.solid)
        // 4 dots on, 2 off; every other dot.
        #expect(solid > 40)
        #expect(abs(Double(count(.dashed)) - Double(solid) * 4 / 6) <= 2)
        #expect(abs(Double(count(.dotted)) - Double(solid) / 2) <= 1)
    }

    @Test func aBackdropShowsOnlyWhereNothingElseIsAndTintsItsCells() {
        var backdrop = SeriesStyle.dataPoints
        backdrop.beneath = true
        backdrop.tint = .series(9)
        // Two backdrop points: one alone, one in the cell of a sample.
        let g = Self.render([
            .points(xs: [1, 3], ys: [1, 3], style: backdrop),
            .points(xs: [3.1], ys: [3.1], style: .samplePoints),
        ])
        let alone = g.cells.filter { $0.foreground == .series(0) }
        let shared = g.cells.filter { $0.foreground == .series(1) }
        #expect(alone.count == 1 && alone[0].background == .series(9) && Self.dots(alone[0]) == 1)
        // The sample's cell shows the sample's dot only, on the backdrop's tint.
        #expect(shared.count == 1 && shared[0].background == .series(9) && Self.dots(shared[0]) == 1)
        // Listed first, drawn first whatever their order: the same with the layers swapped.
        let swapped = Self.render([
            .points(xs: [3.1], ys: [3.1], style: .samplePoints),
            .points(xs: [1, 3], ys: [1, 3], style: backdrop),
        ])
        #expect(swapped == g)
    }

    @Test func aBackdropGoesBelowAHeatmap() {
        var backdrop = SeriesStyle.dataPoints
        backdrop.beneath = true
        backdrop.tint = .series(9)
        let heat = Layer.heatmap(columns: 1, rows: 1, values: [1], xRange: 0...2, yRange: 0...4)
        let g = Self.render([.points(xs: [1, 3], ys: [1, 1], style: backdrop), heat])
        // Left half shaded: the point at x = 1 is hidden there; the one at x = 3 shows, tinted.
        #expect(!g.cells.contains { $0.foreground == .series(0) && $0.background == .density(level: 7) })
        #expect(g.cells.filter { $0.foreground == .series(0) }.count == 1)
        #expect(g.cells.contains { $0.background == .density(level: 7) })
    }

    @Test func theLegendShowsEachPattern() {
        var pair = SeriesStyle.samplePoints
        pair.mark = .pair
        var dashed = SeriesStyle.line
        dashed.pattern = .dashed
        var backdrop = SeriesStyle.dataPoints
        backdrop.beneath = true
        backdrop.tint = .series(9)
        let layers: [Layer] = [
            .points(xs: [1], ys: [1], style: backdrop, label: "a"),
            .points(xs: [1], ys: [1], style: pair, label: "b"),
            .curve(xs: [0, 1], ys: [0, 1], style: .line, label: "c"),
            .curve(xs: [0, 1], ys: [0, 1], style: dashed, label: "d"),
        ]
        let legend = { (canvas: CanvasKind) in
            layers.compactMap { $0.legendEntry(canvas: canvas) }.map { String(String.UnicodeScalarView($0.glyphs)) }
        }
        #expect(legend(.braille) == ["\u{280A}", "\u{281B}", "\u{2824}\u{2824}\u{2824}", "\u{2824}\u{2800}\u{2824}"])
        #expect(legend(.block) == ["\u{2596}", "\u{2584}", "\u{2584}\u{2584}\u{2584}", "\u{2584} \u{2584}"])
        #expect(legend(.ascii) == [".", "+", "###", "# #"])
        // The backdrop's sample sits on its tint in the legend row too.
        #expect(layers[0].legendEntry(canvas: .braille)?.background == .series(9))
    }

    @Test func pointsOutsideTheAxesAreCountedInTheLegend() {
        let p = Panel(
            layers: [.points(xs: [1, 2, 3, 9, -5], ys: [1, 2, 3, 1, 1], style: .samplePoints, label: "samples")],
            x: Axis(range: .fixed(0, 4)), y: Axis(range: .fixed(0, 4)))
        let text = FigureRenderer.render(Figure(p), width: 50, height: 10, canvas: .braille).text
        #expect(text.contains("samples (2 outside)"))
        let scene = VectorPlotter.scene(Figure(p), width: 600, height: 400, palette: TestPalette.palette)
        let labels = scene.commands.compactMap { c -> String? in
            if case .text(let s, _, _, _, _, _) = c { return s } else { return nil }
        }
        #expect(labels.contains("samples (2 outside)"))
        let circles = scene.commands.compactMap { c -> Int? in
            if case .circles(let centres, _, _, _) = c { return centres.count } else { return nil }
        }
        #expect(circles == [3])
    }

    @Test func verticalLinesAndBars() {
        var dotted = SeriesStyle.line
        dotted.pattern = .dotted
        let g = Self.render(
            [
                .vline(x: 2, style: dotted),
                .bars(Bars(edges: [0, 2, 4], values: [4, 1], style: SeriesStyle(role: .series(5), glyph: "="))),
            ], width: 12, height: 6)
        // The line: one column of dots, every other one.
        let lineCells = g.cells.filter { $0.foreground == .series(2) }
        #expect(!lineCells.isEmpty && lineCells.allSatisfy { Self.dots($0) <= 2 })
        // Bars fill the cells from x = 0: the lower bar across the plot, the upper one to x = 1.
        let filled = g.cells.filter { $0.background == .series(5) }.count
        #expect(filled > 0)
        let rowsOfBars = rows(g).filter { $0.contains("\u{2800}") }
        #expect(!rowsOfBars.isEmpty)
    }

    @Test func asciiShadesStayASCII() {
        let h = Heatmap(columns: 2, rows: 1, values: [1, 0.3], xRange: 0...4, yRange: 0...4, normalise: .global)
        let r = FigureRenderer.renderResult(
            Figure(barePanel([.heatmap(h)], x: (0, 4), y: (0, 4))), width: 10, height: 6, canvas: .ascii,
            options: RenderOptions(shadeGlyphs: true))
        #expect(r.grid.text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(r.grid.text.contains("#") && r.grid.text.contains(":"))
    }
}
