import SafeIO
import TermPlot
import TermPlotGIF
import TermPlotPNG

/// How an animation looks: sizes, colours, the recording's title.
public struct AnimationLook: Sendable {
    /// The GIF's size in pixels.
    public var pixelWidth: Int
    /// The GIF's size in pixels.
    public var pixelHeight: Int
    /// The palette every frame is drawn with (the theme's).
    public var palette: Palette
    /// The asciicast's colours: 24-bit or the xterm 256-colour palette.
    public var colorMode: AnsiColorMode
    /// The asciicast header's title.
    public var title: String?

    /// A look.
    public init(
        pixelWidth: Int = 900, pixelHeight: Int = 640, palette: Palette, colorMode: AnsiColorMode = .truecolor,
        title: String? = nil
    ) {
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.palette = palette
        self.colorMode = colorMode
        self.title = title
    }
}

/// What an animation export wrote.
public struct AnimationReport: Sendable, Equatable {
    /// Frames in each file.
    public var frames: Int
    /// Play time in seconds, the last frame's hold included.
    public var duration: Double
    /// The files written, in order, with their sizes in bytes.
    public var files: [WrittenFile]

    /// One file written.
    public struct WrittenFile: Sendable, Equatable {
        /// Its path.
        public var path: String
        /// Its size in bytes.
        public var bytes: Int
    }
}

/// Writes a sequence of frames as an animated GIF and/or an asciicast: each frame's figure is
/// re-plotted with `VectorPlotter`, rasterised by cairo and quantised to its own colours; its
/// screen goes through the one ANSI encoder. Files are written atomically at the end, so a
/// cancelled or failed export leaves nothing behind.
public enum AnimationWriter {
    /// Writes `count` frames (`frame(i)` for i in 0..<count) to `gif` and/or `cast`;
    /// `progress(done, count)` follows every frame; `isCancelled` is asked before each frame.
    /// Existing files are replaced only with `overwrite`.
    public static func write(
        count: Int, frame: (Int) throws(AnimationError) -> AnimationFrame, gif: String?, cast: String?,
        overwrite: Bool = false, look: AnimationLook, progress: (Int, Int) -> Void = { _, _ in },
        isCancelled: () -> Bool = { false }
    ) throws(AnimationError) -> AnimationReport {
        guard count > 0 else { throw .noFrames(reason: "no frames") }
        precondition(gif != nil || cast != nil, "an animation needs a .gif or a .cast path")
        var encoder: GIFEncoder? = nil
        if gif != nil {
            do {
                encoder = try GIFEncoder(width: look.pixelWidth, height: look.pixelHeight)
            } catch {
                throw .gif(error)
            }
        }
        var recording: AsciicastWriter? = nil
        var time = 0.0
        var centiseconds = 0
        for i in 0..<count {
            if isCancelled() { throw .cancelled }
            let f = try frame(i)
            if let encoder {
                // Delays in hundredths, rounded on the running time so they add up to it.
                let end = Int(((time + f.duration) * 100).rounded())
                try add(f.figure, to: encoder, look: look, delay: end - centiseconds)
                centiseconds = end
            }
            if cast != nil {
                if recording == nil {
                    recording = AsciicastWriter(
                        width: f.screen.width, height: f.screen.height, palette: look.palette, mode: look.colorMode,
                        title: look.title)
                }
                recording?.append(f.screen, at: time)
            }
            time += f.duration
            progress(i + 1, count)
        }
        if isCancelled() { throw .cancelled }
        recording?.finish(at: time)
        var files: [AnimationReport.WrittenFile] = []
        if let gif, let encoder {
            let bytes: [UInt8]
            do { bytes = try encoder.finish() } catch { throw .gif(error) }
            try save(bytes, gif, overwrite: overwrite)
            files.append(.init(path: gif, bytes: bytes.count))
        }
        if let cast, let recording {
            try save(recording.bytes, cast, overwrite: overwrite)
            files.append(.init(path: cast, bytes: recording.bytes.count))
        }
        return AnimationReport(frames: count, duration: time, files: files)
    }

    /// Re-plots `figure` at the look's size, rasterises and adds it to the GIF.
    static func add(_ figure: Figure, to encoder: GIFEncoder, look: AnimationLook, delay: Int) throws(AnimationError) {
        let scene = VectorPlotter.scene(figure, width: look.pixelWidth, height: look.pixelHeight, palette: look.palette)
        let image: RGBAImage
        do { image = try CairoRasterizer.image(scene) } catch { throw .raster(error) }
        // One entry stays free for the GIF's "unchanged" pixels.
        let palette = GIFPalette.forImage(image, anchors: scene.colors, background: scene.background, limit: 255)
        do { try encoder.add(image, palette: palette, delay: delay) } catch { throw .gif(error) }
    }

    /// Writes `bytes` to `path` atomically.
    static func save(_ bytes: [UInt8], _ path: String, overwrite: Bool) throws(AnimationError) {
        do { try AtomicFile.write(bytes, to: path, overwrite: overwrite) } catch { throw .write(error) }
    }
}
