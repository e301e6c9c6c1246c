import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("ANSI export")
struct AnsiExporterTests {
    @Test func truecolorUsesPaletteColoursAndAttributes() {
        let p = TestPalette.palette
        let a = SeriesStyle.samplePoints.role
        var grid = CellGrid(width: 3, height: 2)
        grid[0, 0] = Cell(glyph: "a", foreground: a)
        grid[1, 0] = Cell(glyph: "b", foreground: a)
        grid[2, 1] = Cell(glyph: "c", foreground: .title, background: .density(level: 7))
        grid[0, 1] = Cell(glyph: "d", foreground: .dimText)
        let s = AnsiExporter.ansi(grid, palette: p)
        let c = p.style(for: a).foreground
        let bg = p.background
        let text = TestPalette.text
        let lines = s.split(separator: "\n")
        #expect(lines.count == 2)
        // One style switch for the two cells of `a`, then a switch for the blank (text) cell.
        #expect(
            lines[0] == "\u{1B}[0;38;2;\(c.r);\(c.g);\(c.b);48;2;\(bg.r);\(bg.g);\(bg.b)mab"
                + "\u{1B}[0;38;2;\(text.r);\(text.g);\(text.b);48;2;\(bg.r);\(bg.g);\(bg.b)m \u{1B}[0m")
        // Dim (2) and bold (1) are written, not only bold; the density level's background wins.
        let level7 = TestPalette.ramp[7]
        #expect(lines[1].hasPrefix("\u{1B}[0;2;38;2;128;128;128;"))
        #expect(
            lines[1].contains(
                "\u{1B}[0;1;38;2;\(text.r);\(text.g);\(text.b);48;2;\(level7.r);\(level7.g);\(level7.b)mc"))
    }

    /// The index mapping itself is tested in Xterm256Tests (black 16, white 231, red 196, grey 128 is 244, ...).
    @Test func color256UsesIndexedCodes() {
        let s = AnsiExporter.ansi(
            CellGrid(width: 1, height: 1, fill: Cell(glyph: "x", foreground: SeriesStyle.dataPoints.role)),
            palette: TestPalette.palette, mode: .color256)
        #expect(s.contains("38;5;") && s.contains("48;5;"))
    }

    /// With terminal styles (as `mdnx plot` on a terminal): basic colours, reverse, and
    /// cells without a background keep the terminal's own.
    @Test func terminalStylesWithDefaultBackground() {
        var grid = CellGrid(width: 2, height: 1)
        grid[0, 0] = Cell(glyph: "s", foreground: .statusBar, background: .statusBar)
        grid[1, 0] = Cell(glyph: "t", foreground: .text)
        let s = AnsiExporter.ansi(grid) { role in
            role == .statusBar
                ? TerminalStyle(fg: .ansi(7), bg: .ansi(0), reverse: true) : TerminalStyle(fg: .indexed(250))
        }
        #expect(s == "\u{1B}[0;7;37;40ms\u{1B}[0;38;5;250mt\u{1B}[0m\n")
    }
}
