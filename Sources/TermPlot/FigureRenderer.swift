/// Options for terminal rendering.
public struct RenderOptions: Hashable, Sendable {
    /// Shade density and heatmap cells that have no dots with ' ░▒▓█' glyphs, so they stay
    /// visible without colour (plain-text exports, monochrome terminals).
    public var shadeGlyphs: Bool
    /// Creates options.
    public init(shadeGlyphs: Bool = false) { self.shadeGlyphs = shadeGlyphs }
}

/// A rendered figure: the cells plus what was left out.
public struct RenderResult: Sendable {
    /// The cells.
    public var grid: CellGrid
    /// Points skipped per panel (NaN, infinite, or not positive on a log axis).
    public var skippedPoints: [Int]
    /// Where each panel's plot area ended up and what it shows (nil: nothing fit).
    public var plotRegions: [PlotRegion?] = []
    /// Total skipped points over all panels.
    public var totalSkipped: Int { skippedPoints.reduce(0, +) }
}

/// A panel's plot area on the grid and the ranges it plots: what maps a cell (a mouse
/// click) back to data.
public struct PlotRegion: Hashable, Sendable {
    /// The canvas's first column and row, and its size in cells.
    public var column: Int, row: Int, width: Int, height: Int
    /// The plotted x and y ranges (plot units: log10 of the value on log axes).
    public var x: ClosedRange<Double>, y: ClosedRange<Double>

    /// A region: the canvas at (`column`, `row`), `width` x `height` cells, plotting `x` x `y`.
    public init(column: Int, row: Int, width: Int, height: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.column = column
        self.row = row
        self.width = width
        self.height = height
        self.x = x
        self.y = y
    }

    /// Whether cell (`column`, `row`) is inside the canvas.
    public func contains(column c: Int, row r: Int) -> Bool {
        c >= column && c < column + width && r >= row && r < row + height
    }

    /// The x at the centre of canvas column `c` (grid coordinates).
    public func xValue(column c: Int) -> Double {
        x.lowerBound + (Double(c - column) + 0.5) / Double(max(1, width)) * (x.upperBound - x.lowerBound)
    }

    /// One canvas column's width in x units.
    public var xPerColumn: Double { (x.upperBound - x.lowerBound) / Double(max(1, width)) }
}

/// Renders a Figure into a CellGrid (pure: no terminal involved).
///
/// Overlap rule, per cell of a panel's canvas:
/// - Layers draw in groups, whatever their order in `Panel.layers`: heatmap and density
///   first, then points, then reference lines, then curves (list order within a group).
/// - The glyph is the union of every sub-cell dot set by any point, line or curve layer
///   (braille 2x4, quadrant 2x2); in ASCII canvases it is the glyph of the last layer drawn.
/// - The foreground role is that of the LAST layer that set a dot in the cell, so curves win
///   the cells they cross and later point layers win over earlier ones.
/// - Heatmap and density layers set only the background role (`.density(level:)`), and, with
///   `RenderOptions.shadeGlyphs`, a shade glyph shown when the cell has no dots.
/// - Empty braille-canvas cells are U+2800 (blank braille), other canvases use a space.
/// Non-finite points (and non-positive values on log axes) are skipped and counted per
/// panel: see `RenderResult.skippedPoints` and the "N skipped" note in the panel header.
public enum FigureRenderer {
    /// Gap in cells between side-by-side panels.
    static let panelGap = 1

    /// Renders `figure` into a `width` x `height` grid using `canvas` for points and curves.
    public static func render(_ figure: Figure, width: Int, height: Int, canvas: CanvasKind) -> CellGrid {
        renderResult(figure, width: width, height: height, canvas: canvas).grid
    }

    /// Renders `figure` and reports skipped points per panel.
    public static func renderResult(
        _ figure: Figure, width: Int, height: Int, canvas: CanvasKind,
        options: RenderOptions = RenderOptions()
    ) -> RenderResult {
        var grid = CellGrid(width: max(0, width), height: max(0, height))
        let data = figure.panels.map(PanelData.init)
        let extents = sharedExtents(figure, data)
        let rects = layoutRects(figure, width: grid.width, height: grid.height, gap: panelGap)
        var renderers = figure.panels.indices.map { i in
            PanelRenderer(
                panel: figure.panels[i].withVisibleText, data: data[i], xExtent: extents[i].0, yExtent: extents[i].1,
                canvas: canvas, options: options)
        }
        // Stacked panels sharing x get one y-label width so their x axes line up.
        if figure.layout == .vertical && figure.sharedX && figure.panels.count > 1 {
            var widest = 0
            for (i, r) in rects.enumerated() where r.w > 0 && r.h > 0 {
                widest = max(widest, renderers[i].labelWidth(width: r.w, height: r.h))
            }
            for i in renderers.indices { renderers[i].minLabelWidth = widest }
        }
        // Side-by-side panels sharing y get the same rows above and below their plots, so
        // their y axes line up whatever their legends and notes.
        if figure.layout == .horizontal && figure.sharedY && figure.panels.count > 1 {
            var top = 0
            var bottom = 0
            for (i, r) in rects.enumerated() where r.w > 0 && r.h > 0 {
                let rows = renderers[i].rows(height: r.h)
                top = max(top, rows.header)
                bottom = max(bottom, rows.bottom)
            }
            for i in renderers.indices {
                renderers[i].minHeaderRows = top
                renderers[i].minBottomRows = bottom
            }
        }
        var regions = [PlotRegion?](repeating: nil, count: figure.panels.count)
        for (i, r) in rects.enumerated() where r.w > 0 && r.h > 0 {
            regions[i] = renderers[i].draw(into: &grid, x: r.x, y: r.y, width: r.w, height: r.h)
        }
        return RenderResult(grid: grid, skippedPoints: data.map(\.skipped), plotRegions: regions)
    }

    /// Each panel's extents, unioned over panels on shared axes.
    static func sharedExtents(_ figure: Figure, _ data: [PanelData]) -> [(Extent, Extent)] {
        var ux = Extent()
        var uy = Extent()
        for d in data {
            ux.formUnion(d.x)
            uy.formUnion(d.y)
        }
        return data.map { d in (figure.sharedX ? ux : d.x, figure.sharedY ? uy : d.y) }
    }

    /// Panel rectangles in layout units (cells or pixels), splitting by weights.
    static func layoutRects(_ figure: Figure, width: Int, height: Int, gap: Int) -> [(x: Int, y: Int, w: Int, h: Int)] {
        let n = figure.panels.count
        guard n > 0 else { return [] }
        let weights = figure.weights ?? Array(repeating: 1, count: n)
        let total = max(1, weights.reduce(0, +))
        let along = figure.layout == .horizontal ? width : height
        let g = figure.layout == .horizontal ? gap : 0
        let avail = max(0, along - g * (n - 1))
        var rects: [(x: Int, y: Int, w: Int, h: Int)] = []
        var prevEnd = 0
        var acc = 0
        for i in 0..<n {
            acc += weights[i]
            // Shared axes need identical panels (same canvas, same equal-aspect ranges): equal
            // sizes, the remainder left blank; otherwise the last panel takes the remainder.
            let equal = figure.weights == nil && (figure.sharedX || figure.sharedY)
            let end = equal ? (avail / n) * (i + 1) : (i == n - 1 ? avail : avail * acc / total)
            let size = max(0, end - prevEnd)
            let start = prevEnd + g * i
            prevEnd = end
            if figure.layout == .horizontal {
                rects.append((start, 0, size, height))
            } else {
                rects.append((0, start, width, size))
            }
        }
        return rects
    }
}
