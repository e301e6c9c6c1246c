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

        /// Plots into the rectangle; returns the left margin used (0 if nothing fit).
        @discardableResult
        mutating func plot(x: Double, y: Double, w: Double, h: Double) -> Double {
            let legend = panel.showLegend ? panel.layers.compactMap { $0.legendEntry(canvas: .braille) } : []
            let note = data.skipped > 0 ? "\(data.skipped) skipped" : ""
            let header = !(panel.title.isEmpty && panel.y.label.isEmpty && note.isEmpty)
            let top = y + (header ? 26 : 8)
            var bottom = y + h - 8 - 20  // tick labels
            if !panel.x.label.isEmpty { bottom -= 20 }
            if !legend.isEmpty { bottom -= 22 }
            let ah = bottom - top - 6
            guard ah > 20 else { return 0 }
            let (axes, yTicks, left) = fitAxes(width: w, plotHeight: ah)
            let aw = w - left - 14
            guard aw > 20 else { return 0 }
            let cellW = VectorPlotter.tickFont * VectorPlotter.charWidth
            let xTicks = TickFitter.horizontal(axes.x, cells: max(1, Int(aw / cellW)), overhang: Int(left / cellW))
            let frame = Frame(x: x + left, y: top, w: aw, h: ah, axes: axes)
            drawGridLines(frame, xTicks: xTicks, yTicks: yTicks)
            drawLayers(frame)
            commands.append(
                .rect(x: frame.x, y: frame.y, width: aw, height: ah, fill: nil, stroke: color(.axis), lineWidth: 1))
            drawTicks(frame, xTicks: xTicks, yTicks: yTicks)
            drawXLabelAndLegend(frame, legend: legend)
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

        /// The x axis label, then the legend, below the tick labels.
        mutating func drawXLabelAndLegend(_ frame: Frame, legend: [LegendEntry]) {
            var row = frame.y + frame.h + 26
            if !panel.x.label.isEmpty {
                row += 16
                commands.append(
                    .text(
                        panel.x.label, at: VectorPoint(frame.x + frame.w / 2, row), size: VectorPlotter.labelFont,
                        color: color(.dimText), anchor: .middle, bold: false))
            }
            guard !legend.isEmpty else { return }
            row += 20
            var lx = frame.x
            for e in legend {
                drawLegendMark(e, x: lx, row: row)
                commands.append(
                    .text(
                        e.label, at: VectorPoint(lx + 22, row), size: VectorPlotter.legendFont, color: color(.text),
                        anchor: .start, bold: false))
                lx += 22 + PanelPlot.textWidth(e.label, VectorPlotter.legendFont) + 20
            }
        }

        /// A legend entry's mark (square, line, dashed line or shaded area) at `x` on `row`.
        mutating func drawLegendMark(_ e: LegendEntry, x lx: Double, row: Double) {
            let c = color(e.role)
            switch e.mark {
            case .points:
                commands.append(.rect(x: lx + 4, y: row - 9, width: 8, height: 8, fill: c, stroke: nil, lineWidth: 0))
            case .line, .dashed:
                commands.append(
                    .line(
                        from: VectorPoint(lx, row - 5), to: VectorPoint(lx + 16, row - 5), color: c, width: 2.5,
                        dash: e.mark == .dashed ? [4, 3] : [], opacity: 1))
            case .area:
                commands.append(
                    .rect(
                        x: lx, y: row - 11, width: 16, height: 11, fill: fill(.density(level: 5)), stroke: nil,
                        lineWidth: 0))
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
                commands.append(
                    .text(
                        panel.title, at: VectorPoint(frame.x + frame.w / 2, hy), size: VectorPlotter.titleFont,
                        color: color(.title), anchor: .middle, bold: true))
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

        /// Draws the layers in draw order (see `Layer`).
        mutating func drawLayers(_ frame: Frame) {
            for layer in Layer.inDrawOrder(data.layers) {
                switch layer {
                case .heatmap(let hm): drawHeatmap(frame, hm)
                case .density(let xs, let ys, let levels, _): drawDensity(frame, xs, ys, levels)
                case .points(let xs, let ys, let style, _): drawPoints(frame, xs, ys, style)
                case .hline(let v, let style, _): drawHLine(frame, v, style.role)
                case .curve(let xs, let ys, let style, _):
                    for piece in clippedPieces(frame, xs, ys) {
                        commands.append(.polyline(points: piece.map(\.1), color: color(style.role), width: 2.5))
                    }
                case .styledCurve(let xs, let ys, let roles, let style, _):
                    drawStyledCurve(frame, xs, ys, roles, style.role)
                }
            }
        }

        /// One circle per finite point inside the frame, at the style's opacity.
        mutating func drawPoints(_ frame: Frame, _ xs: [Float], _ ys: [Float], _ style: SeriesStyle) {
            let radius = max(1.0, min(2.2, min(frame.w, frame.h) / 300))
            var centers: [VectorPoint] = []
            centers.reserveCapacity(xs.count)
            for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite && frame.inside(xs[i], ys[i]) {
                centers.append(frame.point(xs[i], ys[i]))
            }
            commands.append(
                .circles(centers: centers, radius: radius, color: color(style.role), opacity: style.opacity))
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

        mutating func drawHeatmap(_ frame: Frame, _ hm: Heatmap) {
            let scales = hm.scales()
            let cw = Double(hm.xRange.upperBound - hm.xRange.lowerBound) / Double(hm.columns)
            let rh = Double(hm.yRange.upperBound - hm.yRange.lowerBound) / Double(hm.rows)
            // One rectangle per run of equal levels along a row keeps the SVG small.
            for r in 0..<hm.rows {
                let y0 = Double(hm.yRange.lowerBound) + Double(r) * rh
                var c = 0
                while c < hm.columns {
                    let v = hm.values[r * hm.columns + c]
                    guard v.isFinite, let level = Heatmap.level(v * scales[c]) else {
                        c += 1
                        continue
                    }
                    var end = c + 1
                    while end < hm.columns {
                        let u = hm.values[r * hm.columns + end]
                        guard u.isFinite, Heatmap.level(u * scales[end]) == level else { break }
                        end += 1
                    }
                    let x0 = Double(hm.xRange.lowerBound) + Double(c) * cw
                    let x1 = Double(hm.xRange.lowerBound) + Double(end) * cw
                    cell(frame, x0, y0, x1, y0 + rh, fill(.density(level: level)))
                    c = end
                }
            }
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
