@testable import TermPlot

/// The grid's rows as strings.
func rows(_ grid: CellGrid) -> [String] {
    grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// A braille canvas row: U+2800 repeated `n` times.
func blank(_ n: Int) -> String { String(repeating: "\u{2800}", count: n) }

/// A bare panel: fixed ranges, no title, labels or legend.
func barePanel(_ layers: [Layer], x: (Float, Float)? = nil, y: (Float, Float)? = nil) -> Panel {
    Panel(
        layers: layers,
        x: Axis(range: x.map { .fixed($0.0, $0.1) } ?? .auto),
        y: Axis(range: y.map { .fixed($0.0, $0.1) } ?? .auto),
        showLegend: false)
}

extension SeriesStyle {
    /// Points on slot 0, '.' in ASCII.
    static let dataPoints = SeriesStyle(role: .series(0), glyph: ".")
    /// Points on slot 1, '+' in ASCII.
    static let samplePoints = SeriesStyle(role: .series(1), glyph: "+")
    /// A curve on slot 2, '#' in ASCII.
    static let line = SeriesStyle(role: .series(2), glyph: "#")
}
