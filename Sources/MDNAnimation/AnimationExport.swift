import Foundation
import MDNCore
import MDNFigures
import TermPlot

/// Exports a recorded training as an animation: the one entry point of the explorer's `E`
/// key and of `mdnx plot --animate`.
public enum AnimationExport {
    /// The output kinds, by file extension.
    public enum Kind: String, Sendable, CaseIterable {
        case gif, cast

        /// The kind of `path`'s extension (case-insensitive).
        public init(path: String) throws(AnimationError) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."),
                let kind = Kind(rawValue: name[name.index(after: dot)...].lowercased())
            else { throw .unknownExtension(path: path) }
            self = kind
        }
    }

    /// Writes `animation` to `path` (`.gif` or `.cast`), atomically, replacing an existing
    /// file only with `overwrite`; `progress(done, total)` follows every frame and
    /// `isCancelled` is asked before each. Both closures are called on the caller's thread.
    public static func write(
        _ animation: HistoryAnimation, to path: String, look: AnimationLook, overwrite: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }, isCancelled: () -> Bool = { false }
    ) throws(AnimationError) -> AnimationReport {
        let kind = try Kind(path: path)
        return try write(
            animation, gif: kind == .gif ? path : nil, cast: kind == .cast ? path : nil, look: look,
            overwrite: overwrite, progress: progress, isCancelled: isCancelled)
    }

    /// Writes `animation` as a GIF and/or an asciicast (see `write(_:to:...)`); the frames are
    /// built once for both.
    public static func write(
        _ animation: HistoryAnimation, gif: String?, cast: String?, look: AnimationLook, overwrite: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }, isCancelled: () -> Bool = { false }
    ) throws(AnimationError) -> AnimationReport {
        try animation.validate()
        let positions = animation.positions
        let durations = animation.durations(count: positions.count)
        return try AnimationWriter.write(
            count: positions.count,
            frame: { i throws(AnimationError) in animation.frame(positions[i], duration: durations[i]) },
            gif: gif, cast: cast, overwrite: overwrite, look: look, progress: progress, isCancelled: isCancelled)
    }

    /// The explorer's `E`: the recorded training from the first epoch to `position` (the
    /// viewed one) as `mdnx-<view>-training-<time>.gif` and `.cast` in `directory`, next to
    /// the `e` exports; an existing name gets `-2`, `-3`, ... (nothing is overwritten). The GIF
    /// is `look`'s size in pixels; the asciicast's screen is `columns` x `rows` cells.
    public static func exportTraining(
        history: TrainingHistory, through position: Int, data: AnimationData, view: FigureView,
        temperatures: Temperatures, canvas: CanvasKind, columns: Int, rows: Int, look: AnimationLook,
        directory: String, referenceNLL: Double? = nil, progress: (Int, Int) -> Void = { _, _ in },
        isCancelled: () -> Bool = { false }
    ) throws(AnimationError) -> AnimationReport {
        let last = min(max(1, position), max(1, history.epochCount))
        let animation = HistoryAnimation(
            history: history, data: data, view: view, temperatures: temperatures, epochs: 1...last,
            columns: max(20, columns), rows: max(12, rows), canvas: canvas, referenceNLL: referenceNLL)
        let base = unusedBase(in: directory, view: view, stamp: timestamp())
        return try write(
            animation, gif: base + ".gif", cast: base + ".cast", look: look, overwrite: false, progress: progress,
            isCancelled: isCancelled)
    }

    /// `directory/mdnx-<view>-training-<stamp>`, or with `-2`, `-3`, ... appended when a
    /// `.gif` or `.cast` of that name exists.
    static func unusedBase(in directory: String, view: FigureView, stamp: String) -> String {
        let base = "\(directory)/mdnx-\(view.rawValue)-training-\(stamp)"
        var candidate = base
        var n = 2
        while Kind.allCases.contains(where: { access(candidate + "." + $0.rawValue, F_OK) == 0 }) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    /// The local time as "20250131-235959".
    static func timestamp() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        return String(
            format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
