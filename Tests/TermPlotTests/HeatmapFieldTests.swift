import Synchronization
import TermPlotTestSupport
import Testing

@testable import TermPlot

/// Fields are evaluated at the target's own resolution over exactly the plotted area; colour
/// bars show the values; vector exports draw one smooth image in a continuous colormap.
@Suite("Heatmap fields and colour bars")
struct HeatmapFieldTests {
    /// What a field was asked for: columns, rows, y range per call.
    final class Calls: Sendable {
        let list = Mutex<[(columns: Int, rows: Int, range: ClosedRange<Float>)]>([])
    }

    /// A field whose value is y (so it rises up the plot) and records how it was asked.
    static func rising(_ calls: Calls? = nil) -> HeatmapField {
        HeatmapField(normalise: .global, label: "f", colorBar: true) { xs, yRange, rows in
            calls?.list.withLock { $0.append((xs.count, rows, yRange)) }
            let h = (yRange.upperBound - yRange.lowerBound) / Float(rows)
            return (0..<rows).flatMap { r in Array(repeating: yRange.lowerBound + (Float(r) + 0.5) * h, count: xs.count)
            }
        }
    }

    @Test func evaluatedOncePerCanvasCellOverThePlottedRange() throws {
        let calls = Calls()
        let p = Panel(layers: [.field(Self.rising(calls))], x: Axis(range: .fixed(0, 10)), y: Axis(range: .fixed(1, 5)))
        let r = FigureRenderer.renderResult(Figure(p), width: 40, height: 12, canvas: .braille)
        let call = try #require(calls.list.withLock { $0.first })
        // The plot area: 40 columns less the y labels and axis; 12 rows less axis, ticks, legend.
        // (The legend row's colour bar has density cells too: leave that row out.)
        let plotCells = r.grid.cells.dropLast(40).filter {
            if case .density = $0.background { return true } else { return false }
        }
        #expect(call.range == 1...5)
        #expect(call.columns * call.rows == plotCells.count)
        // A vector export asks again, at its own (finer) resolution.
        _ = VectorPlotter.scene(Figure(p), width: 800, height: 500, palette: TestPalette.palette)
        let vector = try #require(calls.list.withLock { $0.last })
        #expect(vector.columns > 4 * call.columns && vector.rows > 4 * call.rows)
    }

    @Test func outsideItsDomainNothingIsShaded() {
        var f = Self.rising()
        f.xDomain = 0...5
        let h = f.heatmap(xRange: 0...10, yRange: 0...1, columns: 10, rows: 2)
        for c in 0..<10 { #expect(h.values[c].isNaN == (c >= 5), "column \(c)") }
    }

    @Test func theColourBarShowsTheValues() {
        let p = Panel(layers: [.field(Self.rising())], x: Axis(range: .fixed(0, 10)), y: Axis(range: .fixed(0, 4)))
        let legend = rows(FigureRenderer.render(Figure(p), width: 60, height: 12, canvas: .braille)).last!
        // Global, linear: 0 to the largest value (the top row's centre, just under 4), and one
        // cell per shading level between them.
        #expect(legend.contains("f  0 \u{2591}\u{2591}\u{2592}\u{2592}\u{2593}\u{2593}\u{2588}\u{2588} "))
        let top = legend.split(separator: " ").compactMap { Double($0) }.last ?? 0
        #expect(top > 3.5 && top < 4)
        let relative = Layer.heatmap(
            columns: 1, rows: 2, values: [1, 2], xRange: 0...10, yRange: 0...4, normalise: .perColumn, label: "g")
        var h: Heatmap? = nil
        if case .heatmap(var m) = relative {
            m.colorBar = true
            h = m
        }
        let q = Panel(layers: [.heatmap(h!)], x: Axis(range: .fixed(0, 10)), y: Axis(range: .fixed(0, 4)))
        let row = rows(FigureRenderer.render(Figure(q), width: 60, height: 12, canvas: .braille)).last!
        // Per column: relative values, 0 to 1.
        #expect(
            row.contains("g \u{F7} column max  0 \u{2591}\u{2591}\u{2592}\u{2592}\u{2593}\u{2593}\u{2588}\u{2588} 1 "))
        let ascii = rows(FigureRenderer.render(Figure(q), width: 60, height: 12, canvas: .ascii)).last!
        #expect(ascii.contains("g / column max  0 ..::**## 1") && ascii.unicodeScalars.allSatisfy(\.isASCII))
    }

    @Test func logScaleShadesTails() {
        let h = Heatmap(
            columns: 1, rows: 3, values: [0.001, 0.1, 1], xRange: 0...1, yRange: 0...3, normalise: .global,
            scale: .log(ratio: 100))
        // 1 at the top; 0.1 halfway (log 10 of log 100); 0.001 below the ramp.
        #expect(h.rampPosition(1) == 1 && abs(h.rampPosition(0.1)! - 0.5) < 1e-6 && h.rampPosition(0.001) == nil)
        let linear = Heatmap(columns: 1, rows: 1, values: [1], xRange: 0...1, yRange: 0...1)
        #expect(linear.rampPosition(0.01) == nil && linear.rampPosition(0.5) == 0.5)
    }

    @Test func vectorExportsDrawOneSmoothImage() throws {
        let p = Panel(layers: [.field(Self.rising())], x: Axis(range: .fixed(0, 10)), y: Axis(range: .fixed(0, 4)))
        let scene = VectorPlotter.scene(Figure(p), width: 800, height: 500, palette: TestPalette.palette)
        let images = scene.commands.compactMap { c -> Raster? in
            if case .image(_, _, _, _, let raster) = c { return raster } else { return nil }
        }
        // The heatmap and the colour bar's gradient; no rectangles per cell.
        #expect(images.count == 2)
        let rects = scene.commands.filter { if case .rect = $0 { return true } else { return false } }
        #expect(rects.count < 10)
        // A continuous colormap: far more than the 8 terminal levels.
        let heat = try #require(images.max { $0.columns < $1.columns })
        var colours = Set<[UInt8]>()
        for i in stride(from: 0, to: heat.rgba.count, by: 4) { colours.insert(Array(heat.rgba[i..<(i + 3)])) }
        #expect(colours.count > 50)
        // The bar's tick labels are values.
        let labels = scene.commands.compactMap { c -> String? in
            if case .text(let s, _, _, _, _, _) = c { return s } else { return nil }
        }
        #expect(labels.contains("2") && labels.contains("f"))
    }

    @Test func svgEmbedsTheImageOrFallsBackToRectangles() {
        let raster = Raster(columns: 2, rows: 1, rgba: [255, 0, 0, 255, 0, 0, 0, 0])
        let scene = VectorScene(
            width: 10, height: 10, background: RGB(0, 0, 0),
            commands: [.image(x: 0, y: 0, width: 10, height: 10, raster: raster)])
        let plain = SVGExporter.svg(scene)
        #expect(plain.contains("<rect") && plain.contains("#ff0000") && !plain.contains("<image"))
        // Transparent pixels draw nothing.
        #expect(plain.components(separatedBy: "<rect").count == 2)
        let embedded = SVGExporter.svg(scene, rasterEncoder: FixedPNG())
        #expect(embedded.contains("href=\"data:image/png;base64,AQID\""))
    }

    @Test func base64() {
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
    }
}

/// A PNG encoder that returns fixed bytes (the SVG exporter only embeds them).
private struct FixedPNG: PNGEncoder {
    func png(_ scene: VectorScene) throws(ExportError) -> [UInt8] { [1, 2, 3] }
    func png(_ raster: Raster) throws(ExportError) -> [UInt8] { [1, 2, 3] }
}
