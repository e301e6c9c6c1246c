import Foundation
import MDNCore

/// The direct density evaluation tests compare the fast `densityGrid` against.
extension MixtureBatch {
    /// Densities on a grid for one-dimensional mixtures: `count * grid.count` values, row r
    /// holding p(grid[j] | row r) = exp(`Mixture.logDensity`), evaluated point by point in
    /// Double (no cutoff, any grid).
    public func densities(grid: [Float]) -> [Float] {
        precondition(layout.dimension == 1, "densities(grid:) needs a one-dimensional mixture")
        var result = [Float](repeating: 0, count: count * grid.count)
        for r in 0..<count {
            let mixture = self[r]
            for (j, y) in grid.enumerated() { result[r * grid.count + j] = Float(exp(mixture.logDensity(y))) }
        }
        return result
    }
}
