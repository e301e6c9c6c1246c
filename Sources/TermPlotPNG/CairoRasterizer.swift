import CCairo
import TermPlot

/// Draws a VectorScene with cairo into pixels: the raster step shared by the PNG export and
/// animated exports (GIF frames), so every raster picture is the same vector re-plot.
public enum CairoRasterizer {
    /// The scene as RGBA pixels at its own size (anti-aliased, on its opaque background).
    public static func image(_ scene: VectorScene) throws(ExportError) -> RGBAImage {
        try withSurface(scene) { surface in
            let w = Int(cairo_image_surface_get_width(surface))
            let h = Int(cairo_image_surface_get_height(surface))
            let stride = Int(cairo_image_surface_get_stride(surface))
            guard let base = cairo_image_surface_get_data(surface) else {
                return RGBAImage(width: 0, height: 0, pixels: [])
            }
            var pixels = [UInt8](repeating: 0, count: 4 * w * h)
            pixels.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    // CAIRO_FORMAT_ARGB32: one native-endian UInt32 per pixel, alpha premultiplied.
                    let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<w {
                        let p = row[x]
                        let a = p >> 24
                        let o = 4 * (y * w + x)
                        if a == 255 {
                            out[o] = UInt8(truncatingIfNeeded: p >> 16)
                            out[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                            out[o + 2] = UInt8(truncatingIfNeeded: p)
                        } else if a > 0 {
                            out[o] = unpremultiplied((p >> 16) & 0xFF, a)
                            out[o + 1] = unpremultiplied((p >> 8) & 0xFF, a)
                            out[o + 2] = unpremultiplied(p & 0xFF, a)
                        }
                        out[o + 3] = UInt8(a)
                    }
                }
            }
            return RGBAImage(width: w, height: h, pixels: pixels)
        }
    }

    /// A colour channel `c` premultiplied by alpha `a` (1-254), back to straight alpha.
    @inline(__always) static func unpremultiplied(_ c: UInt32, _ a: UInt32) -> UInt8 {
        UInt8(min(255, (c * 255 + a / 2) / a))
    }

    /// Draws `scene` on a new ARGB32 surface of its size and hands the flushed surface to `body`.
    static func withSurface<T>(_ scene: VectorScene, _ body: (OpaquePointer) throws(ExportError) -> T)
        throws(ExportError) -> T
    {
        let w = Int32(max(1, scene.width.rounded()))
        let h = Int32(max(1, scene.height.rounded()))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h) else {
            throw CairoPNGEncoder.failure("no surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            throw CairoPNGEncoder.failure("cannot create a \(w)x\(h) image surface")
        }
        defer { cairo_destroy(cr) }
        CairoPNGEncoder.draw(scene, cr)
        cairo_surface_flush(surface)
        return try body(surface)
    }
}
