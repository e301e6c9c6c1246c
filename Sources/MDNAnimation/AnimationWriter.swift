import Dispatch
import Foundation
import SafeIO
import Synchronization
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
        pixelWidth: Int = 900, pixelHeight: Int = 800, palette: Palette, colorMode: AnsiColorMode = .truecolor,
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
/// screen goes through the one ANSI encoder. Frames are built and rasterised on `workers`
/// threads, a few at a time, and encoded in order on the caller's thread. Files are written
/// atomically at the end, so a cancelled or failed export leaves nothing behind.
public enum AnimationWriter {
    /// Threads that build and rasterise frames by default: the cores, at most 4.
    public static let defaultWorkers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// A frame ready to encode: its screen and duration, and its GIF pixels as palette indices.
    struct Rendered: Sendable {
        var screen: CellGrid
        var duration: Double
        var gif: (indices: [UInt8], palette: GIFPalette)?
    }

    /// Writes `count` frames (`frame(i)` for i in 0..<count, called on worker threads) to `gif`
    /// and/or `cast`; `progress(done, count)` follows every frame and `isCancelled` is asked
    /// between batches, both on the caller's thread. Existing files are replaced only with
    /// `overwrite`.
    public static func write(
        count: Int, frame: @escaping @Sendable (Int) throws(AnimationError) -> AnimationFrame, gif: String?,
        cast: String?, overwrite: Bool = false, look: AnimationLook, workers: Int = AnimationWriter.defaultWorkers,
        progress: (Int, Int) -> Void = { _, _ in }, isCancelled: () -> Bool = { false }
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
        var next = 0
        let lanes = max(1, workers)
        while next < count {
            if isCancelled() { throw .cancelled }
            let batch = next..<min(count, next + 2 * lanes)
            for r in try render(batch, frame: frame, look: look, raster: gif != nil, lanes: lanes) {
                if let encoder, let g = r.gif {
                    // Delays in hundredths, rounded on the running time so they add up to it.
                    let end = Int(((time + r.duration) * 100).rounded())
                    do {
                        try encoder.add(indices: g.indices, palette: g.palette, delay: end - centiseconds)
                    } catch {
                        throw .gif(error)
                    }
                    centiseconds = end
                }
                if cast != nil {
                    if recording == nil {
                        recording = AsciicastWriter(
                            width: r.screen.width, height: r.screen.height, palette: look.palette,
                            mode: look.colorMode, title: look.title)
                    }
                    recording?.append(r.screen, at: time)
                }
                time += r.duration
                next += 1
                progress(next, count)
            }
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

    /// Builds (and with `raster`, rasterises) the frames of `batch` on `lanes` threads; in order.
    static func render(
        _ batch: Range<Int>, frame: @Sendable (Int) throws(AnimationError) -> AnimationFrame, look: AnimationLook,
        raster: Bool, lanes: Int
    ) throws(AnimationError) -> [Rendered] {
        let results = Mutex<[Int: Result<Rendered, AnimationError>]>([:])
        let n = min(lanes, batch.count)
        DispatchQueue.concurrentPerform(iterations: n) { lane in
            for i in stride(from: batch.lowerBound + lane, to: batch.upperBound, by: n) {
                let r = Result { () throws(AnimationError) -> Rendered in
                    let f = try frame(i)
                    return Rendered(
                        screen: f.screen, duration: f.duration,
                        gif: raster ? try pixels(f.figure, strip: f.strip, look: look) : nil)
                }
                results.withLock { $0[i] = r }
            }
        }
        let done = results.withLock { $0 }
        var out: [Rendered] = []
        for i in batch {
            switch done[i] {
            case .success(let r): out.append(r)
            case .failure(let e): throw e
            case nil: preconditionFailure("frame \(i) was not rendered")
            }
        }
        return out
    }

    /// Re-plots `figure` (with `strip` below it in a quarter of the height) at the look's
    /// size, rasterises it and maps it to its palette.
    static func pixels(_ figure: Figure, strip: Figure? = nil, look: AnimationLook) throws(AnimationError) -> (
        [UInt8], GIFPalette
    ) {
        let scene =
            strip.map {
                VectorPlotter.scene(
                    stacking: [figure, $0], weights: [3, 1], width: look.pixelWidth, height: look.pixelHeight,
                    palette: look.palette)
            } ?? VectorPlotter.scene(figure, width: look.pixelWidth, height: look.pixelHeight, palette: look.palette)
        let image: RGBAImage
        do { image = try CairoRasterizer.image(scene) } catch { throw .raster(error) }
        // One entry stays free for the GIF's "unchanged" pixels.
        let palette = GIFPalette.forImage(image, anchors: scene.colors, background: scene.background, limit: 255)
        return (palette.indices(image), palette)
    }

    /// Writes `bytes` to `path` atomically.
    static func save(_ bytes: [UInt8], _ path: String, overwrite: Bool) throws(AnimationError) {
        do { try AtomicFile.write(bytes, to: path, overwrite: overwrite) } catch { throw .write(error) }
    }
}
