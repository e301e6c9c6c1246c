import MDNCore

/// A way to get an MDN's mixture parameters at any x values: a model evaluated directly
/// (`mdnx plot`'s checkpoint), or parameters stored on a fixed x grid (a training snapshot,
/// a recorded epoch), where each x takes the row of the nearest grid x.
public struct MixtureSource: Sendable {
    /// The mixture layout (K components, one dimension).
    public let layout: MixtureLayout
    /// Where the parameters come from.
    private let kind: Kind

    /// The two kinds of source.
    private enum Kind: Sendable {
        case grid(xs: [Float], batch: MixtureBatch)
        case function(@Sendable ([Float]) -> MixtureBatch)
    }

    /// Parameters stored on a sorted x grid: `batch` holds one row per grid x.
    public static func grid(xs: [Float], batch: MixtureBatch) -> MixtureSource {
        precondition(!xs.isEmpty && xs.count == batch.count, "a mixture grid needs one row per x (and at least one)")
        precondition(zip(xs, xs.dropFirst()).allSatisfy { $0 <= $1 }, "a mixture grid's x values must be sorted")
        return MixtureSource(layout: batch.layout, kind: .grid(xs: xs, batch: batch))
    }

    /// A model that maps x values to their mixture rows (in the data's units).
    public static func function(
        layout: MixtureLayout, _ evaluate: @escaping @Sendable ([Float]) -> MixtureBatch
    ) -> MixtureSource {
        MixtureSource(layout: layout, kind: .function(evaluate))
    }

    /// Number of components K.
    public var components: Int { layout.components }

    /// The mixture rows at `xs`, one per x, in order.
    public func mixtures(at xs: [Float]) -> MixtureBatch {
        switch kind {
        case .function(let evaluate):
            let batch = evaluate(xs)
            precondition(batch.count == xs.count && batch.layout == layout, "a mixture source must give one row per x")
            return batch
        case .grid(let grid, let batch):
            let w = layout.width
            var rows = [Float]()
            rows.reserveCapacity(xs.count * w)
            for x in xs {
                let r = Self.nearest(x, in: grid)
                rows.append(contentsOf: batch.rows[(r * w)..<((r + 1) * w)])
            }
            return MixtureBatch(layout: layout, rows: rows)
        }
    }

    /// The index of the grid value nearest `x` (ties to the lower one; NaN to the first).
    static func nearest(_ x: Float, in grid: [Float]) -> Int {
        guard x.isFinite else { return x == .infinity ? grid.count - 1 : 0 }
        var lo = 0
        var hi = grid.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if grid[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        // grid[lo] is the first value >= x (or the last): the nearest is it or its predecessor.
        if lo > 0 && x - grid[lo - 1] <= grid[lo] - x { return lo - 1 }
        return lo
    }
}
