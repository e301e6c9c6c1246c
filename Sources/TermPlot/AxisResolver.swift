#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finite bounds of the data on one axis, in plot units (log10 of the value on log axes).
struct Extent: Sendable {
    var lo = Float.infinity
    var hi = -Float.infinity
    var isEmpty: Bool { lo > hi }
    @inline(__always) mutating func add(_ v: Float) {
        if v < lo { lo = v }
        if v > hi { hi = v }
    }
    mutating func formUnion(_ o: Extent) {
        if o.lo < lo { lo = o.lo }
        if o.hi > hi { hi = o.hi }
    }
}

/// A panel's layers in plot units, with its extents and the number of skipped points.
struct PanelData: Sendable {
    var layers: [Layer]
    var x = Extent()
    var y = Extent()
    /// Points skipped because a coordinate was NaN, infinite, or not positive on a log axis.
    var skipped = 0

    init(_ panel: Panel) {
        let xLog = panel.x.scale == .log10
        let yLog = panel.y.scale == .log10
        layers = panel.layers.map { PanelData.transform($0, xLog: xLog, yLog: yLog) }
        for layer in layers {
            switch layer {
            case .points(let xs, let ys, _, _), .curve(let xs, let ys, _, _),
                .styledCurve(let xs, let ys, _, _, _), .density(let xs, let ys, _, _):
                scan(xs, ys)
            case .heatmap(let h):
                x.add(h.xRange.lowerBound)
                x.add(h.xRange.upperBound)
                y.add(h.yRange.lowerBound)
                y.add(h.yRange.upperBound)
            case .hline(let v, _, _):
                if v.isFinite { y.add(v) }
            case .vline(let v, _, _):
                if v.isFinite { x.add(v) }
            case .field(let f):
                // A field is drawn over whatever range the other layers give; only its
                // domains, when set, widen an auto range.
                if let d = f.xDomain {
                    x.add(d.lowerBound)
                    x.add(d.upperBound)
                }
                if let d = f.yDomain {
                    y.add(d.lowerBound)
                    y.add(d.upperBound)
                }
            case .bars(let b):
                guard let first = b.edges.first, let last = b.edges.last, first.isFinite, last.isFinite else { break }
                y.add(first)
                y.add(last)
                x.add(0)
                for v in b.values where v.isFinite { x.add(v) }
            }
        }
    }

    private mutating func scan(_ xs: [Float], _ ys: [Float]) {
        precondition(xs.count == ys.count, "Layer xs and ys must have the same count")
        var ex = x
        var ey = y
        var bad = 0
        xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
                for i in 0..<px.count {
                    let a = px[i]
                    let b = py[i]
                    if a.isFinite && b.isFinite {
                        ex.add(a)
                        ey.add(b)
                    } else {
                        bad += 1
                    }
                }
            }
        }
        x = ex
        y = ey
        skipped += bad
    }

    /// The layer with log10 applied on log axes (non-positive values become NaN).
    static func transform(_ layer: Layer, xLog: Bool, yLog: Bool) -> Layer {
        guard xLog || yLog else { return layer }
        func tx(_ v: [Float]) -> [Float] { xLog ? v.map { $0 > 0 ? log10f($0) : .nan } : v }
        func ty(_ v: [Float]) -> [Float] { yLog ? v.map { $0 > 0 ? log10f($0) : .nan } : v }
        func tr(_ r: ClosedRange<Float>, _ log: Bool) -> ClosedRange<Float> {
            guard log else { return r }
            let a = r.lowerBound > 0 ? log10f(r.lowerBound) : -30
            let b = r.upperBound > 0 ? log10f(r.upperBound) : -30
            return min(a, b)...max(a, b)
        }
        switch layer {
        case .points(let xs, let ys, let s, let l): return .points(xs: tx(xs), ys: ty(ys), style: s, label: l)
        case .curve(let xs, let ys, let s, let l): return .curve(xs: tx(xs), ys: ty(ys), style: s, label: l)
        case .styledCurve(let xs, let ys, let rs, let s, let l):
            return .styledCurve(xs: tx(xs), ys: ty(ys), segmentRoles: rs, style: s, label: l)
        case .density(let xs, let ys, let n, let l): return .density(xs: tx(xs), ys: ty(ys), levels: n, label: l)
        case .heatmap(var h):
            h.xRange = tr(h.xRange, xLog)
            h.yRange = tr(h.yRange, yLog)
            return .heatmap(h)
        case .hline(let v, let s, let l): return .hline(y: yLog ? (v > 0 ? log10f(v) : .nan) : v, style: s, label: l)
        case .vline(let v, let s, let l): return .vline(x: xLog ? (v > 0 ? log10f(v) : .nan) : v, style: s, label: l)
        case .field, .bars:
            // Fields and bars are drawn on linear axes only (log axes leave them as they are).
            return layer
        }
    }
}

/// A resolved axis: the plotted interval in plot units and its ticks.
struct AxisMap: Sendable {
    var lo: Double
    var hi: Double
    var log: Bool
    /// Fraction along the axis of a plot-unit coordinate.
    @inline(__always) func fraction(_ t: Double) -> Double { (t - lo) / (hi - lo) }
    /// Fraction along the axis of a tick value (data units).
    func fraction(tick value: Double) -> Double { fraction(log ? log10(value) : value) }
    /// Ticks with at most `maxCount` entries.
    func ticks(maxCount: Int) -> [Tick] {
        log
            ? NiceTicks.logTicks(lo: lo, hi: hi, maxCount: maxCount)
            : NiceTicks.ticks(lo: lo, hi: hi, maxCount: maxCount)
    }
}

/// Turns axes + data extents into plotted intervals: fixed or auto, degenerate ranges
/// widened, equal aspect applied.
enum AxisResolver {
    /// The interval for one axis, in plot units.
    static func base(_ axis: Axis, extent: Extent) -> (Double, Double) {
        let log = axis.scale == .log10
        var lo: Double
        var hi: Double
        switch axis.range {
        case .fixed(let a, let b) where a.isFinite && b.isFinite && (!log || (a > 0 && b > 0)):
            lo = Double(min(a, b))
            hi = Double(max(a, b))
            if log {
                lo = log10(lo)
                hi = log10(hi)
            }
        default:
            if extent.isEmpty { (lo, hi) = (0, 1) } else { (lo, hi) = (Double(extent.lo), Double(extent.hi)) }
            let pad = Double(max(0, axis.padding)) * (hi - lo)
            (lo, hi) = (lo - pad, hi + pad)
        }
        let span = hi - lo
        if !(span > max(abs(lo), abs(hi)) * 1e-6) {
            let c = (lo + hi) / 2
            let pad = log ? 0.5 : (c == 0 ? 1 : abs(c) * 0.1)
            (lo, hi) = (c - pad, c + pad)
        }
        return (lo, hi)
    }

    /// The ranges under `rule`: `.equal` widens as `equalAspect` does; `.equalIfCheap` does
    /// so only while the widened axis keeps at least 1 - maxUnused of its length in use.
    static func apply(
        _ rule: AspectRule, x: (Double, Double), y: (Double, Double), width: Double, height: Double
    ) -> ((Double, Double), (Double, Double)) {
        switch rule {
        case .free: return (x, y)
        case .equal: return equalAspect(x: x, y: y, width: width, height: height)
        case .equalIfCheap(let maxUnused):
            let (ex, ey) = equalAspect(x: x, y: y, width: width, height: height)
            let used = min((x.1 - x.0) / (ex.1 - ex.0), (y.1 - y.0) / (ey.1 - ey.0))
            return 1 - used <= maxUnused + 1e-9 ? (ex, ey) : (x, y)
        }
    }

    /// Widens x or y so one plot unit has the same physical length on both axes, for a plot
    /// `width` by `height` physical units (a cell is 1 wide and 2 tall).
    static func equalAspect(x: (Double, Double), y: (Double, Double), width: Double, height: Double)
        -> ((Double, Double), (Double, Double))
    {
        guard width > 0 && height > 0 else { return (x, y) }
        let ux = (x.1 - x.0) / width
        let uy = (y.1 - y.0) / height
        if ux > uy {
            let c = (y.0 + y.1) / 2
            let h = ux * height / 2
            return (x, (c - h, c + h))
        } else {
            let c = (x.0 + x.1) / 2
            let h = uy * width / 2
            return ((c - h, c + h), y)
        }
    }
}
