/// A sub-cell canvas: dot masks, one foreground and an optional background role per cell.
///
/// Overlap rule: a cell's glyph is the union of every dot set in it by any layer; its
/// foreground is the role of the LAST layer that set a dot in it (curves draw last, so they
/// win); heatmap and density layers set only the background (and an optional shade glyph
/// shown when no dot is set). ASCII canvases show the glyph of the last point/curve drawn.
/// Series drawn `beneath` (backdrops) go to a second mask that shows only in cells where no
/// other series set a dot and no heatmap shades; their tint, when they have one, becomes the
/// background of the cells they mark that no heatmap shades.
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
    /// The backdrop's dots, role and ASCII glyph per cell.
    var underMasks: [UInt8]
    var underForeground: [StyleRole]
    var underGlyphs: [Unicode.Scalar]
    /// Cells whose background is heatmap or density shading (a backdrop hides there).
    var shaded: [Bool]

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
        underMasks = [UInt8](repeating: 0, count: n)
        underForeground = [StyleRole](repeating: .text, count: n)
        underGlyphs = [Unicode.Scalar](repeating: " ", count: n)
        shaded = [Bool](repeating: false, count: n)
    }

    /// The cell index and bit of dot (`x`, `y`), or nil outside the canvas.
    @inline(__always) private func locate(_ x: Int, _ y: Int) -> (cell: Int, bit: UInt8)? {
        guard x >= 0 && x < dotWidth && y >= 0 && y < dotHeight else { return nil }
        let dx = kind.dotsPerColumn
        let dy = kind.dotsPerRow
        let cx = x / dx
        let cy = y / dy
        return (cy &* width &+ cx, kind.bit(col: x &- cx &* dx, row: y &- cy &* dy))
    }

    /// Sets dot (`x`, `y`), y = 0 the top dot row; out-of-range dots are ignored.
    @inline(__always) mutating func set(_ x: Int, _ y: Int, role: StyleRole, glyph: Unicode.Scalar) {
        guard let (cell, bit) = locate(x, y) else { return }
        masks[cell] |= bit
        foreground[cell] = role
        glyphs[cell] = glyph
    }

    /// Sets a backdrop dot (`x`, `y`): shown only where nothing else is (see the type's note);
    /// `tint`, when given, shades the cell's background unless a heatmap already does.
    @inline(__always) mutating func setUnder(
        _ x: Int, _ y: Int, role: StyleRole, glyph: Unicode.Scalar, tint: StyleRole?
    ) {
        guard let (cell, bit) = locate(x, y) else { return }
        underMasks[cell] |= bit
        underForeground[cell] = role
        underGlyphs[cell] = glyph
        if let tint, !shaded[cell] { background[cell] = tint }
    }

    /// Draws a line between two dots (Bresenham), clipped to the canvas, dot by dot as
    /// `pattern` says; `phase` counts dots along a polyline so dashes run on across segments.
    mutating func line(
        _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, role: StyleRole, glyph: Unicode.Scalar,
        pattern: LinePattern = .solid, phase: inout Int
    ) {
        var x = x0
        var y = y0
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1
        let sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            if pattern.draws(phase) { set(x, y, role: role, glyph: glyph) }
            if x == x1 && y == y1 { break }
            phase &+= 1
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

    /// Sets the background role (and optional shade glyph) of cell (`cx`, `cy`) as heatmap
    /// or density shading.
    @inline(__always) mutating func setBackground(_ cx: Int, _ cy: Int, role: StyleRole, shadeGlyph: Unicode.Scalar?) {
        let cell = cy &* width &+ cx
        background[cell] = role
        shade[cell] = shadeGlyph
        shaded[cell] = true
    }

    /// Sets the background role of cell (`cx`, `cy`) as a filled area (bars) that a heatmap
    /// has not shaded; no shade glyph.
    @inline(__always) mutating func fill(_ cx: Int, _ cy: Int, role: StyleRole, shadeGlyph: Unicode.Scalar?) {
        let cell = cy &* width &+ cx
        guard !shaded[cell] else { return }
        background[cell] = role
        shade[cell] = shadeGlyph
    }

    /// The glyph for a dot mask on this canvas (ASCII: `ascii`).
    @inline(__always) private func glyph(_ mask: UInt8, ascii: Unicode.Scalar) -> Unicode.Scalar {
        switch kind {
        case .braille: return Unicode.Scalar(0x2800 + UInt32(mask))!
        case .block: return CanvasKind.blockGlyphs[Int(mask)]
        case .ascii: return ascii
        }
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
                let cell: Cell
                if masks[i] != 0 {
                    cell = Cell(
                        glyph: glyph(masks[i], ascii: glyphs[i]), foreground: foreground[i], background: background[i])
                } else if underMasks[i] != 0 && !shaded[i] {
                    cell = Cell(
                        glyph: glyph(underMasks[i], ascii: underGlyphs[i]), foreground: underForeground[i],
                        background: background[i])
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
