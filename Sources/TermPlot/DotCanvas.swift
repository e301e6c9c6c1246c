/// A sub-cell canvas: dot masks, one foreground and an optional background role per cell.
///
/// Overlap rule: a cell's glyph is the union of every dot set in it by any layer; its
/// foreground is the role of the LAST layer that set a dot in it (curves draw last, so they
/// win); heatmap and density layers set only the background (and an optional shade glyph
/// shown when no dot is set). ASCII canvases show the glyph of the last point/curve drawn.
struct DotCanvas {
    let kind: CanvasKind
    /// Size in cells.
    let width: Int, height: Int
    /// Size in dots.
    let dotWidth: Int, dotHeight: Int
    var masks: [UInt8]
    var foreground: [StyleRole]
    var background: [StyleRole?]
    /// Glyph per cell for ASCII canvases: that of the last point or curve drawn.
    var glyphs: [Unicode.Scalar]
    /// Shade glyph per cell, shown when no dot is set (nil: none).
    var shade: [Unicode.Scalar?]

    init(kind: CanvasKind, width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "DotCanvas size must not be negative")
        self.kind = kind
        self.width = width
        self.height = height
        self.dotWidth = width * kind.dotsPerColumn
        self.dotHeight = height * kind.dotsPerRow
        let n = width * height
        masks = [UInt8](repeating: 0, count: n)
        foreground = [StyleRole](repeating: .text, count: n)
        background = [StyleRole?](repeating: nil, count: n)
        glyphs = [Unicode.Scalar](repeating: " ", count: n)
        shade = [Unicode.Scalar?](repeating: nil, count: n)
    }

    /// Sets dot (`x`, `y`), y = 0 the top dot row; out-of-range dots are ignored.
    @inline(__always) mutating func set(_ x: Int, _ y: Int, role: StyleRole, glyph: Unicode.Scalar) {
        guard x >= 0 && x < dotWidth && y >= 0 && y < dotHeight else { return }
        let dx = kind.dotsPerColumn
        let dy = kind.dotsPerRow
        let cx = x / dx
        let cy = y / dy
        let cell = cy &* width &+ cx
        masks[cell] |= kind.bit(col: x &- cx &* dx, row: y &- cy &* dy)
        foreground[cell] = role
        glyphs[cell] = glyph
    }

    /// Draws a line between two dots (Bresenham), clipped to the canvas.
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, role: StyleRole, glyph: Unicode.Scalar) {
        var x = x0
        var y = y0
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1
        let sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x, y, role: role, glyph: glyph)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy {
                err += dy
                x += sx
            }
            if e2 <= dx {
                err += dx
                y += sy
            }
        }
    }

    /// Sets the background role (and optional shade glyph) of cell (`cx`, `cy`).
    @inline(__always) mutating func setBackground(_ cx: Int, _ cy: Int, role: StyleRole, shadeGlyph: Unicode.Scalar?) {
        let cell = cy &* width &+ cx
        background[cell] = role
        shade[cell] = shadeGlyph
    }

    /// Writes the canvas into `grid` with its top-left cell at (`ox`, `oy`).
    func compose(into grid: inout CellGrid, x ox: Int, y oy: Int) {
        let empty = kind.emptyGlyph
        for cy in 0..<height {
            let gy = oy + cy
            guard gy >= 0 && gy < grid.height else { continue }
            for cx in 0..<width {
                let gx = ox + cx
                guard gx >= 0 && gx < grid.width else { continue }
                let i = cy &* width &+ cx
                let mask = masks[i]
                let cell: Cell
                if mask != 0 {
                    let glyph: Unicode.Scalar
                    switch kind {
                    case .braille: glyph = Unicode.Scalar(0x2800 + UInt32(mask))!
                    case .block: glyph = CanvasKind.blockGlyphs[Int(mask)]
                    case .ascii: glyph = glyphs[i]
                    }
                    cell = Cell(glyph: glyph, foreground: foreground[i], background: background[i])
                } else if let bg = background[i] {
                    cell = Cell(glyph: shade[i] ?? empty, foreground: bg, background: bg)
                } else {
                    cell = Cell(glyph: empty, foreground: .text, background: nil)
                }
                grid[gx, gy] = cell
            }
        }
    }
}
