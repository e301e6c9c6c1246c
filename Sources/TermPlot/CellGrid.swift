/// One character cell: a glyph, a foreground role and an optional background role.
public struct Cell: Hashable, Sendable {
    /// The glyph; a single Unicode scalar (braille, block, ASCII or text).
    public var glyph: Unicode.Scalar
    /// The foreground role.
    public var foreground: StyleRole
    /// The background role, or nil for the terminal's own background.
    public var background: StyleRole?

    /// A blank cell with the text role.
    public static let blank = Cell(glyph: " ", foreground: .text, background: nil)

    /// Creates a cell; `glyph` must not be a control character (`CellGrid.write` escapes them).
    public init(glyph: Unicode.Scalar, foreground: StyleRole = .text, background: StyleRole? = nil) {
        precondition(!VisibleText.isControl(glyph), "a cell glyph must be printable, got U+\(glyph.value)")
        self.glyph = glyph
        self.foreground = foreground
        self.background = background
    }
}

/// A rectangle of cells: what the plot engine produces and what the screen and the text
/// exporters consume. Row 0 is the top row.
public struct CellGrid: Hashable, Sendable {
    /// Width in cells.
    public let width: Int
    /// Height in cells.
    public let height: Int
    /// Cells in row-major order, `width * height` of them.
    public private(set) var cells: [Cell]

    /// A grid filled with `fill`.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        precondition(width >= 0 && height >= 0, "CellGrid size must not be negative")
        self.width = width
        self.height = height
        self.cells = Array(repeating: fill, count: width * height)
    }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "CellGrid index out of range")
            return cells[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "CellGrid index out of range")
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from column `x` on row `y`, clipped to the grid. Control characters are
    /// written as visible escapes (`VisibleText`: ESC shows as `^[`), never as themselves.
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .text, background: StyleRole? = nil) {
        guard y >= 0 && y < height else { return }
        var col = x
        for scalar in VisibleText.escaped(text).unicodeScalars {
            if col >= width { break }
            if col >= 0 { cells[y * width + col] = Cell(glyph: scalar, foreground: role, background: background) }
            col += 1
        }
    }

    /// Copies `other` into this grid with its top-left corner at (`x`, `y`), clipped.
    public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height {
            let ty = y + row
            guard ty >= 0 && ty < height else { continue }
            for col in 0..<other.width {
                let tx = x + col
                guard tx >= 0 && tx < width else { continue }
                cells[ty * width + tx] = other.cells[row * other.width + col]
            }
        }
    }

    /// The grid as plain text: one line per row, trailing spaces kept, rows joined by "\n".
    public var text: String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            if row > 0 { out.append("\n") }
            for col in 0..<width { out.append(cells[row * width + col].glyph) }
        }
        return String(out)
    }
}
