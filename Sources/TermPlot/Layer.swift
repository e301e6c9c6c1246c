/// How a points layer marks each point when the canvas has no sub-cell dots (ASCII), and
/// in the legend. `.auto` picks a glyph from the role, so series differ without colour.
public enum GlyphHint: Hashable, Sendable {
    /// The role's default ASCII glyph (truth '.', MDN samples '+', MSE curve '#', ...).
    case auto
    /// This exact glyph in ASCII canvases.
    case ascii(Unicode.Scalar)
}

/// How heatmap values become shading levels.
public enum HeatmapNormalisation: Hashable, Sendable {
    /// Each grid column is scaled by its own maximum (p(y|x) for each x fills its column).
    case perColumn
    /// The whole grid is scaled by its global maximum.
    case global
}

/// A precomputed value grid placed over a data rectangle, e.g. the MDN's p(y|x).
public struct Heatmap: Sendable {
    /// Number of grid columns (along x).
    public var columns: Int
    /// Number of grid rows (along y).
    public var rows: Int
    /// Values in row-major order, `rows * columns`; row 0 is the LOWEST y.
    public var values: [Float]
    /// The x interval the columns cover (left edge of column 0 to right edge of the last).
    public var xRange: ClosedRange<Float>
    /// The y interval the rows cover (bottom edge of row 0 to top edge of the last).
    public var yRange: ClosedRange<Float>
    /// Per column or global scaling.
    public var normalise: HeatmapNormalisation
    /// Legend label, if any.
    public var label: String?

    /// Creates a heatmap; `values.count` must be `columns * rows`.
    public init(columns: Int, rows: Int, values: [Float], xRange: ClosedRange<Float>, yRange: ClosedRange<Float>,
                normalise: HeatmapNormalisation = .perColumn, label: String? = nil) {
        precondition(columns > 0 && rows > 0, "Heatmap needs at least one column and one row")
        precondition(values.count == columns * rows, "Heatmap values must have columns * rows entries")
        self.columns = columns
        self.rows = rows
        self.values = values
        self.xRange = xRange
        self.yRange = yRange
        self.normalise = normalise
        self.label = label
    }

    /// The scale (1 / maximum) for each column, or one global scale repeated.
    func scales() -> [Float] {
        var maxima = [Float](repeating: 0, count: columns)
        values.withUnsafeBufferPointer { v in
            for r in 0..<rows {
                let base = r * columns
                for c in 0..<columns {
                    let value = v[base + c]
                    if value.isFinite && value > maxima[c] { maxima[c] = value }
                }
            }
        }
        if normalise == .global {
            let m = maxima.max() ?? 0
            maxima = [Float](repeating: m, count: columns)
        }
        return maxima.map { $0 > 0 ? 1 / $0 : 0 }
    }

    /// The level (0..<Palette.densityLevels) for a normalised value, or nil when too faint to shade.
    @inline(__always) static func level(_ fraction: Float) -> UInt8? {
        guard fraction >= 1.0 / 64.0 else { return nil }
        let n = Float(Palette.densityLevels)
        return UInt8(min(n - 1, (fraction * n).rounded(.down)))
    }
}

/// One thing drawn in a panel. Layers draw in this order, whatever their position in the
/// list: backgrounds (heatmap, density), then points, then reference lines, then curves, so
/// curves win the cells they cross. Within each group, list order.
public enum Layer: Sendable {
    /// A scatter of points (10,000+ is fine); non-finite points are skipped and counted.
    case points(xs: [Float], ys: [Float], role: StyleRole, glyph: GlyphHint = .auto, label: String? = nil)
    /// A polyline through the points in order (Bresenham on the sub-cell grid).
    case curve(xs: [Float], ys: [Float], role: StyleRole, label: String? = nil)
    /// A polyline whose segment i (point i to i+1) uses `roles[i]`: mixture components whose
    /// brightness follows their weight. `legendRole` shows in the legend.
    case styledCurve(xs: [Float], ys: [Float], roles: [StyleRole], legendRole: StyleRole, label: String? = nil)
    /// Point counts per cell, shaded with `.density(level:)` backgrounds over `levels` steps.
    case density(xs: [Float], ys: [Float], levels: Int = Int(Palette.densityLevels), label: String? = nil)
    /// A precomputed value grid shaded with `.density(level:)` backgrounds.
    case heatmap(Heatmap)
    /// A horizontal reference line across the panel.
    case hline(y: Float, role: StyleRole, label: String? = nil)

    /// Draw group: 0 backgrounds, 1 points, 2 reference lines, 3 curves.
    var drawGroup: Int {
        switch self {
        case .heatmap, .density: return 0
        case .points: return 1
        case .hline: return 2
        case .curve, .styledCurve: return 3
        }
    }

    /// The legend label, if any.
    var label: String? {
        switch self {
        case .points(_, _, _, _, let l), .curve(_, _, _, let l), .styledCurve(_, _, _, _, let l),
             .density(_, _, _, let l), .hline(_, _, let l):
            return l
        case .heatmap(let h): return h.label
        }
    }
}

extension StyleRole {
    /// The glyph a role uses in ASCII canvases, so series differ without colour.
    public var asciiGlyph: Unicode.Scalar {
        switch self {
        case .truth: return "."
        case .mdnSamples: return "+"
        case .mseCurve: return "#"
        case .reference: return "="
        case .density: return ":"
        case .component(let index, _):
            let letters = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
            return letters[Int(index) % letters.count]
        case .loss(let model, let split):
            switch (model, split) {
            case (.mse, .train): return "*"
            case (.mse, .validation): return "o"
            case (.mdn, .train): return "x"
            case (.mdn, .validation): return "%"
            }
        default: return "*"
        }
    }
}

extension Layer {
    /// A heatmap layer from a value grid (row 0 = lowest y) covering `xRange` x `yRange`.
    public static func heatmap(columns: Int, rows: Int, values: [Float], xRange: ClosedRange<Float>,
                               yRange: ClosedRange<Float>, normalise: HeatmapNormalisation = .perColumn,
                               label: String? = nil) -> Layer {
        .heatmap(Heatmap(columns: columns, rows: rows, values: values, xRange: xRange, yRange: yRange,
                         normalise: normalise, label: label))
    }
}
