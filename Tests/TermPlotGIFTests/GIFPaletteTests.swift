import TermPlot
import TermPlotTestSupport
import Testing

@testable import TermPlotGIF

@Suite("GIF palette")
struct GIFPaletteTests {
    @Test func exactKeepsEveryColourOfASmallImage() throws {
        var image = RGBAImage(width: 4, height: 2, fill: RGB(1, 2, 3))
        image[1, 0] = RGB(200, 0, 0)
        image[3, 1] = RGB(0, 0, 250)
        let p = try #require(GIFPalette.exact(image))
        #expect(p.colors == [RGB(1, 2, 3), RGB(200, 0, 0), RGB(0, 0, 250)])
        // Lossless: every pixel maps back to its own colour.
        let indices = p.indices(image)
        for y in 0..<2 { for x in 0..<4 { #expect(p.colors[Int(indices[y * 4 + x])] == image[x, y]) } }
        #expect(GIFPalette.exact(image, limit: 2) == nil)
    }

    @Test func rampsHoldBackgroundAnchorsAndEvenBlends() {
        let bg = RGB(0, 0, 0)
        let anchors = [RGB(240, 0, 0), RGB(0, 160, 0), RGB(240, 0, 0), bg]
        let p = GIFPalette.ramps(anchors: anchors, background: bg, limit: 16)
        // 1 background + 2 anchors leave 13 entries: 6 blend steps each, t = k / 7.
        #expect(Array(p.colors.prefix(3)) == [bg, RGB(240, 0, 0), RGB(0, 160, 0)])
        #expect(p.colors.count == 3 + 12)
        #expect(p.colors[3] == RGB(34, 0, 0))  // 240 / 7 = 34.3
        #expect(p.colors[8] == RGB(206, 0, 0))  // 240 * 6 / 7 = 205.7
        #expect(p.colors[9] == RGB(0, 23, 0))  // 160 / 7 = 22.9
        #expect(Set(p.colors).count == p.colors.count)
    }

    @Test func tooManyAnchorsAreMergedIntoTheLimit() {
        let anchors = (0..<40).map { RGB(UInt8($0 * 6), 0, 0) } + [RGB(0, 0, 255)]
        let p = GIFPalette.ramps(anchors: anchors, background: RGB(0, 0, 0), limit: 8)
        #expect(p.colors.count == 8)
        // The outlier survives merging: it is far from everything else.
        #expect(p.colors.contains(RGB(0, 0, 255)))
    }

    @Test func nearestPicksTheClosestEntry() {
        let p = GIFPalette(colors: [RGB(0, 0, 0), RGB(255, 255, 255), RGB(250, 0, 0)])
        #expect(p.nearestIndex(RGB(10, 12, 9)) == 0)
        #expect(p.nearestIndex(RGB(200, 30, 20)) == 2)
        #expect(p.nearestIndex(RGB(200, 200, 190)) == 1)
    }

    @Test func sceneColoursListEveryCommandColourOnce() {
        let scene = VectorScene(
            width: 10, height: 10, background: RGB(1, 1, 1),
            commands: [
                .rect(x: 0, y: 0, width: 1, height: 1, fill: RGB(2, 2, 2), stroke: RGB(3, 3, 3), lineWidth: 1),
                .circles(centers: [VectorPoint(1, 1)], radius: 1, color: RGB(2, 2, 2), opacity: 0.5),
                .text("a", at: VectorPoint(0, 0), size: 10, color: RGB(4, 4, 4), anchor: .start, bold: false),
                .line(
                    from: VectorPoint(0, 0), to: VectorPoint(1, 1), color: RGB(1, 1, 1), width: 1, dash: [], opacity: 1),
            ])
        #expect(scene.colors == [RGB(1, 1, 1), RGB(2, 2, 2), RGB(3, 3, 3), RGB(4, 4, 4)])
    }
}
