#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A legend entry: sample glyph, its role, and the label.
struct LegendEntry: Sendable {
    var glyph: Unicode.Scalar
    var role: StyleRole
    var label: String
    /// What kind of mark the entry shows (for vector exports).
    var mark: Mark
    enum Mark: Sendable { case points, line, dashed, area }
}

extension Layer {
    /// The legend entry for this layer on `canvas`, if it has a label (control characters
    /// in the label escaped).
    func legendEntry(canvas: CanvasKind) -> LegendEntry? {
        guard let label, !label.isEmpty else { return nil }
        let text = VisibleText.escaped(label)
        switch self {
        case .points(_, _, let style, _):
            let g: Unicode.Scalar
            switch canvas {
            case .braille: g = "\u{2836}"
            case .block: g = "\u{259A}"
            case .ascii: g = style.glyph
            }
            return LegendEntry(glyph: g, role: style.role, label: text, mark: .points)
        case .curve(_, _, let style, _), .styledCurve(_, _, _, let style, _):
            let g: Unicode.Scalar = canvas == .braille ? "\u{2824}" : (canvas == .block ? "\u{2584}" : style.glyph)
            return LegendEntry(glyph: g, role: style.role, label: text, mark: .line)
        case .hline(_, let style, _):
            return LegendEntry(
                glyph: canvas == .ascii ? style.glyph : "\u{2504}", role: style.role, label: text, mark: .dashed)
        case .density, .heatmap:
            return LegendEntry(
                glyph: canvas == .ascii ? ":" : "\u{2592}", role: .density(level: 5), label: text, mark: .area)
        }
    }
}

/// The resolved axes of one panel for a plot area of a given size in cells.
struct PanelAxes: Sendable {
    var x: AxisMap
    var y: AxisMap

    /// Resolves ranges for a plot area `width` x `height` cells (equal aspect uses a cell
    /// that is twice as tall as wide).
    static func resolve(_ panel: Panel, xExtent: Extent, yExtent: Extent, width: Double, height: Double) -> PanelAxes {
        var xr = AxisResolver.base(panel.x, extent: xExtent)
        var yr = AxisResolver.base(panel.y, extent: yExtent)
        if panel.equalAspect && panel.x.scale == .linear && panel.y.scale == .linear {
            (xr, yr) = AxisResolver.equalAspect(x: xr, y: yr, width: width, height: 2 * height)
        }
        return PanelAxes(
            x: AxisMap(lo: xr.0, hi: xr.1, log: panel.x.scale == .log10),
            y: AxisMap(lo: yr.0, hi: yr.1, log: panel.y.scale == .log10))
    }
}

/// Draws one panel into a rectangle of a CellGrid.
struct PanelRenderer {
    let panel: Panel
    let data: PanelData
    let xExtent: Extent
    let yExtent: Extent
    let canvas: CanvasKind
    let options: RenderOptions
    /// The y tick label column is at least this wide (aligns stacked panels' x axes).
    var minLabelWidth = 0

    /// Shade glyphs by level quarter.
    static let shades: [Unicode.Scalar] = ["\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"]

    /// The shade glyph for a density level, when `RenderOptions.shadeGlyphs` asks for one.
    @inline(__always) func shadeGlyph(_ level: UInt8) -> Unicode.Scalar? {
        options.shadeGlyphs ? PanelRenderer.shades[Int(level) * 4 / Int(Palette.densityLevels)] : nil
    }

    /// Rows of a panel `h` cells tall, top to bottom: header, plot, axis and tick labels (2),
    /// x label, legend. The legend, then the x label, give way while the plot has < 2 rows.
    struct Rows {
        var header: Int, plot: Int, xLabel: Int, legend: Int

        init(_ panel: Panel, height h: Int, hasLegend: Bool, hasNote: Bool) {
            header = (panel.title.isEmpty && panel.y.label.isEmpty && !hasNote) ? 0 : 1
            legend = hasLegend ? 1 : 0
            xLabel = panel.x.label.isEmpty ? 0 : 1
            plot = h - header - 2 - xLabel - legend
            if plot < 2 {
                legend = 0
                plot = h - header - 2 - xLabel
            }
            if plot < 2 {
                xLabel = 0
                plot = h - header - 2
            }
        }
    }

    /// The resolved axes, y ticks and y tick label width for a panel `w` cells wide with
    /// `plotRows` rows of plot, or nil when no canvas column or row is left.
    func fitYAxis(width w: Int, plotRows: Int) -> (axes: PanelAxes, yTicks: [Tick], labelWidth: Int)? {
        guard plotRows >= 1 else { return nil }
        // Resolve ranges and y ticks; the y label width depends on the ticks, which depend on
        // the range, which (with equal aspect) depends on the canvas width: iterate twice.
        // yTicks always belong to the current axes, so they are fitted once per resolve.
        var labelWidth = minLabelWidth
        var axes = PanelAxes.resolve(
            panel, xExtent: xExtent, yExtent: yExtent,
            width: Double(max(1, w - 1)), height: Double(plotRows))
        var yTicks = TickFitter.vertical(axes.y, cells: plotRows)
        for _ in 0..<2 {
            let lw = max(minLabelWidth, yTicks.map { $0.label.unicodeScalars.count }.max() ?? 0)
            if lw == labelWidth && !yTicks.isEmpty { break }
            labelWidth = lw
            axes = PanelAxes.resolve(
                panel, xExtent: xExtent, yExtent: yExtent,
                width: Double(max(1, w - labelWidth - 1)), height: Double(plotRows))
            yTicks = TickFitter.vertical(axes.y, cells: plotRows)
        }
        labelWidth = max(labelWidth, yTicks.map { $0.label.unicodeScalars.count }.max() ?? 0)
        guard w - labelWidth - 1 >= 1 else { return nil }
        return (axes, yTicks, labelWidth)
    }

    /// The width of the y tick label column `draw` would use in a `w` x `h` rectangle (0 if
    /// nothing fit), without drawing.
    func labelWidth(width w: Int, height h: Int) -> Int {
        let hasLegend = panel.showLegend && panel.layers.contains { $0.legendEntry(canvas: canvas) != nil }
        let rows = Rows(panel, height: h, hasLegend: hasLegend, hasNote: data.skipped > 0)
        return fitYAxis(width: w, plotRows: rows.plot)?.labelWidth ?? 0
    }

    /// Where a panel's canvas sits in the grid, in cells.
    struct PlotArea {
        /// The canvas's left column and top row.
        let x0: Int, y0: Int
        /// The canvas's size.
        let width: Int, rows: Int
        /// The panel's right and bottom edges (exclusive): text is clipped there.
        let right: Int, bottom: Int
        /// Width of the y tick label column, left of the axis.
        let labelWidth: Int
        /// The y axis column and the x axis row.
        var axisCol: Int { x0 - 1 }
        var axisRow: Int { y0 + rows }
    }

    /// Draws the panel (only its header when no plot fits).
    func draw(into grid: inout CellGrid, x px: Int, y py: Int, width w: Int, height h: Int) {
        let legend = panel.showLegend ? panel.layers.compactMap { $0.legendEntry(canvas: canvas) } : []
        let skippedNote = data.skipped > 0 ? "\(data.skipped) skipped" : ""
        let rows = Rows(panel, height: h, hasLegend: !legend.isEmpty, hasNote: !skippedNote.isEmpty)
        if rows.header > 0 { drawHeader(&grid, px, py, w, skippedNote) }
        guard let (axes, yTicks, labelWidth) = fitYAxis(width: w, plotRows: rows.plot) else { return }
        let area = PlotArea(
            x0: px + labelWidth + 1, y0: py + rows.header, width: w - labelWidth - 1, rows: rows.plot,
            right: px + w, bottom: py + h, labelWidth: labelWidth)
        var dots = DotCanvas(kind: canvas, width: area.width, height: area.rows)
        drawLayers(&dots, axes)
        dots.compose(into: &grid, x: area.x0, y: area.y0)
        drawAxes(&grid, area, axes, yTicks: yTicks)
        drawXLabelAndLegend(&grid, area, showXLabel: rows.xLabel > 0, legend: rows.legend > 0 ? legend : [])
    }

    /// The axis lines, tick marks and tick labels (box drawing, or ASCII on ASCII canvases).
    private func drawAxes(_ grid: inout CellGrid, _ area: PlotArea, _ axes: PanelAxes, yTicks: [Tick]) {
        let ascii = canvas == .ascii
        let vertical: Unicode.Scalar = ascii ? "|" : "\u{2502}"
        let yTick: Unicode.Scalar = ascii ? "+" : "\u{2524}"
        let horizontal: Unicode.Scalar = ascii ? "-" : "\u{2500}"
        let xTick: Unicode.Scalar = ascii ? "+" : "\u{252C}"
        let corner: Unicode.Scalar = ascii ? "+" : "\u{2514}"
        for r in 0..<area.rows { set(&grid, area.axisCol, area.y0 + r, vertical, .axis) }
        set(&grid, area.axisCol, area.axisRow, corner, .axis)
        for c in 0..<area.width { set(&grid, area.x0 + c, area.axisRow, horizontal, .axis) }
        for t in yTicks {
            let row = area.rows - 1 - TickFitter.cell(axes.y.fraction(tick: t.value), cells: area.rows)
            set(&grid, area.axisCol, area.y0 + row, yTick, .axis)
            let len = t.label.unicodeScalars.count
            put(&grid, t.label, area.axisCol - len, area.y0 + row, .text, limit: area.axisCol)
        }
        let xTicks = TickFitter.horizontal(axes.x, cells: area.width, overhang: area.labelWidth + 1)
        let starts = TickFitter.labelStarts(xTicks, axes.x, cells: area.width, overhang: area.labelWidth + 1)
        for (t, s) in zip(xTicks, starts) {
            let col = TickFitter.cell(axes.x.fraction(tick: t.value), cells: area.width)
            set(&grid, area.x0 + col, area.axisRow, xTick, .axis)
            if area.axisRow + 1 < area.bottom {
                put(&grid, t.label, area.x0 + s, area.axisRow + 1, .text, limit: area.right)
            }
        }
    }

    /// The x axis label (centred) and the legend, in the rows below the tick labels.
    private func drawXLabelAndLegend(
        _ grid: inout CellGrid, _ area: PlotArea, showXLabel: Bool, legend: [LegendEntry]
    ) {
        var row = area.axisRow + 2
        if showXLabel && row < area.bottom {
            let len = panel.x.label.unicodeScalars.count
            put(&grid, panel.x.label, area.x0 + max(0, (area.width - len) / 2), row, .dimText, limit: area.right)
            row += 1
        }
        guard !legend.isEmpty && row < area.bottom else { return }
        var col = area.x0
        for e in legend {
            set(&grid, col, row, e.glyph, e.role)
            put(&grid, e.label, col + 2, row, .text, limit: area.right)
            col += 2 + e.label.unicodeScalars.count + 3
            if col >= area.right { break }
        }
    }

    private func drawHeader(_ grid: inout CellGrid, _ px: Int, _ py: Int, _ w: Int, _ note: String) {
        let ylab = panel.y.label
        let title = panel.title
        put(&grid, ylab, px, py, .dimText, limit: px + w)
        var end = px + ylab.unicodeScalars.count
        if !title.isEmpty {
            let len = title.unicodeScalars.count
            let start = max(px + (w - len) / 2, ylab.isEmpty ? px : end + 2)
            put(&grid, title, start, py, .title, limit: px + w)
            end = start + len
        }
        if !note.isEmpty {
            let len = note.unicodeScalars.count
            let start = max(px + w - len, end + 1)
            put(&grid, note, start, py, .warning, limit: px + w)
        }
    }

    @inline(__always) private func set(
        _ grid: inout CellGrid, _ x: Int, _ y: Int, _ g: Unicode.Scalar, _ role: StyleRole
    ) {
        guard x >= 0 && x < grid.width && y >= 0 && y < grid.height else { return }
        grid[x, y] = Cell(glyph: g, foreground: role, background: nil)
    }

    private func put(_ grid: inout CellGrid, _ text: String, _ x: Int, _ y: Int, _ role: StyleRole, limit: Int) {
        var col = x
        for s in text.unicodeScalars {
            if col >= limit { break }
            set(&grid, col, y, s, role)
            col += 1
        }
    }

    // MARK: layers

    func drawLayers(_ dots: inout DotCanvas, _ axes: PanelAxes) {
        for layer in Layer.inDrawOrder(data.layers) {
            switch layer {
            case .heatmap(let hm): drawHeatmap(&dots, axes, hm)
            case .density(let xs, let ys, let levels, _): drawDensity(&dots, axes, xs, ys, levels)
            case .points(let xs, let ys, let style, _): drawPoints(&dots, axes, xs, ys, style.role, style.glyph)
            case .hline(let v, let style, _): drawHLine(&dots, axes, v, style)
            case .curve(let xs, let ys, let style, _):
                drawCurve(&dots, axes, xs, ys, glyph: style.glyph) { _ in style.role }
            case .styledCurve(let xs, let ys, let roles, let style, _):
                drawCurve(&dots, axes, xs, ys, glyph: style.glyph) { i in i < roles.count ? roles[i] : style.role }
            }
        }
    }

    /// Dot coordinates (x from the left, y from the bottom) for plot units, or nil outside.
    /// Computed in Double so extreme Float ranges (near ±3e38) cannot overflow.
    struct DotMap {
        let x0: Double, y0: Double, sx: Double, sy: Double, w: Int, h: Int
        init(_ axes: PanelAxes, _ dots: DotCanvas) {
            w = dots.dotWidth
            h = dots.dotHeight
            x0 = axes.x.lo
            y0 = axes.y.lo
            sx = Double(w) / (axes.x.hi - axes.x.lo)
            sy = Double(h) / (axes.y.hi - axes.y.lo)
        }
        /// Position in dots (x from the left, y from the bottom), not clipped.
        @inline(__always) func position(_ a: Float, _ b: Float) -> (Double, Double) {
            ((Double(a) - x0) * sx, (Double(b) - y0) * sy)
        }
        @inline(__always) func dot(_ a: Float, _ b: Float) -> (Int, Int)? {
            let (fx, fy) = position(a, b)
            // A small tolerance keeps points that sit exactly on the range ends despite rounding.
            guard fx > -1e-3 && fy > -1e-3 && fx < Double(w) + 1e-3 && fy < Double(h) + 1e-3 else { return nil }
            let dx = max(0, min(Int(fx), w - 1))
            let dyb = max(0, min(Int(fy), h - 1))
            return (dx, h - 1 - dyb)
        }
    }

    func drawPoints(
        _ dots: inout DotCanvas, _ axes: PanelAxes, _ xs: [Float], _ ys: [Float], _ role: StyleRole, _ g: Unicode.Scalar
    ) {
        let map = DotMap(axes, dots)
        xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
                for i in 0..<min(px.count, py.count) {
                    let a = px[i]
                    let b = py[i]
                    guard a.isFinite && b.isFinite, let (dx, dy) = map.dot(a, b) else { continue }
                    dots.set(dx, dy, role: role, glyph: g)
                }
            }
        }
    }

    func drawCurve(
        _ dots: inout DotCanvas, _ axes: PanelAxes, _ xs: [Float], _ ys: [Float], glyph: Unicode.Scalar,
        role: (Int) -> StyleRole
    ) {
        let map = DotMap(axes, dots)
        let n = min(xs.count, ys.count)
        guard n > 0 else { return }
        let w = Double(map.w)
        let h = Double(map.h)
        @inline(__always) func fp(_ i: Int) -> (Double, Double) { map.position(xs[i], ys[i]) }
        if n == 1, xs[0].isFinite, ys[0].isFinite, let (dx, dy) = map.dot(xs[0], ys[0]) {
            dots.set(dx, dy, role: role(0), glyph: glyph)
        }
        for i in 0..<(n - 1) {
            guard xs[i].isFinite, ys[i].isFinite, xs[i + 1].isFinite, ys[i + 1].isFinite else { continue }
            let r = role(i)
            let (ax, ay) = fp(i)
            let (bx, by) = fp(i + 1)
            guard let (c0, c1) = Clip.segment(ax, ay, bx, by, w: w, h: h) else { continue }
            func q(_ p: (Double, Double)) -> (Int, Int) {
                let x = min(Int(p.0), map.w - 1)
                let yb = min(Int(p.1), map.h - 1)
                return (max(0, x), map.h - 1 - max(0, yb))
            }
            let s = q(c0)
            let e = q(c1)
            dots.line(s.0, s.1, e.0, e.1, role: r, glyph: glyph)
        }
    }

    func drawHLine(_ dots: inout DotCanvas, _ axes: PanelAxes, _ v: Float, _ style: SeriesStyle) {
        let map = DotMap(axes, dots)
        guard v.isFinite, let (_, dy) = map.dot(Float(map.x0), v) else { return }
        let dashed = canvas != .ascii
        for x in 0..<map.w where !dashed || x % 4 < 2 { dots.set(x, dy, role: style.role, glyph: style.glyph) }
    }

    func drawDensity(_ dots: inout DotCanvas, _ axes: PanelAxes, _ xs: [Float], _ ys: [Float], _ levels: Int) {
        let cellsWide = dots.width
        let cellsHigh = dots.height
        guard cellsWide > 0 && cellsHigh > 0 else { return }
        let map = DotMap(axes, dots)
        var counts = [Int32](repeating: 0, count: cellsWide * cellsHigh)
        let dxc = canvas.dotsPerColumn
        let dyc = canvas.dotsPerRow
        for i in 0..<min(xs.count, ys.count) {
            guard xs[i].isFinite && ys[i].isFinite, let (dx, dy) = map.dot(xs[i], ys[i]) else { continue }
            counts[(dy / dyc) * cellsWide + dx / dxc] += 1
        }
        let top = counts.max() ?? 0
        guard top > 0 else { return }
        let scale = DensityScale(top: Int(top), levels: levels)
        for cy in 0..<cellsHigh {
            for cx in 0..<cellsWide {
                let c = counts[cy * cellsWide + cx]
                guard c > 0 else { continue }
                let level = scale.level(Int(c))
                dots.setBackground(cx, cy, role: .density(level: level), shadeGlyph: shadeGlyph(level))
            }
        }
    }

    func drawHeatmap(_ dots: inout DotCanvas, _ axes: PanelAxes, _ hm: Heatmap) {
        let cellsWide = dots.width
        let cellsHigh = dots.height
        guard cellsWide > 0 && cellsHigh > 0 else { return }
        let scales = hm.scales()
        let hx0 = Double(hm.xRange.lowerBound)
        let hx1 = Double(hm.xRange.upperBound)
        let hy0 = Double(hm.yRange.lowerBound)
        let hy1 = Double(hm.yRange.upperBound)
        guard hx1 > hx0 && hy1 > hy0 else { return }
        // Grid column for each canvas column, grid row for each canvas row (-1 outside).
        var colIndex = [Int](repeating: -1, count: cellsWide)
        for cx in 0..<cellsWide {
            let xc = axes.x.lo + (Double(cx) + 0.5) / Double(cellsWide) * (axes.x.hi - axes.x.lo)
            let f = (xc - hx0) / (hx1 - hx0)
            if f >= 0 && f < 1 { colIndex[cx] = min(hm.columns - 1, Int(f * Double(hm.columns))) }
        }
        var rowIndex = [Int](repeating: -1, count: cellsHigh)
        for cy in 0..<cellsHigh {
            let yc = axes.y.hi - (Double(cy) + 0.5) / Double(cellsHigh) * (axes.y.hi - axes.y.lo)
            let f = (yc - hy0) / (hy1 - hy0)
            if f >= 0 && f < 1 { rowIndex[cy] = min(hm.rows - 1, Int(f * Double(hm.rows))) }
        }
        hm.values.withUnsafeBufferPointer { v in
            for cy in 0..<cellsHigh {
                let r = rowIndex[cy]
                guard r >= 0 else { continue }
                let base = r * hm.columns
                for cx in 0..<cellsWide {
                    let c = colIndex[cx]
                    guard c >= 0 else { continue }
                    let value = v[base + c]
                    guard value.isFinite, let level = Heatmap.level(value * scales[c]) else { continue }
                    dots.setBackground(cx, cy, role: .density(level: level), shadeGlyph: shadeGlyph(level))
                }
            }
        }
    }
}

/// Point counts to density levels: log-scaled so sparse cells stay visible, in `levels`
/// steps spread over 0..<Palette.densityLevels (one step: the top level).
struct DensityScale {
    let steps: Int
    /// log(1 + the largest count).
    let denom: Double

    init(top: Int, levels: Int) {
        steps = max(1, levels)
        denom = log(1 + Double(top))
    }

    /// The level of a cell holding `count` > 0 points.
    @inline(__always) func level(_ count: Int) -> UInt8 {
        let n = Int(Palette.densityLevels)
        let step = min(steps - 1, Int(log(1 + Double(count)) / denom * Double(steps)))
        return UInt8(steps == 1 ? n - 1 : step * (n - 1) / (steps - 1))
    }
}

/// Liang-Barsky clipping of a segment to the rectangle [0, w] x [0, h].
enum Clip {
    static func segment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, w: Double, h: Double)
        -> ((Double, Double), (Double, Double))?
    {
        var t0 = 0.0
        var t1 = 1.0
        let dx = x1 - x0
        let dy = y1 - y0
        for (p, q) in [(-dx, x0), (dx, w - x0), (-dy, y0), (dy, h - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 {
                    if r > t1 { return nil }
                    if r > t0 { t0 = r }
                } else {
                    if r < t0 { return nil }
                    if r < t1 { t1 = r }
                }
            }
        }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }
}
