#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A legend entry: its sample (one to three glyphs), their roles, and the label.
struct LegendEntry: Sendable {
    var glyphs: [Unicode.Scalar]
    var role: StyleRole
    /// The sample's background role (a backdrop's tint, bars), if any.
    var background: StyleRole? = nil
    var label: String
    /// What kind of mark the entry shows (for vector exports).
    var mark: Mark
    /// The series' line pattern (curves) or point mark (points), for vector exports.
    var pattern: LinePattern = .solid
    var pointMark: PointMark = .dot
    /// Index of the layer in the panel's list (for per-layer counts such as points outside).
    var layer: Int = -1
    enum Mark: Sendable { case points, line, dashed, vertical, area, colorBar }
}

/// The values a colour bar spans: the shading ramp's bottom and top, linear or log, and
/// whether they are relative to each column's maximum.
struct ColorBarScale: Sendable {
    var lo: Double
    var hi: Double
    var log: Bool
    var relative: Bool

    /// The scale of `heatmap` as drawn (after normalisation).
    init(_ heatmap: Heatmap) {
        relative = heatmap.normalise == .perColumn
        let top = relative ? 1 : Double(heatmap.maximum)
        switch heatmap.scale {
        case .linear:
            (lo, hi, log) = (0, top, false)
        case .log(let ratio):
            (lo, hi, log) = (top / Double(max(ratio, 1)), top, true)
        }
    }

    /// The value at position `t` (0...1) along the bar.
    func value(at t: Double) -> Double { log && lo > 0 ? lo * pow(hi / lo, t) : lo + (hi - lo) * t }

    /// "0", "1.85" labels for the ends.
    var loLabel: String { TickFormat.significant(lo, digits: 2) }
    var hiLabel: String { TickFormat.significant(hi, digits: 3) }
    /// " (÷ column max)" for a relative bar, "" else; "(log)" noted for log bars.
    var note: String { (relative ? " \u{F7} column max" : "") + (log ? ", log" : "") }
    var asciiNote: String { (relative ? " / column max" : "") + (log ? ", log" : "") }
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
            switch (canvas, style.mark) {
            case (.braille, .dot): g = "\u{280A}"
            case (.braille, .pair): g = "\u{281B}"
            case (.block, .dot): g = "\u{2596}"
            case (.block, .pair): g = "\u{2584}"
            case (.ascii, _): g = style.glyph
            }
            return LegendEntry(
                glyphs: [g], role: style.role, background: style.tint, label: text, mark: .points,
                pointMark: style.mark)
        case .curve(_, _, let style, _), .styledCurve(_, _, _, let style, _):
            let on: Unicode.Scalar
            let dot: Unicode.Scalar
            switch canvas {
            case .braille: (on, dot) = ("\u{2824}", "\u{2804}")
            case .block: (on, dot) = ("\u{2584}", "\u{2596}")
            case .ascii: (on, dot) = (style.glyph, style.glyph)
            }
            let gap: Unicode.Scalar = canvas == .braille ? "\u{2800}" : " "
            let glyphs: [Unicode.Scalar]
            switch style.pattern {
            case .solid: glyphs = [on, on, on]
            case .dashed: glyphs = [on, gap, on]
            case .dotted: glyphs = [dot, dot, dot]
            }
            return LegendEntry(glyphs: glyphs, role: style.role, label: text, mark: .line, pattern: style.pattern)
        case .hline(_, let style, _):
            let g: Unicode.Scalar = canvas == .ascii ? style.glyph : "\u{2504}"
            return LegendEntry(glyphs: [g, g], role: style.role, label: text, mark: .dashed)
        case .vline(_, let style, _):
            return LegendEntry(
                glyphs: [canvas == .ascii ? "|" : "\u{2502}"], role: style.role, label: text, mark: .vertical)
        case .bars(let b):
            return LegendEntry(
                glyphs: [canvas == .ascii ? b.style.glyph : " ", canvas == .ascii ? b.style.glyph : " "],
                role: b.style.role, background: b.style.role, label: text, mark: .area)
        case .heatmap(let h) where h.colorBar:
            return LegendEntry(glyphs: [], role: .density(level: 5), label: text, mark: .colorBar)
        case .field(let f) where f.colorBar:
            return LegendEntry(glyphs: [], role: .density(level: 5), label: text, mark: .colorBar)
        case .density, .heatmap, .field:
            return LegendEntry(
                glyphs: [canvas == .ascii ? ":" : "\u{2592}"], role: .density(level: 5), label: text, mark: .area)
        }
    }
}

/// The labelled layers' legend entries (each knowing its layer's index).
func legendEntries(_ layers: [Layer], canvas: CanvasKind) -> [LegendEntry] {
    layers.enumerated().compactMap { i, layer in
        guard var e = layer.legendEntry(canvas: canvas) else { return nil }
        e.layer = i
        return e
    }
}

/// Finite points of a layer that fall outside the plotted ranges.
func pointsOutside(_ xs: [Float], _ ys: [Float], _ axes: PanelAxes) -> Int {
    let x0 = axes.x.lo
    let x1 = axes.x.hi
    let y0 = axes.y.lo
    let y1 = axes.y.hi
    // The same tolerance as the dot map: a point exactly on a range end is inside.
    let tx = (x1 - x0) * 1e-6
    let ty = (y1 - y0) * 1e-6
    var n = 0
    for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite {
        let a = Double(xs[i])
        let b = Double(ys[i])
        if a < x0 - tx || a > x1 + tx || b < y0 - ty || b > y1 + ty { n += 1 }
    }
    return n
}

/// What drawing a panel's layers found out: points outside per layer, and the heatmap
/// behind a colour bar.
struct LayerStats: Sendable {
    var outside: [Int: Int] = [:]
    var colorBar: ColorBarScale? = nil

    /// `entry`'s label with " (N outside)" when its layer had points outside.
    func label(_ entry: LegendEntry) -> String {
        guard let n = outside[entry.layer], n > 0 else { return entry.label }
        return entry.label + " (\(n) outside)"
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
        if panel.x.scale == .linear && panel.y.scale == .linear {
            (xr, yr) = AxisResolver.apply(panel.aspect, x: xr, y: yr, width: width, height: 2 * height)
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
    /// At least this many rows above and below the plot (aligns side-by-side panels that
    /// share y, whatever their legends and notes).
    var minHeaderRows = 0
    var minBottomRows = 0

    /// Shade glyphs by level quarter.
    static let shades: [Unicode.Scalar] = ["\u{2591}", "\u{2592}", "\u{2593}", "\u{2588}"]
    /// Shade glyphs by level quarter on ASCII canvases.
    static let asciiShades: [Unicode.Scalar] = [".", ":", "*", "#"]

    /// The shade glyph for a density level on `canvas` (always, whether or not the options ask).
    @inline(__always) static func shadeGlyph(_ level: UInt8, canvas: CanvasKind) -> Unicode.Scalar {
        (canvas == .ascii ? asciiShades : shades)[Int(level) * 4 / Int(Palette.densityLevels)]
    }

    /// The shade glyph for a density level, when `RenderOptions.shadeGlyphs` asks for one.
    @inline(__always) func shadeGlyph(_ level: UInt8) -> Unicode.Scalar? {
        options.shadeGlyphs ? PanelRenderer.shadeGlyph(level, canvas: canvas) : nil
    }

    /// Rows of a panel `h` cells tall, top to bottom: header, plot, axis and tick labels (2),
    /// x label, legend, notes. The legend, then the x label, then the notes (from the last)
    /// give way while the plot has < 2 rows.
    struct Rows {
        var header: Int, plot: Int, xLabel: Int, legend: Int, notes: Int

        /// Rows below the plot.
        var bottom: Int { 2 + xLabel + legend + notes }

        init(_ panel: Panel, height h: Int, hasLegend: Bool, hasNote: Bool, minHeader: Int = 0, minBottom: Int = 0) {
            self.init(panel, height: h, hasLegend: hasLegend, hasNote: hasNote)
            let extraTop = max(0, minHeader - header)
            let extraBottom = max(0, minBottom - bottom)
            if plot - extraTop - extraBottom >= 2 {
                header += extraTop
                plot -= extraTop + extraBottom
            }
        }

        init(_ panel: Panel, height h: Int, hasLegend: Bool, hasNote: Bool) {
            header = (panel.title.isEmpty && panel.y.label.isEmpty && !hasNote) ? 0 : 1
            legend = hasLegend ? 1 : 0
            xLabel = panel.x.label.isEmpty ? 0 : 1
            notes = panel.notes.count
            plot = h - header - 2 - xLabel - legend - notes
            if plot < 2 {
                legend = 0
                plot = h - header - 2 - xLabel - notes
            }
            if plot < 2 {
                xLabel = 0
                plot = h - header - 2 - notes
            }
            if plot < 2 {
                notes = max(0, notes - (2 - plot))
                plot = h - header - 2 - notes
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
        return fitYAxis(width: w, plotRows: rows(height: h).plot)?.labelWidth ?? 0
    }

    /// The rows `draw` would give a panel `h` cells tall.
    func rows(height h: Int) -> Rows {
        let hasLegend = panel.showLegend && panel.layers.contains { $0.legendEntry(canvas: canvas) != nil }
        return Rows(
            panel, height: h, hasLegend: hasLegend, hasNote: data.skipped > 0, minHeader: minHeaderRows,
            minBottom: minBottomRows)
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

    /// Draws the panel (only its header when no plot fits); returns where the plot went.
    @discardableResult
    func draw(into grid: inout CellGrid, x px: Int, y py: Int, width w: Int, height h: Int) -> PlotRegion? {
        let legend = panel.showLegend ? legendEntries(data.layers, canvas: canvas) : []
        let skippedNote = data.skipped > 0 ? "\(data.skipped) skipped" : ""
        let rows = Rows(
            panel, height: h, hasLegend: !legend.isEmpty, hasNote: !skippedNote.isEmpty, minHeader: minHeaderRows,
            minBottom: minBottomRows)
        if rows.header > 0 { drawHeader(&grid, px, py, w, skippedNote) }
        guard let (axes, yTicks, labelWidth) = fitYAxis(width: w, plotRows: rows.plot) else { return nil }
        let area = PlotArea(
            x0: px + labelWidth + 1, y0: py + rows.header, width: w - labelWidth - 1, rows: rows.plot,
            right: px + w, bottom: py + h, labelWidth: labelWidth)
        var dots = DotCanvas(kind: canvas, width: area.width, height: area.rows)
        let stats = drawLayers(&dots, axes)
        dots.compose(into: &grid, x: area.x0, y: area.y0)
        drawAxes(&grid, area, axes, yTicks: yTicks)
        var row = drawXLabelAndLegend(
            &grid, area, showXLabel: rows.xLabel > 0, legend: rows.legend > 0 ? legend : [], stats: stats)
        for note in panel.notes.prefix(rows.notes) where row < area.bottom {
            put(&grid, note, px, row, .text, limit: area.right)
            row += 1
        }
        return PlotRegion(
            column: area.x0, row: area.y0, width: area.width, height: area.rows, x: axes.x.lo...axes.x.hi,
            y: axes.y.lo...axes.y.hi)
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

    /// The x axis label (centred) and the legend, in the rows below the tick labels; returns
    /// the next free row.
    private func drawXLabelAndLegend(
        _ grid: inout CellGrid, _ area: PlotArea, showXLabel: Bool, legend: [LegendEntry], stats: LayerStats
    ) -> Int {
        var row = area.axisRow + 2
        if showXLabel && row < area.bottom {
            let len = panel.x.label.unicodeScalars.count
            put(&grid, panel.x.label, area.x0 + max(0, (area.width - len) / 2), row, .dimText, limit: area.right)
            row += 1
        }
        guard !legend.isEmpty && row < area.bottom else { return row }
        // The legend starts under the y tick labels when the panel is narrow.
        var col = area.x0 - (area.width < 40 ? area.labelWidth + 1 : 0)
        for e in legend {
            if col >= area.right { break }
            if e.mark == .colorBar {
                col = drawColorBar(&grid, e, stats.colorBar, col: col, row: row, limit: area.right)
                continue
            }
            for (i, g) in e.glyphs.enumerated() {
                let c = col + i
                guard c >= 0 && c < grid.width && c < area.right && row >= 0 && row < grid.height else { continue }
                grid[c, row] = Cell(glyph: g, foreground: e.role, background: e.background)
            }
            let label = stats.label(e)
            put(&grid, label, col + e.glyphs.count + 1, row, .text, limit: area.right)
            col += e.glyphs.count + 1 + label.unicodeScalars.count + 3
        }
        return row + 1
    }

    /// A colour bar in the legend row: "label lo ████████ hi" (one cell per shading level);
    /// returns the column after it.
    private func drawColorBar(
        _ grid: inout CellGrid, _ e: LegendEntry, _ scale: ColorBarScale?, col: Int, row: Int, limit: Int
    ) -> Int {
        guard let scale else { return col }
        let ascii = canvas == .ascii
        let head = e.label + (ascii ? scale.asciiNote : scale.note) + "  " + scale.loLabel + " "
        put(&grid, head, col, row, .text, limit: limit)
        var c = col + head.unicodeScalars.count
        for level in 0..<Palette.densityLevels where c < limit {
            let role = StyleRole.density(level: level)
            if c >= 0 && c < grid.width && row >= 0 && row < grid.height {
                grid[c, row] = Cell(
                    glyph: PanelRenderer.shadeGlyph(level, canvas: canvas), foreground: role, background: role)
            }
            c += 1
        }
        put(&grid, " " + scale.hiLabel, c, row, .text, limit: limit)
        return c + 1 + scale.hiLabel.unicodeScalars.count + 3
    }

    /// The header row: the y label at the left, the title centred (cut with an ellipsis
    /// before the note, when there is one), the note at the right.
    private func drawHeader(_ grid: inout CellGrid, _ px: Int, _ py: Int, _ w: Int, _ note: String) {
        let ylab = panel.y.label
        let noteLength = note.unicodeScalars.count
        let titleLimit = px + w - (note.isEmpty ? 0 : noteLength + 1)
        put(&grid, ylab, px, py, .dimText, limit: px + w)
        var end = px + ylab.unicodeScalars.count
        if !panel.title.isEmpty {
            let start0 = ylab.isEmpty ? px : end + 2
            let title = VisibleText.truncated(panel.title, to: max(0, titleLimit - start0), ascii: canvas == .ascii)
            let len = title.unicodeScalars.count
            let start = max(px + (w - len) / 2, start0)
            put(&grid, title, start, py, .title, limit: titleLimit)
            end = start + len
        }
        if !note.isEmpty {
            let start = max(px + w - noteLength, end + 1)
            put(&grid, note, start, py, .warning, limit: px + w)
        }
    }

    @inline(__always) private func set(
        _ grid: inout CellGrid, _ x: Int, _ y: Int, _ g: Unicode.Scalar, _ role: StyleRole
    ) {
        guard x >= 0 && x < grid.width && y >= 0 && y < grid.height else { return }
        grid[x, y] = Cell(glyph: g, foreground: role, background: nil)
    }

    /// Writes `text` from column `x`, cut with an ellipsis when it would pass `limit`.
    private func put(_ grid: inout CellGrid, _ text: String, _ x: Int, _ y: Int, _ role: StyleRole, limit: Int) {
        var col = x
        for s in VisibleText.truncated(text, to: max(0, limit - x), ascii: canvas == .ascii).unicodeScalars {
            if col >= limit { break }
            set(&grid, col, y, s, role)
            col += 1
        }
    }

    // MARK: layers

    /// Draws the layers in draw order (see `Layer`) and reports what it found.
    @discardableResult
    func drawLayers(_ dots: inout DotCanvas, _ axes: PanelAxes) -> LayerStats {
        var stats = LayerStats()
        let order = Layer.indexedInDrawOrder(data.layers)
        for (index, layer) in order {
            switch layer {
            case .heatmap(let hm):
                drawHeatmap(&dots, axes, hm)
                if hm.colorBar { stats.colorBar = ColorBarScale(hm) }
            case .field(let f):
                let hm = fieldHeatmap(f, axes, columns: dots.width, rows: dots.height)
                drawHeatmap(&dots, axes, hm)
                if f.colorBar { stats.colorBar = ColorBarScale(hm) }
            case .density(let xs, let ys, let levels, _): drawDensity(&dots, axes, xs, ys, levels)
            case .bars(let b): drawBars(&dots, axes, b)
            case .points(let xs, let ys, let style, _):
                drawPoints(&dots, axes, xs, ys, style)
                stats.outside[index] = pointsOutside(xs, ys, axes)
            case .hline(let v, let style, _): drawHLine(&dots, axes, v, style)
            case .vline(let v, let style, _): drawVLine(&dots, axes, v, style)
            case .curve(let xs, let ys, let style, _):
                drawCurve(&dots, axes, xs, ys, style: style) { _ in style.role }
            case .styledCurve(let xs, let ys, let roles, let style, _):
                drawCurve(&dots, axes, xs, ys, style: style) { i in i < roles.count ? roles[i] : style.role }
            }
        }
        return stats
    }

    /// A field evaluated at the centre of every canvas cell of the plotted ranges.
    func fieldHeatmap(_ f: HeatmapField, _ axes: PanelAxes, columns: Int, rows: Int) -> Heatmap {
        f.heatmap(
            xRange: Float(axes.x.lo)...Float(axes.x.hi), yRange: Float(axes.y.lo)...Float(axes.y.hi),
            columns: max(1, columns), rows: max(1, rows))
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

    /// Marks each point inside the plot: one dot (`.dot`) or two side by side (`.pair`), on
    /// the canvas or beneath it (a backdrop, see `DotCanvas`).
    func drawPoints(_ dots: inout DotCanvas, _ axes: PanelAxes, _ xs: [Float], _ ys: [Float], _ style: SeriesStyle) {
        let map = DotMap(axes, dots)
        let role = style.role
        let g = style.glyph
        let pair = style.mark == .pair && canvas != .ascii
        xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
                for i in 0..<min(px.count, py.count) {
                    let a = px[i]
                    let b = py[i]
                    guard a.isFinite && b.isFinite, let (dx, dy) = map.dot(a, b) else { continue }
                    // The pair's second dot is to the right, or to the left at the right edge.
                    let dx2 = dx + 1 < map.w ? dx + 1 : dx - 1
                    if style.beneath {
                        dots.setUnder(dx, dy, role: role, glyph: g, tint: style.tint)
                        if pair { dots.setUnder(dx2, dy, role: role, glyph: g, tint: style.tint) }
                    } else {
                        dots.set(dx, dy, role: role, glyph: g)
                        if pair { dots.set(dx2, dy, role: role, glyph: g) }
                    }
                }
            }
        }
    }

    /// A polyline through the points, clipped, in the style's line pattern; segment i in `role(i)`.
    func drawCurve(
        _ dots: inout DotCanvas, _ axes: PanelAxes, _ xs: [Float], _ ys: [Float], style: SeriesStyle,
        role: (Int) -> StyleRole
    ) {
        let map = DotMap(axes, dots)
        let n = min(xs.count, ys.count)
        guard n > 0 else { return }
        let glyph = style.glyph
        var phase = 0
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
            dots.line(s.0, s.1, e.0, e.1, role: r, glyph: glyph, pattern: style.pattern, phase: &phase)
        }
    }

    func drawHLine(_ dots: inout DotCanvas, _ axes: PanelAxes, _ v: Float, _ style: SeriesStyle) {
        let map = DotMap(axes, dots)
        guard v.isFinite, let (_, dy) = map.dot(Float(map.x0), v) else { return }
        let dashed = canvas != .ascii
        for x in 0..<map.w where !dashed || x % 4 < 2 { dots.set(x, dy, role: style.role, glyph: style.glyph) }
    }

    /// A vertical line across the plot at `v`, in the style's line pattern (ASCII: '|').
    func drawVLine(_ dots: inout DotCanvas, _ axes: PanelAxes, _ v: Float, _ style: SeriesStyle) {
        let map = DotMap(axes, dots)
        guard v.isFinite, let (dx, _) = map.dot(v, Float(map.y0)) else { return }
        let glyph: Unicode.Scalar = canvas == .ascii ? "|" : style.glyph
        for y in 0..<map.h where style.pattern.draws(y) { dots.set(dx, y, role: style.role, glyph: glyph) }
    }

    /// Bars from x = 0 over their y intervals: each canvas cell whose centre a bar covers is
    /// filled with the bar's role (shade glyphs by coverage on ASCII canvases).
    func drawBars(_ dots: inout DotCanvas, _ axes: PanelAxes, _ b: Bars) {
        let w = dots.width
        let h = dots.height
        guard w > 0 && h > 0 else { return }
        let glyph: Unicode.Scalar? = canvas == .ascii || options.shadeGlyphs ? b.style.glyph : nil
        for cy in 0..<h {
            let yc = axes.y.hi - (Double(cy) + 0.5) / Double(h) * (axes.y.hi - axes.y.lo)
            // The bar whose interval holds the cell's centre.
            guard let first = b.edges.first, let last = b.edges.last, yc >= Double(first), yc < Double(last) else {
                continue
            }
            var k = 0
            while k + 1 < b.edges.count - 1 && Double(b.edges[k + 1]) <= yc { k += 1 }
            let v = Double(b.values[k])
            guard v.isFinite, v > 0 else { continue }
            for cx in 0..<w {
                let xc = axes.x.lo + (Double(cx) + 0.5) / Double(w) * (axes.x.hi - axes.x.lo)
                if xc >= 0 && xc <= v { dots.fill(cx, cy, role: b.style.role, shadeGlyph: glyph) }
            }
        }
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
                    guard value.isFinite, let level = hm.shadeLevel(value * scales[c]) else { continue }
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
