import TermPlot

/// The colours (at most 256) a GIF frame is drawn with, and the mapping of any pixel to its
/// nearest entry.
///
/// A plot uses a handful of palette colours, so quantisation is simple: when a frame has at
/// most `limit` distinct colours they are the palette (lossless); otherwise the palette is
/// the scene's colours plus, for each, a ramp of blends towards the background (what cairo
/// makes of anti-aliased edges and translucent points), and each pixel takes its nearest entry.
public struct GIFPalette: Hashable, Sendable {
    /// The entries, in index order.
    public let colors: [RGB]

    /// A palette of the given entries (1 to 256).
    public init(colors: [RGB]) {
        precondition((1...256).contains(colors.count), "a GIF palette has 1 to 256 colours")
        self.colors = colors
    }

    /// The palette for `image`: its own colours when there are at most `limit`, else
    /// `anchors` with blends towards `background` (see `ramps`).
    public static func forImage(_ image: RGBAImage, anchors: [RGB], background: RGB, limit: Int = 256) -> GIFPalette {
        exact(image, limit: limit) ?? ramps(anchors: anchors, background: background, limit: limit)
    }

    /// The image's distinct colours (alpha ignored) in order of first appearance, or nil when
    /// there are more than `limit`.
    public static func exact(_ image: RGBAImage, limit: Int = 256) -> GIFPalette? {
        precondition((1...256).contains(limit), "a GIF palette has 1 to 256 colours")
        var seen: [UInt32: Int] = [:]
        var colors: [RGB] = []
        var last: UInt32 = .max
        image.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let key = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
                i += 4
                if key == last { continue }
                last = key
                if seen[key] == nil {
                    seen[key] = colors.count
                    colors.append(RGB(hex: key))
                    if colors.count > limit { return }
                }
            }
        }
        guard colors.count <= limit else { return nil }
        return GIFPalette(colors: colors.isEmpty ? [RGB(0, 0, 0)] : colors)
    }

    /// `background`, then each distinct anchor, then for each anchor `steps` evenly spaced
    /// blends between the background and it (t = k / (steps + 1)), with as many steps as fit
    /// in `limit` (at most 15). More anchors than fit are merged into their nearest
    /// neighbour until they fit.
    public static func ramps(anchors: [RGB], background: RGB, limit: Int = 256) -> GIFPalette {
        precondition((1...256).contains(limit), "a GIF palette has 1 to 256 colours")
        var base: [RGB] = []
        var seen: Set<RGB> = [background]
        for c in anchors where seen.insert(c).inserted { base.append(c) }
        while base.count + 1 > limit { base.remove(at: closestPairMember(base)) }
        let steps = base.isEmpty ? 0 : min(15, (limit - 1 - base.count) / base.count)
        var colors = [background] + base
        for c in base where steps > 0 {
            for k in 1...steps {
                let blend = background.mixed(with: c, amount: Double(k) / Double(steps + 1))
                if seen.insert(blend).inserted { colors.append(blend) }
            }
        }
        return GIFPalette(colors: colors)
    }

    /// The index of one colour of the closest pair in `colors` (at least two).
    static func closestPairMember(_ colors: [RGB]) -> Int {
        var best = (i: 1, d: Int.max)
        for i in colors.indices {
            for j in colors.indices where j < i {
                let d = distance(colors[i], colors[j])
                if d < best.d { best = (i, d) }
            }
        }
        return best.i
    }

    /// Squared RGB distance.
    @inline(__always) static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r)
        let dg = Int(a.g) - Int(b.g)
        let db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }

    /// The index of the entry nearest `color` (the first of equally near ones).
    public func nearestIndex(_ color: RGB) -> Int {
        var best = (index: 0, d: Int.max)
        for (i, c) in colors.enumerated() {
            let d = Self.distance(c, color)
            if d < best.d {
                best = (i, d)
                if d == 0 { break }
            }
        }
        return best.index
    }

    /// Every pixel's nearest entry, row-major.
    public func indices(_ image: RGBAImage) -> [UInt8] {
        var cache: [UInt32: UInt8] = [:]
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        var lastKey: UInt32 = .max
        var lastIndex: UInt8 = 0
        image.pixels.withUnsafeBufferPointer { p in
            for n in out.indices {
                let i = 4 * n
                let key = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
                if key != lastKey {
                    lastKey = key
                    if let cached = cache[key] {
                        lastIndex = cached
                    } else {
                        lastIndex = UInt8(nearestIndex(RGB(hex: key)))
                        cache[key] = lastIndex
                    }
                }
                out[n] = lastIndex
            }
        }
        return out
    }
}

extension VectorScene {
    /// Every colour the scene's commands draw with, background first, each once, in order:
    /// the anchors of a GIF palette.
    public var colors: [RGB] {
        var out: [RGB] = [background]
        var seen: Set<RGB> = [background]
        func add(_ c: RGB?) {
            if let c, seen.insert(c).inserted { out.append(c) }
        }
        for command in commands {
            switch command {
            case .rect(_, _, _, _, let fill, let stroke, _):
                add(fill)
                add(stroke)
            case .line(_, _, let color, _, _, _): add(color)
            case .polyline(_, let color, _, _): add(color)
            case .image(_, _, _, _, let raster): for c in raster.representativeColors(32) { add(c) }
            case .circles(_, _, let color, _): add(color)
            case .text(_, _, _, let color, _, _): add(color)
            }
        }
        return out
    }
}
