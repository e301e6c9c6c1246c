import TermPlotTestSupport
import Testing

@testable import TermPlot

/// Text written into cells or pictures never carries control characters: they show as
/// `cat -v` escapes.
@Suite("Visible text")
struct VisibleTextTests {
    @Test func escapesFollowCatV() {
        #expect(VisibleText.escaped("plain é ⠶") == "plain é ⠶")
        #expect(VisibleText.escaped("\u{1B}[31m") == "^[[31m")
        #expect(VisibleText.escaped("a\nb\tc\rd\u{0}") == "a^Jb^Ic^Md^@")
        #expect(VisibleText.escaped("\u{7F}") == "^?")
        #expect(VisibleText.escaped("\u{9B}2J\u{85}") == "M-^[2JM-^E")
        #expect(VisibleText.escaped("\u{A0}") == "\u{A0}")  // no-break space is printable
    }

    @Test func cellGridWriteNeverStoresAControlCharacter() {
        var grid = CellGrid(width: 12, height: 1)
        grid.write("\u{1B}[2Jx\u{7}", x: 0, y: 0)
        #expect(rows(grid) == ["^[[2Jx^G    "])
        #expect(!grid.cells.contains { VisibleText.isControl($0.glyph) })
    }

    @Test func panelTextIsEscapedInTheGrid() {
        var panel = Panel(
            title: "t\u{1B}]0;owned\u{7}",
            layers: [.points(xs: [0, 1], ys: [0, 1], style: .dataPoints, label: "d\nx")],
            x: Axis(label: "x\u{8}"), y: Axis(label: "y"))
        panel.showLegend = true
        let grid = FigureRenderer.render(Figure(panel), width: 60, height: 12, canvas: .ascii)
        #expect(!grid.cells.contains { VisibleText.isControl($0.glyph) })
        let text = grid.text
        #expect(text.contains("t^[]0;owned^G") && text.contains("d^Jx") && text.contains("x^H"))
    }
}
