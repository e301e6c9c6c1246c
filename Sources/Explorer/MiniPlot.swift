// TEMP until TermPlot (plot) lands: a minimal plot renderer (axes, points, curves, heatmap,
// braille/block/ASCII canvases). Replaced by Figure + FigureRenderer.render.
import Foundation
import TermPlot

/// One thing drawn in a panel.
enum LayerSpec {
    /// Scattered points.
    case points(xs: [Float], ys: [Float], role: StyleRole)
    /// A polyline through points sorted by x.
    case curve(xs: [Float], ys: [Float], role: StyleRole)
    /// A horizontal reference line at y.
    case hline(y: Double, role: StyleRole)
    /// A heatmap over the plot area: `levels[row * columns + col]` in 0...1 (row 0 = top).
    case heatmap(columns: Int, rows: Int, values: [Float])
}

/// One panel: a title, axis ranges and layers.
struct PanelSpec {
    var title: String
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var layers: [LayerSpec]
    var legend: [(String, StyleRole)] = []
}

/// Renders panels onto cell grids.
enum MiniPlot {
    /// Left margin for y tick labels.
    static let leftMargin = 7

    /// The plot area (in cells) a panel of this size gets.
    static func plotArea(width: Int, height: Int) -> (columns: Int, rows: Int) {
        (max(1, width - leftMargin - 1), max(1, height - 3))
    }

    /// Renders `panel` into a grid of `width` x `height` cells.
    static func render(_ panel: PanelSpec, width: Int, height: Int, canvas: CanvasKind) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width > leftMargin + 4, height > 4 else { return grid }
        grid.write(panel.title, x: leftMargin, y: 0, role: .title)
        var lx = width - 1
        for (name, role) in panel.legend.reversed() {
            let text = "■ " + name
            lx -= text.count + 2
            guard lx > leftMargin + panel.title.count + 1 else { break }
            grid.write("■", x: lx, y: 0, role: role)
            grid.write(name, x: lx + 2, y: 0, role: .text)
        }
        let (cols, rows) = plotArea(width: width, height: height)
        let ox = leftMargin + 1, oy = 1
        // Axes.
        for r in 0..<rows { grid[leftMargin, oy + r] = Cell(glyph: "│", foreground: .axis) }
        for c in 0..<cols { grid[ox + c, oy + rows] = Cell(glyph: "─", foreground: .axis) }
        grid[leftMargin, oy + rows] = Cell(glyph: "└", foreground: .axis)
        let yl = panel.yRange, xl = panel.xRange
        for (i, frac) in [0.0, 0.5, 1.0].enumerated() {
            let v = yl.upperBound - (yl.upperBound - yl.lowerBound) * frac
            let label = tick(v)
            let row = oy + Int(Double(rows - 1) * frac)
            grid.write(String(label.suffix(leftMargin - 1)), x: leftMargin - 1 - min(label.count, leftMargin - 1), y: row, role: .axis)
            let xv = xl.lowerBound + (xl.upperBound - xl.lowerBound) * frac
            let xlabel = tick(xv)
            let col = ox + Int(Double(cols - 1) * frac) - (i == 0 ? 0 : i == 1 ? xlabel.count / 2 : xlabel.count - 1)
            grid.write(xlabel, x: col, y: oy + rows + 1, role: .axis)
        }
        // Canvas resolution.
        let (sx, sy): (Int, Int) = switch canvas { case .braille: (2, 4); case .block: (2, 2); case .ascii: (1, 1) }
        let w = cols * sx, h = rows * sy
        var bits = [UInt8](repeating: 0, count: cols * rows)
        var roles = [StyleRole?](repeating: nil, count: cols * rows)
        var backgrounds = [StyleRole?](repeating: nil, count: cols * rows)
        var shade = [Character?](repeating: nil, count: cols * rows)
        func px(_ x: Double) -> Int { Int(((x - xl.lowerBound) / (xl.upperBound - xl.lowerBound) * Double(w)).rounded(.down)) }
        func py(_ y: Double) -> Int { h - 1 - Int(((y - yl.lowerBound) / (yl.upperBound - yl.lowerBound) * Double(h)).rounded(.down)) }
        func plot(_ x: Int, _ y: Int, _ role: StyleRole) {
            guard x >= 0, x < w, y >= 0, y < h else { return }
            let cell = (y / sy) * cols + x / sx
            bits[cell] |= bit(x % sx, y % sy, canvas)
            roles[cell] = role
        }
        for layer in panel.layers {
            switch layer {
            case .heatmap(let hc, let hr, let values):
                for r in 0..<rows {
                    for c in 0..<cols {
                        let v = values[min(hr - 1, r * hr / rows) * hc + min(hc - 1, c * hc / cols)]
                        guard v > 0.02 else { continue }
                        let level = UInt8(min(7, max(0, Int(v * 8))))
                        if canvas == .ascii {
                            shade[r * cols + c] = Array(".:-=+*#%")[Int(level)]
                            roles[r * cols + c] = .density(level: level)
                        } else {
                            backgrounds[r * cols + c] = .density(level: level)
                        }
                    }
                }
            case .points(let xs, let ys, let role):
                for i in 0..<min(xs.count, ys.count) { plot(px(Double(xs[i])), py(Double(ys[i])), role) }
            case .curve(let xs, let ys, let role):
                var prev: (Int, Int)? = nil
                for i in 0..<min(xs.count, ys.count) {
                    let p = (px(Double(xs[i])), py(Double(ys[i])))
                    if let q = prev { line(q, p) { plot($0, $1, role) } } else { plot(p.0, p.1, role) }
                    prev = p
                }
            case .hline(let y, let role):
                let yy = py(y)
                for x in 0..<w { plot(x, yy, role) }
            }
        }
        for r in 0..<rows {
            for c in 0..<cols {
                let i = r * cols + c
                var cell = Cell(glyph: " ", foreground: roles[i] ?? .text, background: backgrounds[i])
                if bits[i] != 0 {
                    cell.glyph = glyph(bits[i], canvas)
                } else if let s = shade[i] {
                    cell.glyph = s.unicodeScalars.first!
                }
                grid[ox + c, oy + r] = cell
            }
        }
        return grid
    }

    private static func bit(_ x: Int, _ y: Int, _ canvas: CanvasKind) -> UInt8 {
        switch canvas {
        case .braille:
            let table: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
            return table[y][x]
        case .block: return UInt8(1 << (y * 2 + x))
        case .ascii: return 1
        }
    }

    private static func glyph(_ bits: UInt8, _ canvas: CanvasKind) -> Unicode.Scalar {
        switch canvas {
        case .braille: return Unicode.Scalar(0x2800 + UInt32(bits))!
        case .block:
            // Bits: 1 top-left, 2 top-right, 4 bottom-left, 8 bottom-right.
            let quads: [Unicode.Scalar] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]
            return quads[Int(bits & 15)]
        case .ascii: return "*"
        }
    }

    private static func line(_ a: (Int, Int), _ b: (Int, Int), _ plot: (Int, Int) -> Void) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
        var err = dx + dy
        var guardCount = 0
        while guardCount < 10_000 {
            guardCount += 1
            plot(x0, y0)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += stepX }
            if e2 <= dx { err += dx; y0 += stepY }
        }
    }

    /// A short tick label.
    static func tick(_ v: Double) -> String {
        if abs(v) >= 1000 || (abs(v) < 0.01 && v != 0) {
            let e = Int((log10(abs(v))).rounded(.down))
            return "\(Int((v / pow10(e)).rounded()))e\(e)"
        }
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    private static func pow10(_ e: Int) -> Double {
        var p = 1.0
        for _ in 0..<abs(e) { p *= 10 }
        return e < 0 ? 1 / p : p
    }
}
