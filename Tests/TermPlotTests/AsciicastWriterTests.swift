import Foundation
import MDNCoreTestSupport
import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("asciicast export")
struct AsciicastWriterTests {
    /// A grid of `text` lines (padded with blanks), the first line in the title role.
    static func grid(_ lines: [String], width: Int = 12, height: Int = 3) -> CellGrid {
        var g = CellGrid(width: width, height: height)
        for (i, line) in lines.enumerated() { g.write(line, x: 0, y: i, role: i == 0 ? .title : .text) }
        return g
    }

    /// Frame `k` of a plot animation: the test scatter at 60 x 20 cells with a moving title.
    static func plotFrame(_ k: Int) -> CellGrid {
        var f = TestFigures.scatter(400 + 200 * k)
        f.panels[0].title = "epoch \(k + 1)"
        return FigureRenderer.render(f, width: 60, height: 20, canvas: .braille)
    }

    @Test func headerLineIsJSONWithVersionSizeAndTitle() throws {
        let w = AsciicastWriter(width: 80, height: 24, palette: TestPalette.palette, title: "a \"b\"\n", timestamp: 7)
        let first = w.text.split(separator: "\n")[0]
        #expect(
            first
                == #"{"env": {"TERM": "xterm-256color"}, "height": 24, "timestamp": 7, "title": "a \"b\"^J", "version": 2, "width": 80}"#
        )
        let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? NSDictionary
        #expect(object?["version"] as? Int == 2)
        #expect(object?["width"] as? Int == 80 && object?["height"] as? Int == 24)
    }

    @Test func jsonStringsAndNumbersReadBackWithFoundation() throws {
        let text = "q\"b\\s/\u{1B}[0m\u{7}\t\r\n\u{2800}é"
        let decoded = try JSONDecoder().decode(String.self, from: Data(AsciicastWriter.jsonString(text).utf8))
        #expect(decoded == text)
        #expect(AsciicastWriter.jsonNumber(0) == "0.0")
        #expect(AsciicastWriter.jsonNumber(0.1 + 0.2) == "0.3")
        #expect(AsciicastWriter.jsonNumber(12.345_678_9) == "12.345679")
        #expect(AsciicastWriter.jsonNumber(3) == "3.0")
    }

    /// The first frame clears the screen; later frames redraw only the rows that changed.
    @Test func laterFramesSendOnlyChangedRows() throws {
        var w = AsciicastWriter(width: 12, height: 3, palette: TestPalette.palette)
        w.append(Self.grid(["title", "one", "two"]), at: 0)
        w.append(Self.grid(["title", "ONE", "two"]), at: 0.5)
        w.finish(at: 2)
        let lines = w.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let events = try lines.dropFirst().map { try JSONDecoder().decode(Event.self, from: Data($0.utf8)) }
        #expect(events.map(\.time) == [0, 0.5, 2])
        #expect(events.allSatisfy { $0.code == "o" })
        #expect(events[0].data.hasPrefix("\u{1B}[?25l\u{1B}[0m\u{1B}[2J\u{1B}[1;1H"))
        #expect(events[0].data.contains("\u{1B}[3;1H"))
        #expect(!events[1].data.contains("\u{1B}[1;1H") && !events[1].data.contains("\u{1B}[3;1H"))
        #expect(events[1].data.hasPrefix("\u{1B}[2;1H") && events[1].data.contains("ONE"))
        #expect(events[2].data.hasSuffix("\u{1B}[?25h"))
        #expect(w.frameCount == 2)
    }

    /// One `[time, "o", data]` event as JSON decodes it.
    struct Event: Decodable {
        let time: Double
        let code: String
        let data: String
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            time = try c.decode(Double.self)
            code = try c.decode(String.self)
            data = try c.decode(String.self)
        }
    }

    /// asciinema's own reader opens the file, and a terminal emulator (pyte) that replays the
    /// events shows each frame's text exactly, row for row.
    @Test(
        .enabled(
            if: Python.canImport("asciinema", "pyte") || Python.isCI,
            "needs python3 with asciinema and pyte (.ci/setup installs them; with CI set this fails instead)"))
    func asciinemaReadsItAndAReplayShowsEveryFrame() throws {
        try #require(Python.canImport("asciinema", "pyte"), "python3 with asciinema + pyte is required when CI is set")
        let frames = (0..<4).map(Self.plotFrame)
        var w = AsciicastWriter(width: 60, height: 20, palette: TestPalette.palette, title: "test")
        for (k, frame) in frames.enumerated() { w.append(frame, at: 0.25 * Double(k)) }
        w.finish(at: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString).cast")
        try Data(w.bytes).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let r = Python.runScript("check_cast.py", arguments: [path.path, "--screens"])
        try #require(r.status == 0, "check_cast.py failed: \(r.error)")
        struct Report: Decodable {
            let width: Int
            let height: Int
            let events: Int
            let duration: Double
            let strictlyIncreasing: Bool
            let cursorVisible: Bool
            let screens: [String]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let report = try decoder.decode(Report.self, from: Data(r.output.utf8))
        #expect(report.width == 60 && report.height == 20)
        #expect(report.events == 5 && report.duration == 2 && report.strictlyIncreasing)
        #expect(report.cursorVisible)
        for (k, frame) in frames.enumerated() { #expect(report.screens[k] == frame.text, "frame \(k)") }
    }
}
