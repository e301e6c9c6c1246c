/// Points in the plane as two arrays: a data set, a curve on an x grid, samples.
public struct XYPoints: Sendable, Equatable {
    /// x of each point.
    public var xs: [Float]
    /// y of each point.
    public var ys: [Float]

    /// Points from matching arrays.
    public init(xs: [Float], ys: [Float]) {
        precondition(xs.count == ys.count, "x and y arrays must have equal counts (\(xs.count) vs \(ys.count))")
        self.xs = xs
        self.ys = ys
    }

    /// No points.
    public static let empty = XYPoints(xs: [], ys: [])

    /// Whether there are no points.
    public var isEmpty: Bool { xs.isEmpty }

    /// The smallest interval holding every finite x, or nil when there is none.
    public var xExtent: ClosedRange<Float>? { Self.extent(xs) }

    /// The smallest interval holding every finite y, or nil when there is none.
    public var yExtent: ClosedRange<Float>? { Self.extent(ys) }

    /// The smallest interval holding the finite values, or nil.
    static func extent(_ values: [Float]) -> ClosedRange<Float>? {
        var lo = Float.infinity
        var hi = -Float.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? lo...hi : nil
    }
}
