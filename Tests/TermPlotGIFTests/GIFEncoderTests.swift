import Foundation
import MDNCoreTestSupport
import TermPlot
import TermPlotGIF
import TermPlotPNG
import TermPlotTestSupport
import Testing

@Suite("Animated GIF (giflib)")
struct GIFEncoderTests {
    /// Frame `k` of a small animation: the test scatter with its flat line raised by `k`.
    static func figure(_ k: Int) -> Figure {
        var f = TestFigures.scatter(1_500)
        f.panels[0].title = "frame \(k)"
        f.panels[0].layers[2] = .curve(
            xs: [-12, 12], ys: [Float(k) - 2, Float(k) - 2], style: TestPalette.series(2, "#"), label: "line")
        return f
    }

    /// The raster of frame `k` and the palette it is encoded with.
    static func frame(_ k: Int, width: Int = 320, height: Int = 200) throws -> (RGBAImage, GIFPalette) {
        let scene = VectorPlotter.scene(figure(k), width: width, height: height, palette: TestPalette.palette)
        let image = try CairoRasterizer.image(scene)
        return (image, GIFPalette.forImage(image, anchors: scene.colors, background: scene.background))
    }

    /// What a viewer shows for `image` drawn with `palette`: each pixel's nearest entry, as RGB bytes.
    static func shown(_ image: RGBAImage, _ palette: GIFPalette) -> [UInt8] {
        palette.indices(image).flatMap { i in
            [palette.colors[Int(i)].r, palette.colors[Int(i)].g, palette.colors[Int(i)].b]
        }
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func startsWithTheGIF89aHeaderAndEndsWithTheTrailer() throws {
        let encoder = try GIFEncoder(width: 320, height: 200)
        let (image, palette) = try Self.frame(0)
        try encoder.add(image, palette: palette, delay: 10)
        let bytes = try encoder.finish()
        #expect(Array(bytes.prefix(6)) == Array("GIF89a".utf8))
        #expect(Int(bytes[6]) | Int(bytes[7]) << 8 == 320)
        #expect(Int(bytes[8]) | Int(bytes[9]) << 8 == 200)
        #expect(bytes.last == 0x3B)
        #expect(throws: GIFError.finished) { try encoder.finish() }
    }

    @Test func rejectsBadSizes() throws {
        #expect(throws: GIFError.size(width: 0, height: 10)) { try GIFEncoder(width: 0, height: 10) }
        #expect(throws: GIFError.size(width: 70_000, height: 10)) { try GIFEncoder(width: 70_000, height: 10) }
        let encoder = try GIFEncoder(width: 10, height: 10)
        let error = GIFError.frameSize(width: 11, height: 10, expectedWidth: 10, expectedHeight: 10)
        #expect(throws: error) {
            try encoder.add(
                RGBAImage(width: 11, height: 10, fill: RGB(0, 0, 0)), palette: GIFPalette(colors: [RGB(0, 0, 0)]),
                delay: 5)
        }
        #expect(error.description == "GIF: a frame of 11 x 10 pixels in an animation of 10 x 10")
    }

    /// An unchanged frame stores one transparent pixel: the animation grows by a few bytes.
    @Test func unchangedFramesCostAlmostNothing() throws {
        let (image, palette) = try Self.frame(0)
        let one = try GIFEncoder(width: 320, height: 200)
        try one.add(image, palette: palette, delay: 10)
        let two = try GIFEncoder(width: 320, height: 200)
        try two.add(image, palette: palette, delay: 10)
        try two.add(image, palette: palette, delay: 10)
        #expect(try two.finish().count - one.finish().count < 40 + 3 * 256)
    }

    /// Pillow (an independent decoder) opens it, counts the frames, reads each delay and the
    /// loop count, and shows every pixel of each checked frame exactly as quantised here, with
    /// the palette's series colours among them.
    @Test(
        .enabled(
            if: Python.canImport("PIL") || Python.isCI,
            "needs python3 with Pillow (.ci/setup installs it; with CI set this fails instead)"))
    func pillowReadsFramesDelaysAndPixels() throws {
        try #require(Python.canImport("PIL"), "python3 with Pillow is required when CI is set")
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let encoder = try GIFEncoder(width: 320, height: 200)
        let delays = [10, 20, 5, 50]
        var arguments: [String] = []
        for (k, delay) in delays.enumerated() {
            let (image, palette) = try Self.frame(k)
            try encoder.add(image, palette: palette, delay: delay)
            let raw = dir.appendingPathComponent("frame-\(k).rgb")
            try Data(Self.shown(image, palette)).write(to: raw)
            arguments += ["--expect", "\(k)", raw.path]
        }
        let gif = dir.appendingPathComponent("a.gif")
        try Data(try encoder.finish()).write(to: gif)
        let r = Python.runScript("check_gif.py", arguments: [gif.path] + arguments)
        try #require(r.status == 0, "check_gif.py failed: \(r.error)")
        struct Report: Decodable {
            let format: String
            let width: Int
            let height: Int
            let frames: Int
            let loop: Int?
            let durations: [Int]
            let colors: [Int]
            let mismatches: [String: Int]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(r.output.utf8))
        #expect(report.format == "GIF" && report.width == 320 && report.height == 200)
        #expect(report.frames == 4)
        #expect(report.loop == 0)
        #expect(report.durations == delays.map { $0 * 10 })
        #expect(report.mismatches == ["0": 0, "1": 0, "2": 0, "3": 0])
        #expect(report.colors.allSatisfy { $0 > 8 && $0 <= 256 })
        // The palette's own series colours are there, exactly (the lines are drawn opaque).
        let (image, palette) = try Self.frame(3)
        let shown = Self.shown(image, palette)
        for c in TestPalette.seriesColors.suffix(1) {
            let count = stride(from: 0, to: shown.count, by: 3).filter {
                shown[$0] == c.r && shown[$0 + 1] == c.g && shown[$0 + 2] == c.b
            }.count
            #expect(count > 100, "series colour \(c.hexString) shows on \(count) pixels")
        }
    }
}
