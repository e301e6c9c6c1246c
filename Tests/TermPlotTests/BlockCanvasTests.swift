import TermPlotTestSupport
import Testing

@testable import TermPlot

@Suite("Block (quadrant) canvas")
struct BlockCanvasTests {
    func cell(_ pts: [(Float, Float)]) -> String {
        let fig = Figure(
            barePanel([.points(xs: pts.map(\.0), ys: pts.map(\.1), style: .dataPoints)], x: (0, 2), y: (0, 2)))
        let r = rows(FigureRenderer.render(fig, width: 3, height: 3, canvas: .block))
        #expect(r[1] == " └┬" && r[2] == "  0")
        return String(r[0].unicodeScalars.dropFirst(2))
    }

    @Test func quadrants() {
        #expect(cell([(0.5, 1.5)]) == "▘")
        #expect(cell([(1.5, 1.5)]) == "▝")
        #expect(cell([(0.5, 0.5)]) == "▖")
        #expect(cell([(1.5, 0.5)]) == "▗")
        #expect(cell([(0.5, 1.5), (1.5, 1.5)]) == "▀")
        #expect(cell([(0.5, 0.5), (1.5, 0.5)]) == "▄")
        #expect(cell([(0.5, 0.5), (0.5, 1.5)]) == "▌")
        #expect(cell([(1.5, 0.5), (1.5, 1.5)]) == "▐")
        #expect(cell([(0.5, 1.5), (1.5, 0.5)]) == "▚")
        #expect(cell([(1.5, 1.5), (0.5, 0.5)]) == "▞")
        #expect(cell([(0.5, 1.5), (1.5, 1.5), (0.5, 0.5)]) == "▛")
        #expect(cell([(0.5, 1.5), (1.5, 1.5), (1.5, 0.5)]) == "▜")
        #expect(cell([(0.5, 1.5), (0.5, 0.5), (1.5, 0.5)]) == "▙")
        #expect(cell([(1.5, 1.5), (0.5, 0.5), (1.5, 0.5)]) == "▟")
        #expect(cell([(0.5, 1.5), (1.5, 1.5), (0.5, 0.5), (1.5, 0.5)]) == "█")
        #expect(cell([]) == " ")
    }
}
