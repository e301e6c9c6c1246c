/// Writes a VectorScene as a standalone SVG document.
public enum SVGExporter {
    /// The SVG text for `scene`.
    public static func svg(_ scene: VectorScene) -> String {
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
            case .polyline(let points, let color, let width):
                out += "<polyline fill=\"none\" stroke=\"\(color.hexString)\" stroke-width=\"\(num(width))\""
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
                out += " text-anchor=\"\(a)\"\(bold ? " font-weight=\"bold\"" : "")>\(escape(s))</text>\n"
            }
        }
        out += "</svg>\n"
        return out
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
