/// Writes a VectorScene as a standalone SVG document.
public enum SVGExporter {
    /// The SVG text for `scene`. Images are embedded as PNG through `rasterEncoder` (smoothed
    /// by the viewer); without one, as one rectangle per run of equal pixels.
    public static func svg(_ scene: VectorScene, rasterEncoder: (any PNGEncoder)? = nil) -> String {
        var out = ""
        out.reserveCapacity(64 * 1024)
        let w = num(scene.width)
        let h = num(scene.height)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
        for command in scene.commands {
            switch command {
            case .rect(let x, let y, let width, let height, let fill, let stroke, let lw):
                out += "<rect x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(width))\" height=\"\(num(height))\""
                out += " fill=\"\(fill?.hexString ?? "none")\""
                if let stroke { out += " stroke=\"\(stroke.hexString)\" stroke-width=\"\(num(lw))\"" }
                out += "/>\n"
            case .line(let a, let b, let color, let width, let dash, let opacity):
                out += "<line x1=\"\(num(a.x))\" y1=\"\(num(a.y))\" x2=\"\(num(b.x))\" y2=\"\(num(b.y))\""
                out += " stroke=\"\(color.hexString)\" stroke-width=\"\(num(width))\""
                if !dash.isEmpty { out += " stroke-dasharray=\"\(dash.map(num).joined(separator: " "))\"" }
                if opacity < 1 { out += " stroke-opacity=\"\(num(opacity))\"" }
                out += "/>\n"
            case .polyline(let points, let color, let width, let dash):
                out += "<polyline fill=\"none\" stroke=\"\(color.hexString)\" stroke-width=\"\(num(width))\""
                if !dash.isEmpty { out += " stroke-dasharray=\"\(dash.map(num).joined(separator: " "))\"" }
                out += " stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\""
                for (i, p) in points.enumerated() {
                    if i > 0 { out += " " }
                    out += num(p.x) + "," + num(p.y)
                }
                out += "\"/>\n"
            case .circles(let centers, let r, let color, let opacity):
                out += "<g fill=\"\(color.hexString)\" fill-opacity=\"\(num(opacity))\">\n"
                let rs = num(r)
                for c in centers { out += "<circle cx=\"\(num(c.x))\" cy=\"\(num(c.y))\" r=\"\(rs)\"/>\n" }
                out += "</g>\n"
            case .text(let s, let at, let size, let color, let anchor, let bold):
                let a: String
                switch anchor {
                case .start: a = "start"
                case .middle: a = "middle"
                case .end: a = "end"
                }
                out +=
                    "<text x=\"\(num(at.x))\" y=\"\(num(at.y))\" font-size=\"\(num(size))\" fill=\"\(color.hexString)\""
                out += " text-anchor=\"\(a)\"\(bold ? " font-weight=\"bold\"" : "")"
                // SVG collapses runs of spaces unless told not to (aligned notes use them).
                if keepsSpaces(s) { out += " xml:space=\"preserve\" style=\"white-space:pre\"" }
                out += ">\(escape(s))</text>\n"
            case .image(let x, let y, let width, let height, let raster):
                image(&out, x: x, y: y, width: width, height: height, raster: raster, encoder: rasterEncoder)
            }
        }
        out += "</svg>\n"
        return out
    }

    /// An image: a PNG data URI when an encoder is given and succeeds, else rectangles.
    static func image(
        _ out: inout String, x: Double, y: Double, width: Double, height: Double, raster: Raster,
        encoder: (any PNGEncoder)?
    ) {
        if let encoder, let png = try? encoder.png(raster) {
            out += "<image x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(width))\" height=\"\(num(height))\""
            out += " preserveAspectRatio=\"none\" href=\"data:image/png;base64,\(Base64.encode(png))\"/>\n"
            return
        }
        // Runs of equal pixels along each row, slightly overlapping so no seam shows.
        let pw = width / Double(raster.columns)
        let ph = height / Double(raster.rows)
        let px = raster.rgba
        for r in 0..<raster.rows {
            var c = 0
            while c < raster.columns {
                let o = (r * raster.columns + c) * 4
                guard px[o + 3] > 0 else {
                    c += 1
                    continue
                }
                var end = c + 1
                while end < raster.columns {
                    let p = (r * raster.columns + end) * 4
                    guard px[p] == px[o] && px[p + 1] == px[o + 1] && px[p + 2] == px[o + 2] && px[p + 3] == px[o + 3]
                    else { break }
                    end += 1
                }
                let color = RGB(px[o], px[o + 1], px[o + 2])
                out += "<rect x=\"\(num(x + Double(c) * pw))\" y=\"\(num(y + Double(r) * ph))\""
                out += " width=\"\(num(Double(end - c) * pw + 0.5))\" height=\"\(num(ph + 0.5))\""
                out +=
                    " fill=\"\(color.hexString)\"\(px[o + 3] < 255 ? " fill-opacity=\"\(num(Double(px[o + 3]) / 255))\"" : "")/>\n"
                c = end
            }
        }
    }

    /// A coordinate with at most two decimals.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var s = TickFormat.fixed(v, decimals: 2)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// XML-escapes text; control characters (which XML 1.0 does not allow) become visible
    /// escapes (`VisibleText`).
    /// Whether `s` has spaces a viewer would collapse: two in a row, or at either end.
    static func keepsSpaces(_ s: String) -> Bool {
        s.contains("  ") || s.hasPrefix(" ") || s.hasSuffix(" ")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in VisibleText.escaped(s).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// Base64 (RFC 4648, with padding) for data URIs.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".unicodeScalars)

    /// `bytes` as base64 text.
    static func encode(_ bytes: [UInt8]) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i])
            let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            out.append(i + 1 < bytes.count ? alphabet[(b1 & 15) << 2 | b2 >> 6] : "=")
            out.append(i + 2 < bytes.count ? alphabet[b2 & 63] : "=")
            i += 3
        }
        return String(out)
    }
}
