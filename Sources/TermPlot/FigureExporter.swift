import SafeIO

/// An export file format, chosen by the file extension.
public enum ExportFormat: String, Hashable, Sendable, CaseIterable {
    /// Plain text of the cell grid.
    case txt
    /// The cell grid with ANSI colour escape codes.
    case ansi
    /// A vector re-plot as SVG.
    case svg
    /// A vector re-plot rasterised as PNG (by a `PNGEncoder`).
    case png

    /// The format for `path`'s extension (case-insensitive).
    public init(path: String) throws(ExportError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            throw .unknownExtension(path: path, ext: "")
        }
        let ext = String(name[name.index(after: dot)...]).lowercased()
        guard let f = ExportFormat(rawValue: ext) else { throw .unknownExtension(path: path, ext: ext) }
        self = f
    }
}

/// Why an export failed; the description is one readable line.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    /// The extension names no known format.
    case unknownExtension(path: String, ext: String)
    /// Writing the file failed (exists without overwrite, no directory, ...).
    case write(FileWriteError)
    /// No PNG encoder was given (TermPlot itself has none: see `PNGEncoder`).
    case noPNGEncoder(path: String?)
    /// The PNG encoder failed (`encoder` names it, e.g. "cairo").
    case png(encoder: String, message: String)

    public var description: String {
        let known = ExportFormat.allCases.map { "." + $0.rawValue }.joined(separator: ", ")
        switch self {
        case .unknownExtension(let path, let ext):
            return ext.isEmpty
                ? "\(path): no file extension; use one of \(known)"
                : "\(path): unknown export format '.\(ext)'; use one of \(known)"
        case .write(let e): return e.description
        case .noPNGEncoder(let path):
            return "\(path.map { $0 + ": " } ?? "")PNG export is not available in this build (no PNG encoder)"
        case .png(let encoder, let message): return "\(encoder): \(message)"
        }
    }
}

/// Sizes and choices for exports.
public struct ExportOptions: Sendable {
    /// Text exports: grid size in cells.
    public var columns: Int
    public var rows: Int
    /// Text exports: the canvas.
    public var canvas: CanvasKind
    /// Plain text: shade heatmap/density cells with glyphs (there is no colour to show them).
    public var shadeGlyphsInText: Bool
    /// ANSI exports: colour depth.
    public var colorMode: AnsiColorMode
    /// Vector exports: picture size in pixels (nil: chosen from the layout, see `pixelSize(for:)`).
    public var pixelWidth: Int?
    public var pixelHeight: Int?

    /// Creates options.
    public init(
        columns: Int = 160, rows: Int = 48, canvas: CanvasKind = .braille, shadeGlyphsInText: Bool = true,
        colorMode: AnsiColorMode = .truecolor, pixelWidth: Int? = nil, pixelHeight: Int? = nil
    ) {
        self.columns = columns
        self.rows = rows
        self.canvas = canvas
        self.shadeGlyphsInText = shadeGlyphsInText
        self.colorMode = colorMode
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }

    /// The vector picture size for `figure`: the explicit size, else 520 px per side-by-side
    /// panel by 600 px (one panel: 900 x 640; stacked: 1000 x 300 px per weight unit, at most 900).
    public func pixelSize(for figure: Figure) -> (width: Int, height: Int) {
        let n = max(1, figure.panels.count)
        let auto: (Int, Int)
        switch figure.layout {
        case .horizontal: auto = n == 1 ? (900, 640) : (520 * n, 600)
        case .vertical: auto = (1000, min(900, 300 * max(n, (figure.weights ?? []).reduce(0, +))))
        }
        return (max(1, pixelWidth ?? auto.0), max(1, pixelHeight ?? auto.1))
    }
}

/// Renders a VectorScene as PNG bytes. TermPlot has no raster backend of its own, so that it
/// builds without one; the `TermPlotPNG` target provides cairo's (`CairoPNGEncoder`).
public protocol PNGEncoder: Sendable {
    /// The PNG file for `scene` at its own pixel size.
    func png(_ scene: VectorScene) throws(ExportError) -> [UInt8]
    /// A raster as a PNG file (SVG exports embed images this way).
    func png(_ raster: Raster) throws(ExportError) -> [UInt8]
}

/// Exports one Figure to txt, ansi, svg or png.
public enum FigureExporter {
    /// The file contents of `figure` in `format`; `.png` needs a `pngEncoder`.
    public static func bytes(
        _ figure: Figure, format: ExportFormat, palette: Palette, options: ExportOptions = ExportOptions(),
        pngEncoder: (any PNGEncoder)? = nil
    ) throws(ExportError) -> [UInt8] {
        switch format {
        case .txt:
            let r = FigureRenderer.renderResult(
                figure, width: options.columns, height: options.rows, canvas: options.canvas,
                options: RenderOptions(shadeGlyphs: options.shadeGlyphsInText))
            return Array((r.grid.text + "\n").utf8)
        case .ansi:
            let grid = FigureRenderer.render(
                figure, width: options.columns, height: options.rows, canvas: options.canvas)
            return Array(AnsiExporter.ansi(grid, palette: palette, mode: options.colorMode).utf8)
        case .svg:
            let (w, h) = options.pixelSize(for: figure)
            let scene = VectorPlotter.scene(figure, width: w, height: h, palette: palette)
            return Array(SVGExporter.svg(scene, rasterEncoder: pngEncoder).utf8)
        case .png:
            guard let pngEncoder else { throw .noPNGEncoder(path: nil) }
            let (w, h) = options.pixelSize(for: figure)
            return try pngEncoder.png(VectorPlotter.scene(figure, width: w, height: h, palette: palette))
        }
    }

    /// Writes `figure` to `path` (format from the extension) atomically; an existing file is
    /// replaced only when `overwrite` is true. Returns the format used.
    @discardableResult
    public static func write(
        _ figure: Figure, to path: String, palette: Palette, options: ExportOptions = ExportOptions(),
        pngEncoder: (any PNGEncoder)? = nil, overwrite: Bool = false
    ) throws(ExportError) -> ExportFormat {
        let format = try ExportFormat(path: path)
        if format == .png && pngEncoder == nil { throw .noPNGEncoder(path: path) }
        let data = try bytes(figure, format: format, palette: palette, options: options, pngEncoder: pngEncoder)
        do { try AtomicFile.write(data, to: path, overwrite: overwrite) } catch { throw .write(error) }
        return format
    }
}
