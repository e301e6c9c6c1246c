import Testing

@testable import TermPlot

@Suite("ANSI export")
struct AnsiExporterTests {
    @Test func truecolorUsesPaletteColours() {
        var grid = CellGrid(width: 3, height: 2)
        grid[0, 0] = Cell(glyph: "a", foreground: .mdnSamples)
        grid[1, 0] = Cell(glyph: "b", foreground: .mdnSamples)
        grid[2, 1] = Cell(glyph: "c", foreground: .truth, background: .density(level: 7))
        let s = AnsiExporter.ansi(grid, palette: .fallback)
        let mdn = Palette.fallback.style(for: .mdnSamples).foreground
        let bg = Palette.fallback.background
        let lines = s.split(separator: "\n")
        #expect(lines.count == 2)
        // One style switch for the two MDN cells, then a switch back for the blank cell.
        #expect(
            lines[0] == "\u{1B}[0;38;2;\(mdn.r);\(mdn.g);\(mdn.b);48;2;\(bg.r);\(bg.g);\(bg.b)mab"
                + "\u{1B}[0;38;2;213;216;223;48;2;\(bg.r);\(bg.g);\(bg.b)m \u{1B}[0m")
        #expect(lines[1].contains("48;2;253;231;37mc"))  // density level 7 background (#FDE725)
    }

    /// The index mapping itself is tested in Xterm256Tests (black 16, white 231, red 196, grey 128 is 244, ...).
    @Test func color256UsesIndexedCodes() {
        let s = AnsiExporter.ansi(
            CellGrid(width: 1, height: 1, fill: Cell(glyph: "x", foreground: .truth)),
            palette: .fallback, mode: .color256)
        #expect(s.contains("38;5;") && s.contains("48;5;"))
    }
}
