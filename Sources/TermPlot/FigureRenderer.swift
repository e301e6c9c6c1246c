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
    /// Total skipped points over all panels.
    public var totalSkipped: Int { skippedPoints.reduce(0, +) }
}

/// Renders a Figure into a CellGrid (pure: no terminal involved).
public enum FigureRenderer {
    /// Gap in cells between side-by-side panels.
    static let panelGap = 1

    /// Renders `figure` into a `width` x `height` grid using `canvas` for points and curves.
    public static func render(_ figure: Figure, width: Int, height: Int, canvas: CanvasKind) -> CellGrid {
        renderResult(figure, width: width, height: height, canvas: canvas).grid
    }

    /// Renders `figure` and reports skipped points per panel.
    public static func renderResult(_ figure: Figure, width: Int, height: Int, canvas: CanvasKind,
                                    options: RenderOptions = RenderOptions()) -> RenderResult {
        var grid = CellGrid(width: max(0, width), height: max(0, height))
        let data = figure.panels.map(PanelData.init)
        let extents = sharedExtents(figure, data)
        let rects = layoutRects(figure, width: grid.width, height: grid.height, gap: panelGap)
        for (i, panel) in figure.panels.enumerated() {
            let r = rects[i]
            guard r.w > 0 && r.h > 0 else { continue }
            PanelRenderer(panel: panel, data: data[i], xExtent: extents[i].0, yExtent: extents[i].1,
                          canvas: canvas, options: options)
                .draw(into: &grid, x: r.x, y: r.y, width: r.w, height: r.h)
        }
        return RenderResult(grid: grid, skippedPoints: data.map(\.skipped))
    }

    /// Each panel's extents, unioned over panels on shared axes.
    static func sharedExtents(_ figure: Figure, _ data: [PanelData]) -> [(Extent, Extent)] {
        var ux = Extent(), uy = Extent()
        for d in data { ux.formUnion(d.x); uy.formUnion(d.y) }
        return data.map { d in (figure.sharedX ? ux : d.x, figure.sharedY ? uy : d.y) }
    }

    /// Panel rectangles in layout units (cells, or any unit), splitting by weights.
    static func layoutRects(_ figure: Figure, width: Int, height: Int, gap: Int) -> [(x: Int, y: Int, w: Int, h: Int)] {
        let n = figure.panels.count
        guard n > 0 else { return [] }
        let weights = figure.weights ?? Array(repeating: 1, count: n)
        let total = max(1, weights.reduce(0, +))
        let along = figure.layout == .horizontal ? width : height
        let g = figure.layout == .horizontal ? gap : 0
        let avail = max(0, along - g * (n - 1))
        var rects: [(x: Int, y: Int, w: Int, h: Int)] = []
        var prevEnd = 0, acc = 0
        for i in 0..<n {
            acc += weights[i]
            let end = i == n - 1 ? avail : avail * acc / total
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
