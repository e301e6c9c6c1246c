/// A numeric table (header + row-major values), as `mdnx sample` writes it.
public struct SampleTable: Sendable, Equatable {
    /// Column names.
    public var header: [String]
    /// Row-major values, `header.count` per row.
    public var values: [Float]

    /// Number of rows.
    public var rowCount: Int { values.count / max(header.count, 1) }

    /// A table; `values` must hold whole rows.
    public init(header: [String], values: [Float]) {
        precondition(!header.isEmpty && values.count % header.count == 0, "values hold a partial row")
        self.header = header
        self.values = values
    }

    /// `perX` draws from each mixture of `batch` (already tempered / in user units): one row
    /// per draw, columns x names then y names.
    public static func samples(
        x: [Float], xNames: [String], yNames: [String], batch: MixtureBatch, perX: Int,
        rng: inout SeededRNG
    ) -> SampleTable {
        let dx = xNames.count
        let dy = yNames.count
        precondition(dy == batch.layout.dimension && x.count == batch.count * dx, "x, names and mixtures do not match")
        let draws = batch.samples(perRow: perX, checkedTemperature: 1, sigmaTemperature: 1, rng: &rng)
        var values = [Float]()
        values.reserveCapacity(batch.count * perX * (dx + dy))
        for r in 0..<batch.count {
            for s in 0..<perX {
                values.append(contentsOf: x[(r * dx)..<((r + 1) * dx)])
                let at = (r * perX + s) * dy
                values.append(contentsOf: draws[at..<(at + dy)])
            }
        }
        return SampleTable(header: xNames + yNames, values: values)
    }

    /// The mixture parameters per x: x names, `pi_1..pi_K`, then `mu_k` and `sigma_k` (for
    /// several targets `mu_k_NAME`, `sigma_k_NAME`, target by target).
    public static func parameters(x: [Float], xNames: [String], yNames: [String], batch: MixtureBatch) -> SampleTable {
        let dx = xNames.count
        let dy = yNames.count
        let layout = batch.layout
        let k = layout.components
        precondition(dy == layout.dimension && x.count == batch.count * dx, "x, names and mixtures do not match")
        let suffixes = dy == 1 ? [""] : yNames.map { "_\($0)" }
        var header = xNames + (1...k).map { "pi_\($0)" }
        for s in suffixes { header += (1...k).map { "mu_\($0)\(s)" } }
        for s in suffixes { header += (1...k).map { "sigma_\($0)\(s)" } }
        let weights = batch.weights(checkedTemperature: 1)
        var values = [Float]()
        values.reserveCapacity(batch.count * header.count)
        for r in 0..<batch.count {
            let base = r * layout.width
            values.append(contentsOf: x[(r * dx)..<((r + 1) * dx)])
            values.append(contentsOf: weights[(r * k)..<((r + 1) * k)])
            for d in 0..<dy { for c in 0..<k { values.append(batch.rows[base + layout.mu(c, d)]) } }
            for d in 0..<dy { for c in 0..<k { values.append(batch.rows[base + layout.sigma(c, d)]) } }
        }
        return SampleTable(header: header, values: values)
    }

    /// Mean, standard deviation and mode per x: x names, then `mean`, `std`, `mode` (for
    /// several targets `mean_NAME`..., `std_NAME`..., `mode_NAME`...).
    public static func summary(x: [Float], xNames: [String], yNames: [String], batch: MixtureBatch) -> SampleTable {
        let dx = xNames.count
        let dy = yNames.count
        precondition(dy == batch.layout.dimension && x.count == batch.count * dx, "x, names and mixtures do not match")
        let (means, variances) = batch.moments()
        let modes = batch.modes()
        let suffixes = dy == 1 ? [""] : yNames.map { "_\($0)" }
        let header = xNames + suffixes.map { "mean\($0)" } + suffixes.map { "std\($0)" } + suffixes.map { "mode\($0)" }
        var values = [Float]()
        values.reserveCapacity(batch.count * header.count)
        for r in 0..<batch.count {
            values.append(contentsOf: x[(r * dx)..<((r + 1) * dx)])
            values.append(contentsOf: means[(r * dy)..<((r + 1) * dy)])
            values.append(contentsOf: variances[(r * dy)..<((r + 1) * dy)].map { $0.squareRoot() })
            values.append(contentsOf: modes[(r * dy)..<((r + 1) * dy)])
        }
        return SampleTable(header: header, values: values)
    }

    /// Predictions of an mse model per x: x names, then `prediction` (or `prediction_NAME`).
    public static func predictions(x: [Float], xNames: [String], yNames: [String], predicted: [Float]) -> SampleTable {
        let dx = xNames.count
        let dy = yNames.count
        let n = x.count / dx
        precondition(predicted.count == n * dy, "predictions do not match x")
        let header = xNames + (dy == 1 ? ["prediction"] : yNames.map { "prediction_\($0)" })
        var values = [Float]()
        values.reserveCapacity(n * header.count)
        for r in 0..<n {
            values.append(contentsOf: x[(r * dx)..<((r + 1) * dx)])
            values.append(contentsOf: predicted[(r * dy)..<((r + 1) * dy)])
        }
        return SampleTable(header: header, values: values)
    }

    /// The counts N `grid(_:)` accepts.
    public static let gridCounts = 1...10_000_000

    /// Parses `START:END:N` into N evenly spaced values from START to END, both included;
    /// nil unless START and END are finite and N is in `gridCounts`.
    public static func grid(_ text: String) -> [Float]? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Float(parts[0]), let b = Float(parts[1]), let n = Int(parts[2]),
            a.isFinite, b.isFinite, gridCounts.contains(n)
        else { return nil }
        if n == 1 { return [a] }
        // In Double: END - START of two finite floats can overflow Float (-3e38:3e38).
        let (start, step) = (Double(a), (Double(b) - Double(a)) / Double(n - 1))
        return (0..<n).map { i in i == n - 1 ? b : Float(start + step * Double(i)) }
    }
}
