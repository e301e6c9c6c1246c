import CCairo
import TermPlot

/// Renders a VectorScene with cairo into an ARGB32 image (`CairoRasterizer`) and encodes it
/// as PNG. This target is the only one that talks to cairo: TermPlot builds without it.
public struct CairoPNGEncoder: PNGEncoder {
    /// Creates the encoder.
    public init() {}

    /// PNG bytes for `scene` at its own pixel size.
    public func png(_ scene: VectorScene) throws(ExportError) -> [UInt8] {
        try CairoRasterizer.withSurface(scene) { surface throws(ExportError) in try Self.pngStream(surface) }
    }

    /// A raster as a PNG file at its own size (alpha kept).
    public func png(_ raster: Raster) throws(ExportError) -> [UInt8] {
        guard let surface = Self.surface(raster) else { throw Self.failure("cannot create a raster surface") }
        defer { cairo_surface_destroy(surface) }
        return try Self.pngStream(surface)
    }

    /// An ARGB32 image surface holding `raster` (premultiplied alpha, as cairo stores it).
    static func surface(_ raster: Raster) -> OpaquePointer? {
        let w = Int32(raster.columns)
        let h = Int32(raster.rows)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h) else { return nil }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
            let data = cairo_image_surface_get_data(surface)
        else {
            cairo_surface_destroy(surface)
            return nil
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        data.withMemoryRebound(to: UInt8.self, capacity: stride * raster.rows) { bytes in
            for r in 0..<raster.rows {
                let row = UnsafeMutableRawPointer(bytes + r * stride).bindMemory(
                    to: UInt32.self, capacity: raster.columns)
                for c in 0..<raster.columns {
                    let o = (r * raster.columns + c) * 4
                    let a = UInt32(raster.rgba[o + 3])
                    func pre(_ v: UInt8) -> UInt32 { (UInt32(v) * a + 127) / 255 }
                    row[c] =
                        a << 24 | pre(raster.rgba[o]) << 16 | pre(raster.rgba[o + 1]) << 8 | pre(raster.rgba[o + 2])
                }
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }

    /// The PNG encoding of a drawn surface, through cairo's stream writer.
    private static func pngStream(_ surface: OpaquePointer) throws(ExportError) -> [UInt8] {
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(
                surface,
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Self.failure(String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }

    /// The export error for a cairo failure.
    static func failure(_ message: String) -> ExportError { .png(encoder: "cairo", message: message) }

    /// Collects the PNG stream's bytes.
    private final class ByteSink { var bytes: [UInt8] = [] }

    /// Sets the source colour.
    private static func source(_ cr: OpaquePointer, _ c: RGB, _ alpha: Double = 1) {
        cairo_set_source_rgba(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255, alpha)
    }

    /// Replays the scene's commands on a cairo context.
    static func draw(_ scene: VectorScene, _ cr: OpaquePointer) {
        source(cr, scene.background)
        cairo_paint(cr)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        for command in scene.commands {
            switch command {
            case .rect(let x, let y, let width, let height, let fill, let stroke, let lw):
                cairo_rectangle(cr, x, y, width, height)
                if let fill {
                    source(cr, fill)
                    stroke == nil ? cairo_fill(cr) : cairo_fill_preserve(cr)
                }
                if let stroke {
                    // Align 1-px strokes to pixel centres so frames stay crisp.
                    cairo_new_path(cr)
                    cairo_rectangle(cr, x.rounded() + 0.5, y.rounded() + 0.5, width.rounded() - 1, height.rounded() - 1)
                    source(cr, stroke)
                    cairo_set_line_width(cr, lw)
                    cairo_stroke(cr)
                }
            case .line(let a, let b, let color, let width, let dash, let opacity):
                source(cr, color, opacity)
                cairo_set_line_width(cr, width)
                dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
                cairo_move_to(cr, a.x, a.y)
                cairo_line_to(cr, b.x, b.y)
                cairo_stroke(cr)
                cairo_set_dash(cr, nil, 0, 0)
            case .polyline(let points, let color, let width, let dash):
                guard let first = points.first else { continue }
                source(cr, color)
                cairo_set_line_width(cr, width)
                dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
                cairo_move_to(cr, first.x, first.y)
                for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
                cairo_stroke(cr)
                cairo_set_dash(cr, nil, 0, 0)
            case .image(let x, let y, let width, let height, let raster):
                drawImage(raster, x: x, y: y, width: width, height: height, cr)
            case .circles(let centers, let r, let color, let opacity):
                source(cr, color, opacity)
                for c in centers {
                    cairo_new_sub_path(cr)
                    cairo_arc(cr, c.x, c.y, r, 0, 2 * Double.pi)
                    cairo_fill(cr)
                }
            case .text(let s, let at, let size, let color, let anchor, let bold):
                drawText(VisibleText.escaped(s), at: at, size: size, color: color, anchor: anchor, bold: bold, cr)
            }
        }
    }

    /// A raster stretched over a rectangle, smoothed (bilinear) and clipped to it.
    static func drawImage(_ raster: Raster, x: Double, y: Double, width: Double, height: Double, _ cr: OpaquePointer) {
        guard width > 0, height > 0, let image = surface(raster) else { return }
        defer { cairo_surface_destroy(image) }
        cairo_save(cr)
        cairo_rectangle(cr, x, y, width, height)
        cairo_clip(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, width / Double(raster.columns), height / Double(raster.rows))
        cairo_set_source_surface(cr, image, 0, 0)
        if let pattern = cairo_get_source(cr) {
            cairo_pattern_set_filter(pattern, CAIRO_FILTER_BILINEAR)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// One line of text with its baseline at `at`, aligned by `anchor`.
    static func drawText(
        _ s: String, at: VectorPoint, size: Double, color: RGB, anchor: TextAnchor, bold: Bool, _ cr: OpaquePointer
    ) {
        cairo_select_font_face(
            cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, s, &extents)
        let dx: Double
        switch anchor {
        case .start: dx = 0
        case .middle: dx = -extents.x_advance / 2
        case .end: dx = -extents.x_advance
        }
        source(cr, color)
        cairo_move_to(cr, at.x + dx, at.y)
        cairo_show_text(cr, s)
        cairo_new_path(cr)
    }
}
