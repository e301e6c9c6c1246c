/// One thing drawn in a panel. Layers draw in this order, whatever their position in the
/// list: point series marked `beneath` (backdrops), then backgrounds (heatmaps, fields,
/// density, bars), then points, then reference lines, then curves, so curves win the cells
/// they cross. Within each group, list order.
///
/// Series layers carry their own `SeriesStyle` (role, ASCII glyph, vector opacity), chosen
/// by the caller.
public enum Layer: Sendable {
    /// A scatter of points (10,000+ is fine); non-finite points are skipped and counted.
    case points(xs: [Float], ys: [Float], style: SeriesStyle, label: String? = nil)
    /// A polyline through the points in order (Bresenham on the sub-cell grid).
    case curve(xs: [Float], ys: [Float], style: SeriesStyle, label: String? = nil)
    /// A polyline whose segment i (point i to i+1) uses `segmentRoles[i]` (e.g. a brightness
    /// that follows a weight); `style` gives the glyph and the legend's role.
    case styledCurve(xs: [Float], ys: [Float], segmentRoles: [StyleRole], style: SeriesStyle, label: String? = nil)
    /// Point counts per cell, shaded with `.density(level:)` backgrounds over `levels` steps.
    case density(xs: [Float], ys: [Float], levels: Int = Int(Palette.densityLevels), label: String? = nil)
    /// A precomputed value grid shaded with `.density(level:)` backgrounds.
    case heatmap(Heatmap)
    /// A horizontal reference line across the panel.
    case hline(y: Float, style: SeriesStyle, label: String? = nil)
    /// A vertical line across the panel (e.g. a cursor).
    case vline(x: Float, style: SeriesStyle, label: String? = nil)
    /// A function of (x, y) shaded like a heatmap, evaluated by the renderer at the target's
    /// own resolution over the plotted area (cells on a terminal, pixels in an export).
    case field(HeatmapField)
    /// Bars along x from 0 (e.g. a histogram of y values drawn sideways), shaded with their
    /// style's role as a background.
    case bars(Bars)

    /// Draw group: -1 backdrop points, 0 backgrounds, 1 points, 2 reference lines, 3 curves.
    var drawGroup: Int {
        switch self {
        case .points(_, _, let style, _): return style.beneath ? -1 : 1
        case .heatmap, .density, .field, .bars: return 0
        case .hline, .vline: return 2
        case .curve, .styledCurve: return 3
        }
    }

    /// `layers` in draw order: by `drawGroup`, list order within a group.
    static func inDrawOrder(_ layers: [Layer]) -> [Layer] { indexedInDrawOrder(layers).map(\.element) }

    /// `layers` with their list positions, in draw order (see `inDrawOrder`).
    static func indexedInDrawOrder(_ layers: [Layer]) -> [(offset: Int, element: Layer)] {
        layers.enumerated().sorted { ($0.element.drawGroup, $0.offset) < ($1.element.drawGroup, $1.offset) }
    }

    /// The legend label, if any.
    var label: String? {
        switch self {
        case .points(_, _, _, let l), .curve(_, _, _, let l), .styledCurve(_, _, _, _, let l),
            .density(_, _, _, let l), .hline(_, _, let l), .vline(_, _, let l):
            return l
        case .heatmap(let h): return h.label
        case .field(let f): return f.label
        case .bars(let b): return b.label
        }
    }
}

extension Layer {
    /// A heatmap layer from a value grid (row 0 = lowest y) covering `xRange` x `yRange`.
    public static func heatmap(
        columns: Int, rows: Int, values: [Float], xRange: ClosedRange<Float>,
        yRange: ClosedRange<Float>, normalise: HeatmapNormalisation = .perColumn,
        label: String? = nil
    ) -> Layer {
        .heatmap(
            Heatmap(
                columns: columns, rows: rows, values: values, xRange: xRange, yRange: yRange,
                normalise: normalise, label: label))
    }
}
