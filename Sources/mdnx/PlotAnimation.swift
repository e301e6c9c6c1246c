import ArgumentParser
import Foundation
import MDNAnimation
import MDNCore
import MDNFigures
import MDNIO
import Signals

/// `mdnx plot --animate --history FILE -o OUT.gif|OUT.cast`: a recorded training as an
/// animation (see `AnimationExport`), with progress on standard error.
extension PlotCommand {
    /// The option checks of the animation path.
    func validateAnimation() throws {
        if !animate {
            if history != nil { throw ValidationError("--history is drawn with --animate") }
            if epochs != nil || fps != nil || maxFrames != nil {
                throw ValidationError("--epochs, --fps and --max-frames apply to --animate")
            }
            return
        }
        guard history != nil else {
            throw ValidationError("--animate needs --history FILE (a training recorded by mdnx train --history)")
        }
        guard let output else { throw ValidationError("--animate writes a file: give -o FILE.gif or -o FILE.cast") }
        do { _ = try AnimationExport.Kind(path: output) } catch { throw ValidationError(error.description) }
        if !model.isEmpty { throw ValidationError("--history holds its models; leave out --model") }
        if source.data != nil || source.dataset != nil || source.count != nil || !source.x.isEmpty || !source.y.isEmpty
        {
            throw ValidationError("--history holds its data; leave out --data, --dataset, --count, --x and --y")
        }
    }

    /// Writes the animation.
    func runAnimation() throws {
        guard let path = history, let output else { return }
        let kind = try AnimationExport.Kind(path: output)
        try OutputCheck.ensureWritable(output, force: force)
        let (width, height) = try animationSize(kind)
        let theme = try loadTheme()
        let recording = try TrainingRecording.load(path: path)
        let temperatures = try Temperatures(
            sampling: Double(self.temperatures.temperature), sigma: Double(self.temperatures.sigmaTemperature))
        let available = recording.history.epochCount
        let range = epochs?.resolved(available: available) ?? 1...max(1, available)
        let animation = HistoryAnimation(
            history: recording.history,
            data: AnimationData(
                points: XYPoints(xs: recording.x, ys: recording.y), name: recording.dataName,
                xName: recording.xName, yName: recording.yName, equalAspect: recording.equalAspect),
            view: view ?? .overlay, temperatures: temperatures, epochs: range,
            columns: kind == .cast ? width ?? 160 : 160, rows: kind == .cast ? height ?? 48 : 48, canvas: canvas,
            framesPerSecond: fps ?? 10, maxFrames: maxFrames ?? HistoryAnimation.defaultMaxFrames, seed: seed)
        let look = AnimationLook(
            pixelWidth: kind == .gif ? width ?? 900 : 900, pixelHeight: kind == .gif ? height ?? 800 : 800,
            palette: theme.palette, title: "mdnx: training on \(recording.dataName)")
        let stop = SignalFlag(catching: [SIGINT])
        let start = ContinuousClock.now
        let progress = AnimationProgressLine(label: output)
        let report: AnimationReport
        do {
            report = try AnimationExport.write(
                animation, to: output, look: look, overwrite: force, progress: progress.update,
                isCancelled: { stop.isSet })
        } catch {
            progress.clear()
            guard error == .cancelled else { throw error }
            printToStandardError(error.description)
            throw ExitCode(130)
        }
        progress.clear()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let bytes = report.files.first?.bytes ?? 0
        printToStandardError(
            String(
                format: "wrote %@ (%d frames, epochs %d to %d of %d, %.1f s of play, %.1f MB) in %.1f s", output,
                report.frames, range.lowerBound, range.upperBound, available, report.duration,
                Double(bytes) / 1e6, seconds))
    }

    /// --width/--height for the animation: pixels for .gif (64 to 4000), cells for .cast (20
    /// to 1000 columns, 12 to 500 rows).
    func animationSize(_ kind: AnimationExport.Kind) throws(PlotError) -> (Int?, Int?) {
        let limits: [(String, Int?, Int, Int)] =
            kind == .gif
            ? [("--width", width, 64, 4000), ("--height", height, 64, 4000)]
            : [("--width", width, 20, 1000), ("--height", height, 12, 500)]
        for (name, value, low, high) in limits {
            if let value, value < low || value > high {
                throw .sizeOutOfRange(
                    option: name, value: value, minimum: low, maximum: high, unit: kind == .gif ? "pixels" : "cells",
                    target: "." + kind.rawValue)
            }
        }
        return (width, height)
    }
}

/// Animation progress on standard error: "out.gif: frame 37/200" rewritten in place on a
/// terminal, a line every 10% otherwise.
final class AnimationProgressLine {
    /// The output's name.
    let label: String
    /// Standard error is a terminal.
    let isTerminal = isatty(STDERR_FILENO) == 1
    /// The last tenth reported (pipes).
    private var lastTenth = -1

    /// A progress line for `label`.
    init(label: String) {
        self.label = label
    }

    /// Reports `done` of `total` frames.
    func update(_ done: Int, _ total: Int) {
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(label): frame \(done)/\(total)".utf8))
        } else {
            let tenth = done * 10 / max(1, total)
            if tenth != lastTenth {
                lastTenth = tenth
                printToStandardError("\(label): frame \(done)/\(total)")
            }
        }
    }

    /// Clears the in-place line on a terminal.
    func clear() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
