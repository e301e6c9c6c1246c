/// What a cell shows, by meaning; a palette (or a terminal theme) turns each role into
/// colours and attributes.
///
/// TermPlot draws with roles, never with colours, so the same Figure renders in any theme,
/// at any colour depth, and in monochrome. The roles are generic: the data series of a
/// figure are `series` slots that the caller numbers and styles (the app maps its own
/// names, such as "ground truth", onto slots and onto its theme's colours). Series also
/// differ by glyph or density, so a role's colour never carries meaning alone.
public enum StyleRole: Hashable, Sendable {
    /// Ordinary text (titles, tick labels, legend text).
    case text
    /// Secondary text (hints, units, the idle parts of the status bar).
    case dimText
    /// Axis lines and tick marks.
    case axis
    /// Panel titles.
    case title
    /// A reference line (e.g. a best achievable value).
    case reference
    /// Density shading, `level` in 0..<Palette.densityLevels (0 = faintest).
    case density(level: UInt8)
    /// A data series of the caller's: `slot` names it (the palette maps slots to colours),
    /// `level` in 0..<Palette.densityLevels is its strength (the top level: full strength).
    case series(slot: UInt16, level: UInt8)
    /// The status bar.
    case statusBar
    /// Help overlay text.
    case help
    /// Warnings and errors.
    case warning
    /// Highlighted/selected text (keys in the hint bar, the active view).
    case accent
    /// Empty background.
    case background
}

extension StyleRole {
    /// Series `slot` at full strength.
    public static func series(_ slot: UInt16) -> StyleRole {
        .series(slot: slot, level: Palette.densityLevels - 1)
    }
}

/// How a points series marks each point on a character canvas (and how large its circles
/// are in vector exports).
public enum PointMark: Hashable, Sendable {
    /// One sub-cell dot per point.
    case dot
    /// Two dots side by side per point: a denser, heavier texture than `.dot`, so two point
    /// series differ by pattern as well as colour.
    case pair
}

/// How a curve is drawn: solid, or interrupted so that curves differ by pattern as well as
/// colour (on every canvas and in vector exports).
public enum LinePattern: Hashable, Sendable {
    /// A continuous line.
    case solid
    /// Dashes: runs of dots with gaps (vector: 7 px on, 4 px off).
    case dashed
    /// Every other dot (vector: 2 px on, 3 px off).
    case dotted

    /// Whether the dot at step `i` along a character-canvas line is drawn.
    @inline(__always) func draws(_ i: Int) -> Bool {
        switch self {
        case .solid: return true
        case .dashed: return i % 6 < 4
        case .dotted: return i % 2 == 0
        }
    }

    /// The vector dash array (on/off lengths in pixels; empty for solid).
    var dash: [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [7, 4]
        case .dotted: return [2, 3]
        }
    }
}

/// How a series is drawn, chosen by the caller: the role a palette resolves to colours and
/// attributes, the glyph that marks it on an ASCII canvas (and in its legend there), its
/// opacity in vector exports, its point mark or line pattern, and whether it sits beneath
/// the other series (a backdrop).
public struct SeriesStyle: Hashable, Sendable {
    /// The role (usually `.series(slot:level:)`).
    public var role: StyleRole
    /// The glyph on ASCII canvases; a printable scalar (not a control character).
    public var glyph: Unicode.Scalar
    /// Opacity of points in vector exports (0...1); lines are always opaque.
    public var opacity: Double
    /// How points are marked (points layers only).
    public var mark: PointMark
    /// How lines are drawn (curve and vertical line layers).
    public var pattern: LinePattern
    /// A backdrop: its dots show only in cells no other point or curve series marks and no
    /// heatmap shades (so it never covers them), and in vector exports it is drawn first,
    /// below heatmaps.
    public var beneath: Bool
    /// The background role of the cells this series marks on a character canvas (a faint
    /// tint that stays visible under other series), where no heatmap shades them; nil: none.
    public var tint: StyleRole?

    /// Creates a style.
    public init(
        role: StyleRole, glyph: Unicode.Scalar, opacity: Double = 0.7, mark: PointMark = .dot,
        pattern: LinePattern = .solid, beneath: Bool = false, tint: StyleRole? = nil
    ) {
        precondition(!VisibleText.isControl(glyph), "a series glyph must be printable, got U+\(glyph.value)")
        precondition(opacity >= 0 && opacity <= 1, "opacity must be in 0...1")
        self.role = role
        self.glyph = glyph
        self.opacity = opacity
        self.mark = mark
        self.pattern = pattern
        self.beneath = beneath
        self.tint = tint
    }
}
