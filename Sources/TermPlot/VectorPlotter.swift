#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Re-plots a Figure as vector drawing commands (a true re-plot, not a picture of cells):
/// every point a circle, curves as polylines, the same nice-tick algorithm and ranges rules
/// as the terminal renderer, colours from the Palette.
public enum VectorPlotter {
    /// Approximate advance of one character, as a fraction of the font size (DejaVu Sans).
    static let charWidth = 0.62
    static let tickFont = 12.0, labelFont = 13.0, titleFont = 15.0, legendFont = 13.0

    /// Figures stacked top to bottom in one scene of `width` x `height` pixels, each
    /// plotted in its share of the height by `weights` (e.g. a plot above its loss curves).
    public static func scene(stacking figures: [Figure], weights: [Int], width: Int, height: Int, palette: Palette)
        -> VectorScene
    {
        precondition(!figures.isEmpty && weights.count == figures.count, "one weight per stacked figure")
        precondition(weights.allSatisfy { $0 >= 1 }, "stacked figures' weights are positive")
        let total = weights.reduce(0, +)
        var scene = VectorScene(width: Double(width), height: Double(height), background: palette.background)
        var top = 0
        for (i, figure) in figures.enumerated() {
            let bottom = i == figures.count - 1 ? height : top + height * weights[i] / total
            let part = Self.scene(figure, width: width, height: max(1, bottom - top), palette: palette)
            scene.commands += part.commands.map { $0.movedDown(by: Double(top)) }
            top = bottom
        }
        return scene
    }

    /// The scene for `figure` at `width` x `height` pixels.
    public static func scene(_ figure: Figure, width: Int, height: Int, palette: Palette) -> VectorScene {
        var scene = VectorScene(width: Double(width), height: Double(height), background: palette.background)
        scene.commands.append(
            .rect(
                x: 0, y: 0, width: Double(width), height: Double(height),
                fill: palette.background, stroke: nil, lineWidth: 0))
        let data = figure.panels.map(PanelData.init)
        let extents = FigureRenderer.sharedExtents(figure, data)
        let rects = FigureRenderer.layoutRects(figure, width: width, height: height, gap: 16)
        var plots = figure.panels.indices.map { i in
            PanelPlot(
                panel: figure.panels[i].withVisibleText, data: data[i], xExtent: extents[i].0, yExtent: extents[i].1,
                palette: palette)
        }
        // Side-by-side panels sharing y get the same margins above and below their plots.
        if figure.layout == .horizontal && figure.sharedY && figure.panels.count > 1 {
            let top = plots.map { $0.topReserve }.max() ?? 0
            let bottom = zip(plots, rects).map { $0.bottomReserve(width: Double($1.w)) }.max() ?? 0
            for i in plots.indices {
                plots[i].minTop = top
                plots[i].minBottom = bottom
            }
        }
        // Stacked panels sharing x get one left margin so their x axes line up.
        if figure.layout == .vertical && figure.sharedX && figure.panels.count > 1 {
            var widest = 0.0
            for (i, r) in rects.enumerated() where r.w > 40 && r.h > 40 {
                var dry = plots[i]
                widest = max(widest, dry.plot(x: Double(r.x), y: Double(r.y), w: Double(r.w), h: Double(r.h)))
            }
            for i in plots.indices { plots[i].minLeft = widest }
        }
        for (i, r) in rects.enumerated() where r.w > 40 && r.h > 40 {
            plots[i].plot(x: Double(r.x), y: Double(r.y), w: Double(r.w), h: Double(r.h))
            scene.commands.append(contentsOf: plots[i].commands)
        }
        return scene
    }

    /// Plots one panel.
    struct PanelPlot {
        let panel: Panel
        let data: PanelData
        let xExtent: Extent
        let yExtent: Extent
        let palette: Palette
        var commands: [VectorCommand] = []
        /// The left margin (y tick labels) is at least this wide.
        var minLeft = 0.0
        /// The margins above and below the plot are at least this tall.
        var minTop = 0.0
        var minBottom = 0.0

        /// The panel's legend entries on the legend row (a colour bar's label among them; the
        /// bar itself goes beside the plot).
        var legendRow: [LegendEntry] { panel.showLegend ? legendEntries(data.layers, canvas: .braille) : [] }

        /// Whether the panel has a header row.
        var hasHeader: Bool { !(panel.title.isEmpty && panel.y.label.isEmpty && data.skipped == 0) }

        /// Pixels above the plot area.
        var topReserve: Double { hasHeader ? 26 : 8 }

        /// Pixels below the plot area of a panel `width` wide: tick labels, x label, legend
        /// rows, notes.
        func bottomReserve(width: Double) -> Double {
            let rows = legendLines(legendRow, stats: LayerStats(), width: width - 64).count
            return 8 + 20 + (panel.x.label.isEmpty ? 0 : 20) + Double(rows) * 22 + Double(panel.notes.count) * 18
        }

        /// Width of one legend entry (mark, label, gap).
        static func legendWidth(_ label: String) -> Double { 26 + textWidth(label, VectorPlotter.legendFont) + 20 }

        /// The legend entries wrapped into lines no wider than `width` (each line at least one entry).
        /// Labels are measured with room for an "(N outside)" note.
        func legendLines(_ legend: [LegendEntry], stats: LayerStats, width: Double) -> [[LegendEntry]] {
            var lines: [[LegendEntry]] = []
            var line: [LegendEntry] = []
            var used = 0.0
            for e in legend {
                let extra =
                    e.mark == .points ? " (99999 outside)" : (e.mark == .colorBar ? " \u{F7} column max, log" : "")
                let w = PanelPlot.legendWidth(stats.label(e) + extra)
                if !line.isEmpty && used + w > width {
                    lines.append(line)
                    line = []
                    used = 0
                }
                line.append(e)
                used += w
            }
            if !line.isEmpty { lines.append(line) }
            return lines
        }

        init(panel: Panel, data: PanelData, xExtent: Extent, yExtent: Extent, palette: Palette) {
            self.panel = panel
            self.data = data
            self.xExtent = xExtent
            self.yExtent = yExtent
            self.palette = palette
        }

        func color(_ role: StyleRole) -> RGB { palette.style(for: role).foreground }
        func fill(_ role: StyleRole) -> RGB { palette.style(for: role).fill }
        static func textWidth(_ s: String, _ size: Double) -> Double {
            Double(s.unicodeScalars.count) * size * VectorPlotter.charWidth
        }

        /// A title's font size and centre: centred over the frame at `titleFont`, or, when
        /// that would not fit in the panel (x to x + w, 4 px in from each side), smaller (down
        /// to 9 px) and moved so that it stays inside (a loss panel's long title in a
        /// narrow strip). Bold text is taken as 10% wider.
        static func titleFit(_ title: String, frame: Frame, x: Double, w: Double) -> (size: Double, centre: Double) {
            let room = max(1, w - 8)
            var size = VectorPlotter.titleFont
            let wide = 1.1 * textWidth(title, size)
            if wide > room { size = max(9, size * room / wide) }
            let half = min(room, 1.1 * textWidth(title, size)) / 2
            let centre = min(max(frame.x + frame.w / 2, x + 4 + half), x + w - 4 - half)
            return (size, centre)
        }

        /// Plots into the rectangle; returns the left margin used (0 if nothing fit).
        @discardableResult
        mutating func plot(x: Double, y: Double, w: Double, h: Double) -> Double {
            let legend = panel.showLegend ? legendEntries(data.layers, canvas: .braille) : []
            let rowEntries = legendRow
            let colorBar = legend.first { $0.mark == .colorBar }
            let note = data.skipped > 0 ? "\(data.skipped) skipped" : ""
            let header = hasHeader
            let top = y + max(topReserve, minTop)
            let bottom = y + h - max(bottomReserve(width: w), minBottom)
            let ah = bottom - top - 6
            guard ah > 20 else { return 0 }
            // A colour bar takes a strip at the right: gap, bar, tick labels.
            let barStrip = colorBar == nil ? 0.0 : 74.0
            let (axes, yTicks, left) = fitAxes(width: w - barStrip, plotHeight: ah)
            let aw = w - left - 14 - barStrip
            guard aw > 20 else { return 0 }
            let cellW = VectorPlotter.tickFont * VectorPlotter.charWidth
            let xTicks = TickFitter.horizontal(axes.x, cells: max(1, Int(aw / cellW)), overhang: Int(left / cellW))
            let frame = Frame(x: x + left, y: top, w: aw, h: ah, axes: axes)
            drawGridLines(frame, xTicks: xTicks, yTicks: yTicks)
            let stats = drawLayers(frame)
            commands.append(
                .rect(x: frame.x, y: frame.y, width: aw, height: ah, fill: nil, stroke: color(.axis), lineWidth: 1))
            drawTicks(frame, xTicks: xTicks, yTicks: yTicks)
            var row = drawXLabelAndLegend(frame, legend: rowEntries, stats: stats, width: x + w - frame.x - 4)
            for line in panel.notes {
                row += 18
                commands.append(
                    .text(
                        line, at: VectorPoint(x + 4, row), size: VectorPlotter.legendFont, color: color(.text),
                        anchor: .start, bold: false))
            }
            if colorBar != nil, let scale = stats.colorBar { drawColorBar(frame, scale: scale) }
            if header { drawHeader(frame, x: x, y: y, w: w, note: note) }
            return left
        }

        /// The axes, y ticks and left margin for a plot area `ah` pixels tall in a panel `w`
        /// wide: the margin depends on the y tick labels, which (with equal aspect) depend on
        /// the width, so the fit runs twice.
        func fitAxes(width w: Double, plotHeight ah: Double) -> (PanelAxes, [Tick], Double) {
            var left = max(10.0, minLeft)
            var axes = PanelAxes.resolve(
                panel, xExtent: xExtent, yExtent: yExtent, width: (w - 60) / 8, height: ah / 16)
            var yTicks: [Tick] = []
            for _ in 0..<2 {
                yTicks = TickFitter.vertical(axes.y, cells: max(1, Int(ah / 16)))
                let lw = (yTicks.map { PanelPlot.textWidth($0.label, VectorPlotter.tickFont) }.max() ?? 0) + 14
                left = max(lw, minLeft)
                axes = PanelAxes.resolve(
                    panel, xExtent: xExtent, yExtent: yExtent, width: (w - left - 14) / 8, height: ah / 16)
            }
            yTicks = TickFitter.vertical(axes.y, cells: max(1, Int(ah / 16)))
            return (axes, yTicks, left)
        }

        /// Faint grid lines at every tick, behind the layers.
        mutating func drawGridLines(_ frame: Frame, xTicks: [Tick], yTicks: [Tick]) {
            let axisColor = color(.axis)
            for t in xTicks {
                let px = frame.px(frame.axes.x.fraction(tick: t.value))
                commands.append(
                    .line(
                        from: VectorPoint(px, frame.y), to: VectorPoint(px, frame.y + frame.h), color: axisColor,
                        width: 1, dash: [], opacity: 0.18))
            }
            for t in yTicks {
                let py = frame.py(frame.axes.y.fraction(tick: t.value))
                commands.append(
                    .line(
                        from: VectorPoint(frame.x, py), to: VectorPoint(frame.x + frame.w, py), color: axisColor,
                        width: 1, dash: [], opacity: 0.18))
            }
        }

        /// Tick marks and tick labels below and left of the frame.
        mutating func drawTicks(_ frame: Frame, xTicks: [Tick], yTicks: [Tick]) {
            let axisColor = color(.axis)
            let textColor = color(.text)
            let bottom = frame.y + frame.h
            for t in xTicks {
                let px = frame.px(frame.axes.x.fraction(tick: t.value))
                commands.append(
                    .line(
                        from: VectorPoint(px, bottom), to: VectorPoint(px, bottom + 5), color: axisColor, width: 1,
                        dash: [], opacity: 1))
                commands.append(
                    .text(
                        t.label, at: VectorPoint(px, bottom + 19), size: VectorPlotter.tickFont, color: textColor,
                        anchor: .middle, bold: false))
            }
            for t in yTicks {
                let py = frame.py(frame.axes.y.fraction(tick: t.value))
                commands.append(
                    .line(
                        from: VectorPoint(frame.x - 5, py), to: VectorPoint(frame.x, py), color: axisColor, width: 1,
                        dash: [], opacity: 1))
                commands.append(
                    .text(
                        t.label, at: VectorPoint(frame.x - 8, py + 4), size: VectorPlotter.tickFont, color: textColor,
                        anchor: .end, bold: false))
            }
        }

        /// The x axis label, then the legend, below the tick labels; returns the baseline of
        /// the last row drawn.
        @discardableResult
        mutating func drawXLabelAndLegend(_ frame: Frame, legend: [LegendEntry], stats: LayerStats, width: Double)
            -> Double
        {
            var row = frame.y + frame.h + 26
            if !panel.x.label.isEmpty {
                row += 16
                commands.append(
                    .text(
                        panel.x.label, at: VectorPoint(frame.x + frame.w / 2, row), size: VectorPlotter.labelFont,
                        color: color(.dimText), anchor: .middle, bold: false))
            }
            for (i, line) in legendLines(legend, stats: stats, width: width).enumerated() {
                row += i == 0 ? 20 : 22
                var lx = frame.x
                for e in line {
                    let label = stats.label(e) + (e.mark == .colorBar ? stats.colorBar?.note ?? "" : "")
                    drawLegendMark(e, x: lx, row: row)
                    commands.append(
                        .text(
                            label, at: VectorPoint(lx + 26, row), size: VectorPlotter.legendFont, color: color(.text),
                            anchor: .start, bold: false))
                    lx += PanelPlot.legendWidth(label)
                }
            }
            return row
        }

        /// A legend entry's mark (square, line, dashed line or shaded area) at `x` on `row`.
        mutating func drawLegendMark(_ e: LegendEntry, x lx: Double, row: Double) {
            let c = color(e.role)
            switch e.mark {
            case .points:
                if let tint = e.background {
                    commands.append(
                        .rect(x: lx, y: row - 13, width: 20, height: 14, fill: fill(tint), stroke: nil, lineWidth: 0))
                }
                let side = e.pointMark == .pair ? 9.0 : 6.0
                commands.append(
                    .rect(
                        x: lx + 10 - side / 2, y: row - 6 - side / 2, width: side, height: side, fill: c, stroke: nil,
                        lineWidth: 0))
            case .line, .dashed:
                let dash = e.mark == .dashed ? [4.0, 3.0] : e.pattern.dash
                commands.append(
                    .line(
                        from: VectorPoint(lx, row - 5), to: VectorPoint(lx + 20, row - 5), color: c, width: 2.5,
                        dash: dash, opacity: 1))
            case .vertical:
                commands.append(
                    .line(
                        from: VectorPoint(lx + 10, row - 13), to: VectorPoint(lx + 10, row + 2), color: c, width: 2,
                        dash: [], opacity: 1))
            case .area, .colorBar:
                commands.append(
                    .rect(
                        x: lx, y: row - 11, width: 20, height: 11, fill: fill(e.background ?? .density(level: 5)),
                        stroke: nil, lineWidth: 0))
            }
        }

        /// A vertical colour bar right of the frame: the continuous ramp and ticks with values
        /// (its label is in the legend row).
        mutating func drawColorBar(_ frame: Frame, scale: ColorBarScale) {
            let bx = frame.x + frame.w + 14
            let bw = 14.0
            let rows = 128
            var rgba = [UInt8]()
            rgba.reserveCapacity(rows * 4)
            for r in 0..<rows {
                let c = palette.densityColor(1 - Double(r) / Double(rows - 1))
                rgba += [c.r, c.g, c.b, 255]
            }
            commands.append(
                .image(
                    x: bx, y: frame.y, width: bw, height: frame.h, raster: Raster(columns: 1, rows: rows, rgba: rgba)))
            commands.append(
                .rect(x: bx, y: frame.y, width: bw, height: frame.h, fill: nil, stroke: color(.axis), lineWidth: 1))
            let ticks: [Tick]
            if scale.log && scale.lo > 0 {
                ticks = NiceTicks.logTicks(lo: log10(scale.lo), hi: log10(scale.hi), maxCount: 5)
            } else {
                ticks = NiceTicks.ticks(lo: scale.lo, hi: max(scale.hi, scale.lo + 1e-9), maxCount: 5)
            }
            for t in ticks {
                let f =
                    scale.log && scale.lo > 0
                    ? (log10(t.value) - log10(scale.lo)) / (log10(scale.hi) - log10(scale.lo))
                    : (t.value - scale.lo) / (scale.hi - scale.lo)
                guard f >= -1e-9 && f <= 1 + 1e-9 else { continue }
                let py = frame.py(f)
                commands.append(
                    .line(
                        from: VectorPoint(bx + bw, py), to: VectorPoint(bx + bw + 4, py), color: color(.axis), width: 1,
                        dash: [], opacity: 1))
                commands.append(
                    .text(
                        t.label, at: VectorPoint(bx + bw + 7, py + 4), size: VectorPlotter.tickFont,
                        color: color(.text), anchor: .start, bold: false))
            }
        }

        /// The header row: y label at the left, title centred over the frame, note at the right.
        mutating func drawHeader(_ frame: Frame, x: Double, y: Double, w: Double, note: String) {
            let hy = y + 17
            if !panel.y.label.isEmpty {
                commands.append(
                    .text(
                        panel.y.label, at: VectorPoint(x + 4, hy), size: VectorPlotter.labelFont,
                        color: color(.dimText), anchor: .start, bold: false))
            }
            if !panel.title.isEmpty {
                let (size, centre) = Self.titleFit(panel.title, frame: frame, x: x, w: w)
                commands.append(
                    .text(
                        panel.title, at: VectorPoint(centre, hy), size: size, color: color(.title), anchor: .middle,
                        bold: true))
            }
            if !note.isEmpty {
                commands.append(
                    .text(
                        note, at: VectorPoint(x + w - 4, hy), size: VectorPlotter.labelFont, color: color(.warning),
                        anchor: .end, bold: false))
            }
        }

        /// The plot area and its axes.
        struct Frame {
            let x: Double, y: Double, w: Double, h: Double
            let axes: PanelAxes
            func px(_ f: Double) -> Double { x + f * w }
            func py(_ f: Double) -> Double { y + h - f * h }
            func point(_ a: Float, _ b: Float) -> VectorPoint {
                VectorPoint(px(axes.x.fraction(Double(a))), py(axes.y.fraction(Double(b))))
            }
            func inside(_ a: Float, _ b: Float) -> Bool {
                let fx = axes.x.fraction(Double(a))
                let fy = axes.y.fraction(Double(b))
                return fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1
            }
        }

        /// Draws the layers in draw order (see `Layer`) and reports what it found.
        mutating func drawLayers(_ frame: Frame) -> LayerStats {
            var stats = LayerStats()
            let order = Layer.indexedInDrawOrder(data.layers)
            for (index, layer) in order {
                switch layer {
                case .heatmap(let hm):
                    drawHeatmap(frame, hm)
                    if hm.colorBar { stats.colorBar = ColorBarScale(hm) }
                case .field(let f):
                    // Two pixels per value: the image is smoothed, so finer adds nothing visible.
                    let hm = f.heatmap(
                        xRange: Float(frame.axes.x.lo)...Float(frame.axes.x.hi),
                        yRange: Float(frame.axes.y.lo)...Float(frame.axes.y.hi),
                        columns: max(1, min(800, Int(frame.w / 2))), rows: max(1, min(800, Int(frame.h / 2))))
                    drawHeatmap(frame, hm)
                    if f.colorBar { stats.colorBar = ColorBarScale(hm) }
                case .density(let xs, let ys, let levels, _): drawDensity(frame, xs, ys, levels)
                case .bars(let b): drawBars(frame, b)
                case .points(let xs, let ys, let style, _):
                    drawPoints(frame, xs, ys, style)
                    stats.outside[index] = pointsOutside(xs, ys, frame.axes)
                case .hline(let v, let style, _): drawHLine(frame, v, style.role)
                case .vline(let v, let style, _): drawVLine(frame, v, style)
                case .curve(let xs, let ys, let style, _):
                    for piece in clippedPieces(frame, xs, ys) {
                        commands.append(
                            .polyline(
                                points: piece.map(\.1), color: color(style.role), width: 2.5, dash: style.pattern.dash))
                    }
                case .styledCurve(let xs, let ys, let roles, let style, _):
                    drawStyledCurve(frame, xs, ys, roles, style.role)
                }
            }
            return stats
        }

        /// One circle per finite point inside the frame, at the style's opacity (a `.pair`
        /// mark draws larger circles).
        mutating func drawPoints(_ frame: Frame, _ xs: [Float], _ ys: [Float], _ style: SeriesStyle) {
            // A backdrop is larger and fainter; a series drawn over it smaller, so both show.
            var radius = max(1.0, min(2.2, min(frame.w, frame.h) / 300))
            if style.beneath { radius *= 1.3 } else if style.mark == .pair { radius *= 0.75 }
            var centers: [VectorPoint] = []
            centers.reserveCapacity(xs.count)
            for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite && frame.inside(xs[i], ys[i]) {
                centers.append(frame.point(xs[i], ys[i]))
            }
            commands.append(
                .circles(centers: centers, radius: radius, color: color(style.role), opacity: style.opacity))
        }

        /// A vertical line down the frame at `v`, when it is inside.
        mutating func drawVLine(_ frame: Frame, _ v: Float, _ style: SeriesStyle) {
            guard v.isFinite else { return }
            let fx = frame.axes.x.fraction(Double(v))
            guard fx >= 0 && fx <= 1 else { return }
            let px = frame.px(fx)
            commands.append(
                .line(
                    from: VectorPoint(px, frame.y), to: VectorPoint(px, frame.y + frame.h), color: color(style.role),
                    width: 1.5, dash: style.pattern.dash, opacity: 1))
        }

        /// Bars from x = 0 over their y intervals, filled with their role at the style's opacity.
        mutating func drawBars(_ frame: Frame, _ b: Bars) {
            let c = fill(b.style.role)
            for k in 0..<b.values.count where b.values[k].isFinite && b.values[k] > 0 {
                cell(
                    frame, 0, Double(b.edges[k]), Double(b.values[k]), Double(b.edges[k + 1]),
                    c.mixed(with: palette.background, amount: 1 - b.style.opacity))
            }
        }

        /// A dashed horizontal line across the frame at `v`, when it is inside.
        mutating func drawHLine(_ frame: Frame, _ v: Float, _ role: StyleRole) {
            guard v.isFinite else { return }
            let fy = frame.axes.y.fraction(Double(v))
            guard fy >= 0 && fy <= 1 else { return }
            let py = frame.py(fy)
            commands.append(
                .line(
                    from: VectorPoint(frame.x, py), to: VectorPoint(frame.x + frame.w, py), color: color(role),
                    width: 1.5, dash: [6, 4], opacity: 1))
        }

        /// A polyline drawn segment by segment, segment i in `roles[i]` (`legendRole` past the end).
        mutating func drawStyledCurve(
            _ frame: Frame, _ xs: [Float], _ ys: [Float], _ roles: [StyleRole], _ legendRole: StyleRole
        ) {
            for piece in clippedPieces(frame, xs, ys) {
                for j in 0..<(piece.count - 1) {
                    let seg = piece[j].0
                    let role = seg < roles.count ? roles[seg] : legendRole
                    commands.append(
                        .line(from: piece[j].1, to: piece[j + 1].1, color: color(role), width: 2, dash: [], opacity: 1))
                }
            }
        }

        /// Runs of finite points clipped to the plot area: (segment index, pixel point).
        func clippedPieces(_ frame: Frame, _ xs: [Float], _ ys: [Float]) -> [[(Int, VectorPoint)]] {
            var pieces: [[(Int, VectorPoint)]] = []
            var current: [(Int, VectorPoint)] = []
            func flush() {
                if current.count >= 2 { pieces.append(current) }
                current = []
            }
            let n = min(xs.count, ys.count)
            guard n >= 2 else { return [] }
            for i in 0..<(n - 1) {
                guard xs[i].isFinite, ys[i].isFinite, xs[i + 1].isFinite, ys[i + 1].isFinite else {
                    flush()
                    continue
                }
                let ax = frame.axes.x.fraction(Double(xs[i]))
                let ay = frame.axes.y.fraction(Double(ys[i]))
                let bx = frame.axes.x.fraction(Double(xs[i + 1]))
                let by = frame.axes.y.fraction(Double(ys[i + 1]))
                guard let (c0, c1) = Clip.segment(ax, ay, bx, by, w: 1, h: 1) else {
                    flush()
                    continue
                }
                let p0 = VectorPoint(frame.px(c0.0), frame.py(c0.1))
                let p1 = VectorPoint(frame.px(c1.0), frame.py(c1.1))
                if let last = current.last, last.1 == p0 {
                    current.append((i, p1))
                } else {
                    flush()
                    current = [(i, p0), (i, p1)]
                }
                if c1.0 != bx || c1.1 != by { flush() }
            }
            flush()
            return pieces
        }

        /// The heatmap as one smoothed image in the continuous colormap (no cell blocks, no
        /// seams): each value's position on the ramp (`Heatmap.rampPosition`) picks its colour;
        /// values too faint to shade are transparent. Clipped to the frame.
        mutating func drawHeatmap(_ frame: Frame, _ hm: Heatmap) {
            let scales = hm.scales()
            // The heatmap's rectangle in frame fractions, and the part of it inside the frame.
            let fx0 = frame.axes.x.fraction(Double(hm.xRange.lowerBound))
            let fx1 = frame.axes.x.fraction(Double(hm.xRange.upperBound))
            let fy0 = frame.axes.y.fraction(Double(hm.yRange.lowerBound))
            let fy1 = frame.axes.y.fraction(Double(hm.yRange.upperBound))
            guard fx1 > fx0 && fy1 > fy0 else { return }
            let cx0 = max(0, Int(((max(0, fx0) - fx0) / (fx1 - fx0) * Double(hm.columns)).rounded(.down)))
            let cx1 = min(hm.columns, Int(((min(1, fx1) - fx0) / (fx1 - fx0) * Double(hm.columns)).rounded(.up)))
            let ry0 = max(0, Int(((max(0, fy0) - fy0) / (fy1 - fy0) * Double(hm.rows)).rounded(.down)))
            let ry1 = min(hm.rows, Int(((min(1, fy1) - fy0) / (fy1 - fy0) * Double(hm.rows)).rounded(.up)))
            guard cx1 > cx0 && ry1 > ry0 else { return }
            let columns = cx1 - cx0
            let rows = ry1 - ry0
            var lut = [RGB]()
            lut.reserveCapacity(256)
            for i in 0..<256 { lut.append(palette.densityColor(Double(i) / 255)) }
            var rgba = [UInt8](repeating: 0, count: columns * rows * 4)
            var any = false
            for r in 0..<rows {
                let source = ry1 - 1 - r  // raster row 0 is the top
                for c in 0..<columns {
                    let v = hm.values[source * hm.columns + cx0 + c]
                    guard v.isFinite, let t = hm.rampPosition(v * scales[cx0 + c]) else { continue }
                    let color = lut[Int((t * 255).rounded())]
                    let o = (r * columns + c) * 4
                    rgba[o] = color.r
                    rgba[o + 1] = color.g
                    rgba[o + 2] = color.b
                    rgba[o + 3] = 255
                    any = true
                }
            }
            guard any else { return }
            let left = frame.px(fx0 + Double(cx0) / Double(hm.columns) * (fx1 - fx0))
            let right = frame.px(fx0 + Double(cx1) / Double(hm.columns) * (fx1 - fx0))
            let bottom = frame.py(fy0 + Double(ry0) / Double(hm.rows) * (fy1 - fy0))
            let top = frame.py(fy0 + Double(ry1) / Double(hm.rows) * (fy1 - fy0))
            commands.append(
                .image(
                    x: left, y: top, width: right - left, height: bottom - top,
                    raster: Raster(columns: columns, rows: rows, rgba: rgba)))
        }

        mutating func drawDensity(_ frame: Frame, _ xs: [Float], _ ys: [Float], _ levels: Int) {
            let bx = max(1, Int(frame.w / 6))
            let by = max(1, Int(frame.h / 6))
            var counts = [Int](repeating: 0, count: bx * by)
            for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite {
                let fx = frame.axes.x.fraction(Double(xs[i]))
                let fy = frame.axes.y.fraction(Double(ys[i]))
                guard fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1 else { continue }
                counts[min(by - 1, Int(fy * Double(by))) * bx + min(bx - 1, Int(fx * Double(bx)))] += 1
            }
            let top = counts.max() ?? 0
            guard top > 0 else { return }
            let scale = DensityScale(top: top, levels: levels)
            let ax = frame.axes.x
            let ay = frame.axes.y
            for j in 0..<by {
                for i in 0..<bx where counts[j * bx + i] > 0 {
                    let level = scale.level(counts[j * bx + i])
                    let x0 = ax.lo + Double(i) / Double(bx) * (ax.hi - ax.lo)
                    let x1 = ax.lo + Double(i + 1) / Double(bx) * (ax.hi - ax.lo)
                    let y0 = ay.lo + Double(j) / Double(by) * (ay.hi - ay.lo)
                    let y1 = ay.lo + Double(j + 1) / Double(by) * (ay.hi - ay.lo)
                    cell(frame, x0, y0, x1, y1, fill(.density(level: level)))
                }
            }
        }

        /// A filled data-space rectangle clipped to the plot area.
        mutating func cell(_ frame: Frame, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGB) {
            let f0 = max(0, frame.axes.x.fraction(x0))
            let f1 = min(1, frame.axes.x.fraction(x1))
            let g0 = max(0, frame.axes.y.fraction(y0))
            let g1 = min(1, frame.axes.y.fraction(y1))
            guard f1 > f0 && g1 > g0 else { return }
            let left = frame.px(f0)
            let right = frame.px(f1)
            let top = frame.py(g1)
            let bottom = frame.py(g0)
            commands.append(
                .rect(x: left, y: top, width: right - left, height: bottom - top, fill: c, stroke: nil, lineWidth: 0))
        }
    }
}
