import MDNCore
import TermPlot

/// The MDN's p(y|x) on a grid, as a heatmap: the one builder behind the explorer's density
/// view and `mdnx plot --view density`.
public enum DensityGrid {
    /// The legend label of the heatmap.
    public static let label = "MDN p(y|x)"

    /// p(y|x) of `source`, tempered by `temperatures`, on `columns` x `rows` equal cells over
    /// `xRange` x `yRange`: column c is the mixture at its centre x, evaluated at the row
    /// centres (row 0 the lowest y).
    public static func heatmap(
        _ source: MixtureSource, temperatures: Temperatures, xRange: ClosedRange<Float>,
        yRange: ClosedRange<Float>, columns: Int, rows: Int
    ) -> Heatmap {
        precondition(columns >= 1 && rows >= 1, "a density grid needs at least one column and one row")
        let mixtures = temperatures.temper(source.mixtures(at: centres(xRange, columns)))
        return heatmap(columnMixtures: mixtures, xRange: xRange, yRange: yRange, rows: rows)
    }

    /// p(y|x) of one one-dimensional mixture per column (`columnMixtures`, for the column
    /// centres of `xRange`) at the centres of `rows` cells over `yRange`, on the even-grid
    /// evaluator `MixtureBatch.densityGrid`, fast enough for every frame.
    public static func heatmap(
        columnMixtures: MixtureBatch, xRange: ClosedRange<Float>, yRange: ClosedRange<Float>, rows: Int
    ) -> Heatmap {
        Heatmap(
            columns: columnMixtures.count, rows: rows, values: columnMixtures.densityGrid(rows: rows, yRange: yRange),
            xRange: xRange, yRange: yRange, normalise: .perColumn, label: label)
    }

    /// p(y|x) of `source`, tempered by `temperatures`, as a field the renderer evaluates at
    /// its target's resolution over the plotted area (within `xDomain`): one mixture per
    /// column, the even-grid evaluator down each column. Normalised per column (each x's
    /// density fills its column), linear, with a colour bar.
    public static func field(
        _ source: MixtureSource, temperatures: Temperatures, xDomain: ClosedRange<Float>?
    ) -> HeatmapField {
        HeatmapField(xDomain: xDomain, normalise: .perColumn, scale: .linear, label: label, colorBar: true) {
            xs, yRange, rows in
            temperatures.temper(source.mixtures(at: xs)).densityGrid(rows: rows, yRange: yRange)
        }
    }

    /// `n` centres of equal cells spanning `range`.
    public static func centres(_ range: ClosedRange<Float>, _ n: Int) -> [Float] {
        let step = (range.upperBound - range.lowerBound) / Float(n)
        return (0..<n).map { range.lowerBound + (Float($0) + 0.5) * step }
    }
}
