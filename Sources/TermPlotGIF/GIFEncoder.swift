import CGif
import TermPlot

/// Why a GIF could not be made; the description is one readable line.
public enum GIFError: Error, CustomStringConvertible, Equatable {
    /// The picture is not 1 to 65535 pixels each way (GIF's limit).
    case size(width: Int, height: Int)
    /// A frame's size differs from the animation's.
    case frameSize(width: Int, height: Int, expectedWidth: Int, expectedHeight: Int)
    /// The animation was already finished.
    case finished
    /// giflib reported an error in `step`.
    case giflib(step: String, message: String)

    public var description: String {
        switch self {
        case .size(let w, let h): return "GIF: a picture is 1 to 65535 pixels each way, not \(w) x \(h)"
        case .frameSize(let w, let h, let ew, let eh):
            return "GIF: a frame of \(w) x \(h) pixels in an animation of \(ew) x \(eh)"
        case .finished: return "GIF: the animation is already finished"
        case .giflib(let step, let message): return "giflib: \(step): \(message)"
        }
    }
}

/// Encodes an animated GIF frame by frame through giflib, in memory.
///
/// Each frame has its own colour table (`GIFPalette`). After the first, a frame stores only
/// the rectangle that changed, with unchanged pixels transparent over the previous frame
/// (disposal "leave in place"): a plot's axes and data stay put while the model moves, so
/// most of each frame compresses to almost nothing. The animation loops forever.
public final class GIFEncoder {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Frames added so far.
    public private(set) var frameCount = 0
    /// The open giflib encoder (nil once finished).
    private var gif: UnsafeMutablePointer<GifFileType>?
    /// Collects the encoded bytes (giflib's user data).
    private let sink = ByteSink()
    /// The colour (0xRRGGBB) every pixel shows after the frames so far.
    private var shown: [UInt32]

    /// Collects the bytes giflib writes.
    private final class ByteSink { var bytes: [UInt8] = [] }

    /// Starts an animation of `width` x `height` pixels.
    public init(width: Int, height: Int) throws(GIFError) {
        guard (1...65535).contains(width) && (1...65535).contains(height) else {
            throw .size(width: width, height: height)
        }
        self.width = width
        self.height = height
        shown = [UInt32](repeating: 0, count: width * height)
        var error: Int32 = 0
        let opened = EGifOpen(
            Unmanaged.passUnretained(sink).toOpaque(),
            { file, data, length in
                guard let file, let user = file.pointee.UserData, let data, length >= 0 else { return 0 }
                let sink = Unmanaged<ByteSink>.fromOpaque(user).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return length
            }, &error)
        guard let opened else { throw .giflib(step: "open", message: Self.message(error)) }
        gif = opened
        EGifSetGifVersion(opened, true)
        try check(EGifPutScreenDesc(opened, Int32(width), Int32(height), 8, 0, nil), "screen descriptor")
        // The NETSCAPE2.0 application extension: loop count 0 = forever.
        try check(EGifPutExtensionLeader(opened, APPLICATION_EXT_FUNC_CODE), "loop extension")
        var app = Array("NETSCAPE2.0".utf8)
        try check(EGifPutExtensionBlock(opened, Int32(app.count), &app), "loop extension")
        var loop: [UInt8] = [1, 0, 0]
        try check(EGifPutExtensionBlock(opened, Int32(loop.count), &loop), "loop extension")
        try check(EGifPutExtensionTrailer(opened), "loop extension")
    }

    deinit {
        if let gif {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)
        }
    }

    /// Adds `image` drawn with `palette` (each pixel takes its nearest entry), shown for
    /// `delay` hundredths of a second (at least 2: viewers slow shorter delays down).
    public func add(_ image: RGBAImage, palette: GIFPalette, delay: Int) throws(GIFError) {
        guard image.width == width && image.height == height else {
            throw .frameSize(width: image.width, height: image.height, expectedWidth: width, expectedHeight: height)
        }
        try add(indices: palette.indices(image), palette: palette, delay: delay)
    }

    /// Adds a frame given as `palette` indices (`GIFPalette.indices`, one per pixel,
    /// row-major), shown for `delay` hundredths of a second (at least 2).
    public func add(indices: [UInt8], palette: GIFPalette, delay: Int) throws(GIFError) {
        guard let gif else { throw .finished }
        precondition(indices.count == width * height, "a GIF frame needs one index per pixel")
        let colors = palette.colors.map { UInt32($0.r) << 16 | UInt32($0.g) << 8 | UInt32($0.b) }
        // A free entry marks unchanged pixels transparent; the first frame draws everything.
        let transparent = frameCount > 0 && colors.count < 256 ? colors.count : nil
        var box = (x0: 0, y0: 0, x1: width - 1, y1: height - 1)
        if transparent != nil {
            box = (width, height, -1, -1)
            for y in 0..<height {
                for x in 0..<width where colors[Int(indices[y * width + x])] != shown[y * width + x] {
                    box = (min(box.x0, x), min(box.y0, y), max(box.x1, x), max(box.y1, y))
                }
            }
            if box.x1 < 0 { box = (0, 0, 0, 0) }
        }
        let w = box.x1 - box.x0 + 1
        let h = box.y1 - box.y0 + 1
        var pixels = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let i = (box.y0 + y) * width + box.x0 + x
                let c = colors[Int(indices[i])]
                if let t = transparent, c == shown[i] {
                    pixels[y * w + x] = UInt8(t)
                } else {
                    pixels[y * w + x] = indices[i]
                    shown[i] = c
                }
            }
        }
        var control = GraphicsControlBlock(
            DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(max(2, min(65535, delay))),
            TransparentColor: transparent.map(Int32.init) ?? NO_TRANSPARENT_COLOR)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let n = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(n), extensionBytes), "frame delay")
        try putImage(
            gif, box: (box.x0, box.y0, w, h), colors: palette.colors, spare: transparent != nil, pixels: &pixels)
        frameCount += 1
    }

    /// Writes one image descriptor with its local colour table, then its pixels.
    private func putImage(
        _ gif: UnsafeMutablePointer<GifFileType>, box: (x: Int, y: Int, w: Int, h: Int), colors: [RGB],
        spare: Bool, pixels: inout [UInt8]
    ) throws(GIFError) {
        // Colour tables hold a power of two entries (at least 2), with the spare one if asked.
        var size = 2
        while size < colors.count + (spare ? 1 : 0) { size *= 2 }
        var table = colors.map { GifColorType(Red: $0.r, Green: $0.g, Blue: $0.b) }
        table += [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: size - table.count)
        guard let map = GifMakeMapObject(Int32(size), table) else {
            throw .giflib(step: "colour table", message: "out of memory")
        }
        // giflib copies the table into the image descriptor.
        defer { GifFreeMapObject(map) }
        try check(
            EGifPutImageDesc(gif, Int32(box.x), Int32(box.y), Int32(box.w), Int32(box.h), false, map),
            "image descriptor")
        try check(EGifPutLine(gif, &pixels, Int32(pixels.count)), "pixels")
    }

    /// Ends the animation; returns the whole file.
    public func finish() throws(GIFError) -> [UInt8] {
        guard let gif else { throw .finished }
        self.gif = nil
        var error: Int32 = 0
        guard EGifCloseFile(gif, &error) == GIF_OK else { throw .giflib(step: "close", message: Self.message(error)) }
        return sink.bytes
    }

    /// Throws when a giflib call did not return GIF_OK.
    private func check(_ status: Int32, _ step: String) throws(GIFError) {
        guard status != GIF_OK else { return }
        throw .giflib(step: step, message: Self.message(gif?.pointee.Error ?? 0))
    }

    /// giflib's text for an error code.
    private static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
