import Foundation
import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("SVG export")
struct SVGExporterTests {
    static let spiral = TestFigures.spiral(2_000)

    /// Whether `svg` is well-formed, and its elements counted (none when it is not).
    func parse(_ svg: String) -> (ok: Bool, counter: (counts: [String: Int], texts: [String])) {
        let counter = SVGElementCounter.parse(svg)
        return (counter != nil, (counter?.counts ?? [:], counter?.texts ?? []))
    }

    @Test func wellFormedWithOneCirclePerPoint() {
        let (xs, ys) = SVGExporterTests.spiral
        let sx = xs.map { $0 * 0.9 }
        let sy = ys.map { $0 * 0.9 }
        let cx: [Float] = [-12, 0, 12]
        let cy: [Float] = [0, 1, 0]
        let x = Axis(label: "x <in>")
        let y = Axis(label: "y & more")
        let fig = Figure(
            panels: [
                Panel(
                    title: "ground truth", layers: [.points(xs: xs, ys: ys, style: .dataPoints, label: "data")], x: x,
                    y: y),
                Panel(
                    title: "MSE prediction",
                    layers: [
                        .points(xs: xs, ys: ys, style: .dataPoints), .curve(xs: cx, ys: cy, style: .line, label: "MSE"),
                    ],
                    x: x, y: y),
                Panel(
                    title: "MDN samples", layers: [.points(xs: sx, ys: sy, style: .samplePoints, label: "samples")],
                    x: x, y: y),
            ], sharedX: true, sharedY: true)
        let svg = SVGExporter.svg(VectorPlotter.scene(fig, width: 1200, height: 500, palette: TestPalette.palette))
        let (ok, counter) = parse(svg)
        #expect(ok)
        // Panel 1 truth, panel 2 truth (dimmed) + curve, panel 3 samples; all inside the shared ranges.
        #expect(counter.counts["circle"] == 3 * 2_000)
        #expect(counter.counts["polyline"] == 1)
        #expect(counter.texts.contains("ground truth") && counter.texts.contains("MDN samples"))
        #expect(counter.texts.contains("x <in>") && counter.texts.contains("y & more"))
        #expect(svg.contains(TestPalette.palette.style(for: SeriesStyle.samplePoints.role).foreground.hexString))
    }

    @Test func ticksMatchTheNiceTickValues() {
        let fig = Figure(barePanel([.points(xs: [0, 4.99], ys: [0, 4.99], style: .dataPoints)]))
        let (ok, counter) = parse(
            SVGExporter.svg(VectorPlotter.scene(fig, width: 600, height: 600, palette: TestPalette.palette)))
        #expect(ok)
        // y (33 rows of 16 px, at most 8 ticks): step 1 -> 0..4; x (wider): step 0.5 -> "0.0".."4.5".
        for label in ["0", "1", "2", "3", "4"] { #expect(counter.texts.filter { $0 == label }.count == 1) }
        #expect(
            ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5"].allSatisfy(counter.texts.contains))
        #expect(counter.counts["circle"] == 2)
    }

    /// Control characters in text (a CSV column name, say) would make the SVG invalid (XML 1.0
    /// allows none but tab, newline and CR) or hide text: they become visible escapes.
    @Test func controlCharactersInTextAreEscaped() {
        var panel = barePanel([.points(xs: [0, 1], ys: [0, 1], style: .dataPoints, label: "a\u{7}b")])
        panel.title = "\u{1B}[31mred"
        panel.x.label = "x\ty"
        panel.showLegend = true
        let svg = SVGExporter.svg(
            VectorPlotter.scene(Figure(panel), width: 400, height: 300, palette: TestPalette.palette))
        let (ok, counter) = parse(svg)
        #expect(ok)
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(counter.texts.contains("^[[31mred") && counter.texts.contains("x^Iy") && counter.texts.contains("a^Gb"))
        #expect(SVGExporter.escape("<\u{9B}>") == "&lt;M-^[&gt;")
    }

    /// SVG collapses runs of spaces (the inspector's aligned notes use them) unless a text
    /// element says to keep them; one with single spaces stays as it was.
    @Test func runsOfSpacesAreKept() {
        var panel = barePanel([.points(xs: [0, 1], ys: [0, 1], style: .dataPoints, label: "data")])
        panel.title = "pi  0.25   mu 1.5"
        panel.x.label = "x value"
        let svg = SVGExporter.svg(
            VectorPlotter.scene(Figure(panel), width: 400, height: 300, palette: TestPalette.palette))
        let (ok, counter) = parse(svg)
        #expect(ok)
        #expect(counter.texts.contains("pi  0.25   mu 1.5"))
        let lines = svg.split(separator: "\n")
        let title = lines.first { $0.contains(">pi  0.25   mu 1.5<") }
        #expect(title?.contains("xml:space=\"preserve\"") == true, "\(String(describing: title))")
        let label = lines.first { $0.contains(">x value<") }
        #expect(label?.contains("xml:space") == false)
        #expect(SVGExporter.keepsSpaces(" a") && SVGExporter.keepsSpaces("a ") && !SVGExporter.keepsSpaces("a b"))
    }

    /// Figures stacked in one scene: each in its share of the height, the lower one's
    /// drawing moved below the upper one's.
    @Test func stackedFiguresShareTheHeight() {
        var top = barePanel([.points(xs: [0, 1], ys: [0, 1], style: .dataPoints, label: "data")])
        top.title = "upper"
        var bottom = barePanel([.curve(xs: [0, 1], ys: [1, 0], style: .line, label: "loss")])
        bottom.title = "lower"
        let alone = VectorPlotter.scene(Figure(top), width: 400, height: 300, palette: TestPalette.palette)
        let stacked = VectorPlotter.scene(
            stacking: [Figure(top), Figure(bottom)], weights: [3, 1], width: 400, height: 400,
            palette: TestPalette.palette)
        #expect(stacked.width == 400 && stacked.height == 400)
        func textY(_ scene: VectorScene, _ text: String) -> Double? {
            for c in scene.commands { if case .text(text, let at, _, _, _, _) = c { return at.y } }
            return nil
        }
        // The upper figure is drawn as it is alone at 400 x 300; the lower one from y = 300 on.
        #expect(textY(stacked, "upper") == textY(alone, "upper"))
        let lower = textY(stacked, "lower") ?? 0
        #expect(lower > 300 && lower < 400)
        let (ok, _) = parse(SVGExporter.svg(stacked))
        #expect(ok)
    }

    /// A title too wide for its panel is drawn smaller (9 px at least) and kept inside it;
    /// one that fits stays at the title size, centred over the plot.
    @Test func titlesFitTheirPanel() {
        var long = barePanel([.curve(xs: [0, 1], ys: [1, 0], style: .line, label: "loss")])
        long.title = "MDN NLL (K 20) ep 12 train -0.152 val -0.160 lr 8.1e-05"
        var short = long
        short.title = "loss"
        func title(_ panel: Panel, width: Int) -> (size: Double, left: Double, right: Double)? {
            let scene = VectorPlotter.scene(Figure(panel), width: width, height: 200, palette: TestPalette.palette)
            for c in scene.commands {
                if case .text(panel.title, let at, let size, _, _, _) = c {
                    let half = 1.1 * Double(panel.title.count) * size * VectorPlotter.charWidth / 2
                    return (size, at.x - half, at.x + half)
                }
            }
            return nil
        }
        let narrow = title(long, width: 420)
        #expect(narrow != nil && narrow!.size < VectorPlotter.titleFont && narrow!.size >= 9)
        #expect(narrow != nil && narrow!.left >= 4 - 1e-9 && narrow!.right <= 416 + 1e-9)
        #expect(title(short, width: 420)?.size == VectorPlotter.titleFont)
        #expect(title(long, width: 900)?.size == VectorPlotter.titleFont)
    }

    @Test func pointsOutsideFixedRangesAreNotDrawn() {
        let fig = Figure(
            barePanel([.points(xs: [0.5, 2, .nan], ys: [0.5, 0.5, 1], style: .dataPoints)], x: (0, 1), y: (0, 1)))
        let (ok, counter) = parse(
            SVGExporter.svg(VectorPlotter.scene(fig, width: 300, height: 300, palette: TestPalette.palette)))
        #expect(ok && counter.counts["circle"] == 1)
        #expect(counter.texts.contains("1 skipped"))
    }
}
