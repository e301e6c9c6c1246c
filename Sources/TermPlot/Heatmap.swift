#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How heatmap values become shading levels.
public enum HeatmapNormalisation: Hashable, Sendable {
    /// Each grid column is scaled by its own maximum (p(y|x) for each x fills its column).
    case perColumn
    /// The whole grid is scaled by its global maximum.
    case global
}

/// How normalised heatmap values map onto the shading ramp.
public enum HeatmapScale: Hashable, Sendable {
    /// Linear: the fraction of the maximum (values below 1/64 of it are not shaded).
    case linear
    /// Logarithmic over `ratio` (> 1): the maximum is the top of the ramp, maximum / ratio
    /// its bottom, and smaller values are not shaded. Shows tails and faint branches.
    case log(ratio: Float)
}

/// A precomputed value grid placed over a data rectangle, e.g. a conditional density p(y|x).
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
    /// Linear or logarithmic shading.
    public var scale: HeatmapScale
    /// Legend label, if any.
    public var label: String?
    /// Show a colour bar with values (in the legend row on a terminal, beside the plot in
    /// vector exports).
    public var colorBar: Bool

    /// Creates a heatmap; `values.count` must be `columns * rows`.
    public init(
        columns: Int, rows: Int, values: [Float], xRange: ClosedRange<Float>, yRange: ClosedRange<Float>,
        normalise: HeatmapNormalisation = .perColumn, scale: HeatmapScale = .linear, label: String? = nil,
        colorBar: Bool = false
    ) {
        precondition(columns > 0 && rows > 0, "Heatmap needs at least one column and one row")
        precondition(values.count == columns * rows, "Heatmap values must have columns * rows entries")
        self.columns = columns
        self.rows = rows
        self.values = values
        self.xRange = xRange
        self.yRange = yRange
        self.normalise = normalise
        self.scale = scale
        self.label = label
        self.colorBar = colorBar
    }

    /// The largest finite value (0 when there is none).
    public var maximum: Float {
        var m: Float = 0
        for v in values where v.isFinite && v > m { m = v }
        return m
    }

    /// The position (0...1) on the shading ramp of a value already divided by its column's
    /// (or the global) maximum, or nil when it is too faint to shade.
    @inline(__always) func rampPosition(_ fraction: Float) -> Float? {
        switch scale {
        case .linear:
            guard fraction >= 1.0 / 64.0 else { return nil }
            return min(1, fraction)
        case .log(let ratio):
            guard fraction > 0, ratio > 1 else { return nil }
            let t = 1 + logf(fraction) / logf(ratio)
            guard t >= 0 else { return nil }
            return min(1, t)
        }
    }

    /// The level (0..<Palette.densityLevels) of a normalised value, or nil when too faint.
    @inline(__always) func shadeLevel(_ fraction: Float) -> UInt8? {
        guard let t = rampPosition(fraction) else { return nil }
        let n = Float(Palette.densityLevels)
        return UInt8(min(n - 1, (t * n).rounded(.down)))
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
