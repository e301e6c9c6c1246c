/// The sub-cell resolution used to draw points and curves.
public enum CanvasKind: String, Hashable, Sendable, CaseIterable {
    /// Braille patterns: 2x4 dots per cell (U+2800 + dot bits); empty canvas cells are U+2800.
    case braille
    /// Quadrant blocks: 2x2 per cell (U+2596...U+259F, half and full blocks).
    case block
    /// Plain ASCII: 1x1 per cell, one glyph per role ('.', '+', '#', ...).
    case ascii

    /// Dots per cell horizontally.
    public var dotsPerColumn: Int { self == .ascii ? 1 : 2 }
    /// Dots per cell vertically.
    public var dotsPerRow: Int {
        switch self {
        case .braille: return 4
        case .block: return 2
        case .ascii: return 1
        }
    }

    /// The bit for dot (`col`, `row`) within a cell.
    @inline(__always) func bit(col: Int, row: Int) -> UInt8 {
        switch self {
        case .braille: return CanvasKind.brailleBits[row &* 2 &+ col]
        case .block: return UInt8(1) << UInt8(row &* 2 &+ col)
        case .ascii: return 1
        }
    }

    /// Braille dot bits by (row * 2 + col): dots 1,4 / 2,5 / 3,6 / 7,8.
    static let brailleBits: [UInt8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]

    /// Quadrant glyphs indexed by mask (bit 0 upper-left, 1 upper-right, 2 lower-left, 3 lower-right).
    static let blockGlyphs: [Unicode.Scalar] = [
        " ", "\u{2598}", "\u{259D}", "\u{2580}", "\u{2596}", "\u{258C}", "\u{259E}", "\u{259B}",
        "\u{2597}", "\u{259A}", "\u{2590}", "\u{259C}", "\u{2584}", "\u{2599}", "\u{259F}", "\u{2588}",
    ]

    /// The empty glyph inside the canvas area.
    var emptyGlyph: Unicode.Scalar { self == .braille ? "\u{2800}" : " " }
}
