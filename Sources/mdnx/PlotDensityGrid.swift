import MDNCore
import TermPlot

/// p(y|x) of one-dimensional mixtures as a heatmap for `mdnx plot`, on an even y grid
/// (`MixtureBatch.densityGrid(rows:yRange:)`, fast enough to redraw every frame).
enum PlotDensityGrid {
    /// The mixtures' p(y|x) as a heatmap: `batch` holds one mixture per column, evaluated at
    /// the column centres of `xRange`.
    static func heatmap(_ batch: MixtureBatch, rows: Int, xRange: ClosedRange<Float>, yRange: ClosedRange<Float>)
        -> Heatmap
    {
        Heatmap(
            columns: batch.count, rows: rows, values: batch.densityGrid(rows: rows, yRange: yRange),
            xRange: xRange, yRange: yRange, normalise: .perColumn, label: "MDN p(y|x)")
    }

    /// `n` centres of equal cells spanning `range`.
    static func centres(_ range: ClosedRange<Float>, _ n: Int) -> [Float] {
        let step = (range.upperBound - range.lowerBound) / Float(n)
        return (0..<n).map { range.lowerBound + (Float($0) + 0.5) * step }
    }
}
