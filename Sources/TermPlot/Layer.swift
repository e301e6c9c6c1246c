/// One thing drawn in a panel. Layers draw in this order, whatever their position in the
/// list: backgrounds (heatmap, density), then points, then reference lines, then curves, so
/// curves win the cells they cross. Within each group, list order.
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

    /// Draw group: 0 backgrounds, 1 points, 2 reference lines, 3 curves.
    var drawGroup: Int {
        switch self {
        case .heatmap, .density: return 0
        case .points: return 1
        case .hline: return 2
        case .curve, .styledCurve: return 3
        }
    }

    /// `layers` in draw order: by `drawGroup`, list order within a group.
    static func inDrawOrder(_ layers: [Layer]) -> [Layer] {
        layers.enumerated().sorted { ($0.element.drawGroup, $0.offset) < ($1.element.drawGroup, $1.offset) }.map(
            \.element)
    }

    /// The legend label, if any.
    var label: String? {
        switch self {
        case .points(_, _, _, let l), .curve(_, _, _, let l), .styledCurve(_, _, _, _, let l),
            .density(_, _, _, let l), .hline(_, _, let l):
            return l
        case .heatmap(let h): return h.label
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
