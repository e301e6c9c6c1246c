/// A function of (x, y) shaded like a heatmap, which the renderer evaluates at the target's
/// own resolution over exactly the plotted area: one value per cell on a terminal, one per
/// couple of pixels in a vector export. So the picture has no cell blocks when exported and
/// covers the axes whatever their range (a fixed range, equal aspect, a margin).
public struct HeatmapField: Sendable {
    /// Values at the column centres `xs` and the centres of `rows` equal cells over
    /// `yRange`: `rows * xs.count` values, row-major, row 0 the lowest y (a `Heatmap`'s layout).
    public typealias Evaluator = @Sendable (_ xs: [Float], _ yRange: ClosedRange<Float>, _ rows: Int) -> [Float]

    /// The function.
    public var evaluate: Evaluator
    /// The x interval where the function is drawn (nil: the whole plotted range).
    public var xDomain: ClosedRange<Float>?
    /// The y interval where the function is drawn (nil: the whole plotted range).
    public var yDomain: ClosedRange<Float>?
    /// Per column or global scaling.
    public var normalise: HeatmapNormalisation
    /// Linear or logarithmic shading.
    public var scale: HeatmapScale
    /// Legend label, if any.
    public var label: String?
    /// Show a colour bar with values.
    public var colorBar: Bool

    /// Creates a field.
    public init(
        xDomain: ClosedRange<Float>? = nil, yDomain: ClosedRange<Float>? = nil,
        normalise: HeatmapNormalisation = .perColumn, scale: HeatmapScale = .linear, label: String? = nil,
        colorBar: Bool = false, evaluate: @escaping Evaluator
    ) {
        self.evaluate = evaluate
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.normalise = normalise
        self.scale = scale
        self.label = label
        self.colorBar = colorBar
    }

    /// The field evaluated on `columns` x `rows` equal cells over `xRange` x `yRange` (cells
    /// outside the domains are NaN, so they are not shaded).
    public func heatmap(xRange: ClosedRange<Float>, yRange: ClosedRange<Float>, columns: Int, rows: Int) -> Heatmap {
        precondition(columns >= 1 && rows >= 1, "a field needs at least one column and one row")
        let dx = (xRange.upperBound - xRange.lowerBound) / Float(columns)
        let centres = (0..<columns).map { xRange.lowerBound + (Float($0) + 0.5) * dx }
        let inside = centres.indices.filter { xDomain?.contains(centres[$0]) ?? true }
        var values = [Float](repeating: .nan, count: columns * rows)
        if !inside.isEmpty {
            let xs = inside.map { centres[$0] }
            let got = evaluate(xs, yRange, rows)
            precondition(got.count == xs.count * rows, "a field must give rows * xs.count values")
            let dy = (yRange.upperBound - yRange.lowerBound) / Float(rows)
            for r in 0..<rows {
                let yc = yRange.lowerBound + (Float(r) + 0.5) * dy
                guard yDomain?.contains(yc) ?? true else { continue }
                for (j, c) in inside.enumerated() { values[r * columns + c] = got[r * xs.count + j] }
            }
        }
        return Heatmap(
            columns: columns, rows: rows, values: values, xRange: xRange, yRange: yRange, normalise: normalise,
            scale: scale, label: label, colorBar: colorBar)
    }
}

/// Bars along x from 0 over intervals of y: a histogram of y values drawn sideways, beside
/// a density curve plotted along y. Shaded as a background with the style's role.
public struct Bars: Sendable {
    /// The y interval edges, ascending: `values.count + 1` of them.
    public var edges: [Float]
    /// The bar lengths (x from 0), one per interval.
    public var values: [Float]
    /// The role (its fill shades the bars) and the vector opacity.
    public var style: SeriesStyle
    /// Legend label, if any.
    public var label: String?

    /// Creates bars; `edges` must be ascending with one more entry than `values`.
    public init(edges: [Float], values: [Float], style: SeriesStyle, label: String? = nil) {
        precondition(edges.count == values.count + 1, "bars need one more edge than values")
        precondition(zip(edges, edges.dropFirst()).allSatisfy { $0 <= $1 }, "bar edges must be ascending")
        self.edges = edges
        self.values = values
        self.style = style
        self.label = label
    }
}
