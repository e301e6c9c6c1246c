import Foundation
import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("Export formats and files")
struct ExportFormatTests {
    @Test func formatFromExtension() throws {
        #expect(try ExportFormat(path: "out/plot.svg") == .svg)
        #expect(try ExportFormat(path: "PLOT.PNG") == .png)
        #expect(try ExportFormat(path: "a.b/c.txt") == .txt)
        #expect(try ExportFormat(path: "screen.ansi") == .ansi)
    }

    @Test func unknownExtensionIsAClearError() {
        #expect(throws: ExportError.unknownExtension(path: "x.jpeg", ext: "jpeg")) { try ExportFormat(path: "x.jpeg") }
        #expect(throws: ExportError.unknownExtension(path: "dir.svg/plot", ext: "")) {
            try ExportFormat(path: "dir.svg/plot")
        }
        let e = ExportError.unknownExtension(path: "x.jpeg", ext: "jpeg")
        #expect(e.description == "x.jpeg: unknown export format '.jpeg'; use one of .txt, .ansi, .svg, .png")
    }

    @Test func writesAtomicallyAndNeverClobbers() throws {
        let dir = NSTemporaryDirectory() + "termplot-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fig = Figure(barePanel([.points(xs: [0, 1], ys: [0, 1], style: .dataPoints)]))
        let path = dir + "/plot.txt"
        #expect(
            try FigureExporter.write(
                fig, to: path, palette: TestPalette.palette, options: ExportOptions(columns: 20, rows: 8)) == .txt)
        let first = try String(contentsOfFile: path, encoding: .utf8)
        #expect(first.split(separator: "\n").count == 8)
        #expect(throws: ExportError.write(.exists(path: path))) {
            try FigureExporter.write(
                fig, to: path, palette: TestPalette.palette, options: ExportOptions(columns: 30, rows: 8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == first)
        try FigureExporter.write(
            fig, to: path, palette: TestPalette.palette, options: ExportOptions(columns: 30, rows: 8), overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) != first)
        #expect(throws: ExportError.self) {
            try FigureExporter.write(fig, to: dir + "/plot.gif", palette: TestPalette.palette)
        }
    }

    /// TermPlot has no raster backend: PNG needs an encoder (TermPlotPNG's), and without one
    /// the export fails before any file is written.
    @Test func pngWithoutAnEncoderIsAClearErrorAndWritesNothing() throws {
        let dir = NSTemporaryDirectory() + "termplot-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/plot.png"
        let fig = Figure(barePanel([.points(xs: [0, 1], ys: [0, 1], style: .dataPoints)]))
        #expect(throws: ExportError.noPNGEncoder(path: path)) {
            try FigureExporter.write(fig, to: path, palette: TestPalette.palette)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(
            ExportError.noPNGEncoder(path: path).description
                == "\(path): PNG export is not available in this build (no PNG encoder)")
    }

    @Test func pixelSizeFollowsTheLayout() {
        let one = Figure(barePanel([]))
        #expect(ExportOptions().pixelSize(for: one) == (900, 640))
        let three = Figure(panels: [barePanel([]), barePanel([]), barePanel([])])
        #expect(ExportOptions().pixelSize(for: three) == (1560, 600))
        let stacked = Figure(panels: [barePanel([]), barePanel([])], layout: .vertical, weights: [3, 1])
        #expect(ExportOptions().pixelSize(for: stacked) == (1000, 900))
        #expect(ExportOptions(pixelWidth: 640).pixelSize(for: three) == (640, 600))
    }
}
