import Foundation
import MDNCoreTestSupport
import SafeIO
import TermPlot
import TermPlotTestSupport
import Testing

@testable import MDNAnimation

@Suite("Animation writer")
struct AnimationWriterTests {
    /// Frame `k`: the test scatter growing by 200 points a frame, titled with `k`.
    static func frame(_ k: Int) -> AnimationFrame {
        var f = TestFigures.scatter(300 + 200 * k)
        f.panels[0].title = "frame \(k + 1)"
        return AnimationFrame(
            figure: f, screen: FigureRenderer.render(f, width: 60, height: 20, canvas: .braille), duration: 0.25)
    }

    static let look = AnimationLook(pixelWidth: 240, pixelHeight: 160, palette: TestPalette.palette, title: "test")

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesBothFilesWithProgressAfterEveryFrame() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var seen: [String] = []
        let report = try AnimationWriter.write(
            count: 5, frame: { Self.frame($0) }, gif: dir + "/a.gif", cast: dir + "/a.cast", look: Self.look,
            progress: { seen.append("\($0)/\($1)") })
        #expect(seen == ["1/5", "2/5", "3/5", "4/5", "5/5"])
        #expect(report.frames == 5 && report.duration == 1.25)
        #expect(report.files.map(\.path) == [dir + "/a.gif", dir + "/a.cast"])
        for file in report.files {
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
            #expect(size == file.bytes && file.bytes > 100)
        }
        // No temporary files are left next to them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.cast", "a.gif"])
    }

    /// Cancelling between batches (of 2 frames on one worker) leaves no file.
    @Test func cancellingWritesNothing() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var done = 0
        #expect(throws: AnimationError.cancelled) {
            try AnimationWriter.write(
                count: 5, frame: { Self.frame($0) }, gif: dir + "/a.gif", cast: dir + "/a.cast", look: Self.look,
                workers: 1, progress: { d, _ in done = d }, isCancelled: { done >= 2 })
        }
        #expect(done == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// Frames built on several threads come out in order, the same bytes as on one.
    @Test func workersDoNotChangeTheResult() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, workers) in [("one", 1), ("three", 3)] {
            _ = try AnimationWriter.write(
                count: 7, frame: { Self.frame($0) }, gif: "\(dir)/\(name).gif", cast: "\(dir)/\(name).cast",
                look: Self.look, workers: workers)
        }
        for ext in ["gif", "cast"] {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: "\(dir)/one.\(ext)"))
                    == Data(contentsOf: URL(fileURLWithPath: "\(dir)/three.\(ext)")))
        }
    }

    @Test func keepsAnExistingFileUnlessAskedToOverwrite() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.gif"
        try AtomicFile.write(text: "mine", to: path)
        #expect(throws: AnimationError.write(.exists(path: path))) {
            try AnimationWriter.write(count: 2, frame: { Self.frame($0) }, gif: path, cast: nil, look: Self.look)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine")
        let report = try AnimationWriter.write(
            count: 2, frame: { Self.frame($0) }, gif: path, cast: nil, overwrite: true, look: Self.look)
        #expect(report.files.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(6) == Data("GIF89a".utf8))
    }

    /// Pillow opens the GIF with every frame and its delay; asciinema reads the cast and a
    /// replay shows every screen.
    @Test(
        .enabled(
            if: Python.canImport("PIL", "asciinema", "pyte") || Python.isCI,
            "needs python3 with Pillow, asciinema and pyte (.ci/setup installs them; with CI set this fails instead)"))
    func pillowAndAsciinemaReadTheFiles() throws {
        try #require(Python.canImport("PIL", "asciinema", "pyte"), "Pillow, asciinema and pyte are required in CI")
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let frames = (0..<6).map(Self.frame)
        _ = try AnimationWriter.write(
            count: 6, frame: { frames[$0] }, gif: dir + "/a.gif", cast: dir + "/a.cast", look: Self.look)
        let gif = Python.runScript("check_gif.py", arguments: [dir + "/a.gif"])
        try #require(gif.status == 0, "check_gif.py: \(gif.error)")
        struct GIFReport: Decodable {
            let frames: Int
            let durations: [Int]
            let width: Int
            let height: Int
        }
        let g = try JSONDecoder().decode(GIFReport.self, from: Data(gif.output.utf8))
        #expect(g.frames == 6 && g.width == 240 && g.height == 160)
        // 0.25 s a frame: 25 hundredths, as GIF stores delays.
        #expect(g.durations == Array(repeating: 250, count: 6))
        let cast = Python.runScript("check_cast.py", arguments: [dir + "/a.cast", "--screens"])
        try #require(cast.status == 0, "check_cast.py: \(cast.error)")
        struct CastReport: Decodable {
            let outputEvents: Int
            let duration: Double
            let screens: [String]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let c = try decoder.decode(CastReport.self, from: Data(cast.output.utf8))
        #expect(c.outputEvents == 7 && c.duration == 1.5)
        for k in 0..<6 { #expect(c.screens[k] == frames[k].screen.text) }
    }
}
