/// A point in pixels (y grows downward).
public struct VectorPoint: Hashable, Sendable {
    public var x: Double, y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Where text sits relative to its anchor point.
public enum TextAnchor: Hashable, Sendable { case start, middle, end }

/// One drawing command. SVG and PNG are thin backends over this list.
public enum VectorCommand: Sendable {
    /// A rectangle, filled and/or stroked.
    case rect(x: Double, y: Double, width: Double, height: Double, fill: RGB?, stroke: RGB?, lineWidth: Double)
    /// A straight line, optionally dashed (`dash` = on/off lengths).
    case line(from: VectorPoint, to: VectorPoint, color: RGB, width: Double, dash: [Double], opacity: Double)
    /// An open polyline, optionally dashed (`dash` = on/off lengths).
    case polyline(points: [VectorPoint], color: RGB, width: Double, dash: [Double])
    /// Many filled circles of one colour (one per data point).
    case circles(centers: [VectorPoint], radius: Double, color: RGB, opacity: Double)
    /// Text with its baseline at `at`.
    case text(String, at: VectorPoint, size: Double, color: RGB, anchor: TextAnchor, bold: Bool)
    /// A raster stretched over a rectangle and smoothed (bilinear): a heatmap evaluated on a
    /// grid, a colour bar.
    case image(x: Double, y: Double, width: Double, height: Double, raster: Raster)
}

extension VectorCommand {
    /// The same command moved down by `dy` pixels.
    public func movedDown(by dy: Double) -> VectorCommand {
        func p(_ v: VectorPoint) -> VectorPoint { VectorPoint(v.x, v.y + dy) }
        switch self {
        case .rect(let x, let y, let w, let h, let fill, let stroke, let lw):
            return .rect(x: x, y: y + dy, width: w, height: h, fill: fill, stroke: stroke, lineWidth: lw)
        case .line(let a, let b, let color, let width, let dash, let opacity):
            return .line(from: p(a), to: p(b), color: color, width: width, dash: dash, opacity: opacity)
        case .polyline(let points, let color, let width, let dash):
            return .polyline(points: points.map(p), color: color, width: width, dash: dash)
        case .circles(let centers, let radius, let color, let opacity):
            return .circles(centers: centers.map(p), radius: radius, color: color, opacity: opacity)
        case .text(let s, let at, let size, let color, let anchor, let bold):
            return .text(s, at: p(at), size: size, color: color, anchor: anchor, bold: bold)
        case .image(let x, let y, let w, let h, let raster):
            return .image(x: x, y: y + dy, width: w, height: h, raster: raster)
        }
    }
}

/// An RGBA image, row 0 at the top: what `VectorCommand.image` draws.
public struct Raster: Hashable, Sendable {
    /// Size in pixels.
    public let columns: Int, rows: Int
    /// `columns * rows * 4` bytes: red, green, blue, alpha (not premultiplied), row-major.
    public let rgba: [UInt8]

    /// Creates a raster; `rgba` must hold `columns * rows * 4` bytes.
    public init(columns: Int, rows: Int, rgba: [UInt8]) {
        precondition(columns >= 1 && rows >= 1, "a raster needs at least one pixel")
        precondition(rgba.count == columns * rows * 4, "a raster needs columns * rows * 4 bytes")
        self.columns = columns
        self.rows = rows
        self.rgba = rgba
    }

    /// Up to `count` of the raster's opaque colours, spread evenly over them ordered by
    /// brightness (a continuous colormap's image gives points along its ramp): anchors for
    /// palettes that cannot hold every colour.
    public func representativeColors(_ count: Int) -> [RGB] {
        var seen = Set<RGB>()
        for i in stride(from: 0, to: rgba.count, by: 4) where rgba[i + 3] > 0 {
            seen.insert(RGB(rgba[i], rgba[i + 1], rgba[i + 2]))
        }
        let sorted = seen.sorted {
            (299 * Int($0.r) + 587 * Int($0.g) + 114 * Int($0.b), $0.hexString)
                < (299 * Int($1.r) + 587 * Int($1.g) + 114 * Int($1.b), $1.hexString)
        }
        guard sorted.count > count, count > 1 else { return sorted }
        return (0..<count).map { sorted[$0 * (sorted.count - 1) / (count - 1)] }
    }
}

/// A picture as drawing commands in pixels: what `VectorPlotter` produces from a Figure.
public struct VectorScene: Sendable {
    public var width: Double
    public var height: Double
    public var background: RGB
    public var commands: [VectorCommand]
    /// Creates a scene.
    public init(width: Double, height: Double, background: RGB, commands: [VectorCommand] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.commands = commands
    }
}
