import Dispatch
import Foundation
import MDNCore
import MDNFigures
import SafeIO
import SafeText
import Signals
import TermPlot
import TermPlotPNG
import Themes

/// Frame timing, for `p` (status bar) and `--profile` (stderr on exit).
struct FrameTimer {
    private(set) var buildMs: [Double] = []
    private(set) var drawMs: [Double] = []
    private(set) var keyToScreenMs: [Double] = []

    mutating func record(build: Double, draw: Double, keyLatency: Double?) {
        buildMs.append(build)
        drawMs.append(draw)
        if let k = keyLatency { keyToScreenMs.append(k) }
    }

    /// "frame build 3.1 + draw 1.2 ms": means over the last 20 frames.
    var statusText: String {
        let b = Self.mean(buildMs.suffix(20))
        let d = Self.mean(drawMs.suffix(20))
        return String(format: "frame build %.1f + draw %.1f ms", b, d)
    }

    /// A multi-line summary for stderr.
    var summary: String {
        func line(_ name: String, _ v: [Double]) -> String {
            guard !v.isEmpty else { return "\(name): no samples" }
            let s = v.sorted()
            return String(
                format: "%@: n %d, mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms",
                name, v.count, Self.mean(v[...]), s[s.count / 2], s[min(s.count - 1, s.count * 95 / 100)], s.last!)
        }
        return [
            line("build (view -> cells)", buildMs), line("draw (cells -> ncurses)", drawMs),
            line("key -> screen", keyToScreenMs),
        ].joined(separator: "\n")
    }

    private static func mean(_ v: ArraySlice<Double>) -> Double { v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count) }
}

/// The explorer's run loop: owns the screen (main thread only), the training session and the
/// state; feeds events to `update` and performs the effects.
public final class ExplorerApp {
    private let options: ExplorerOptions
    private let loaded: LoadedData
    private var state: ExplorerState
    private var session: TrainingSession
    /// Counts `r` restarts: which session the shown snapshot and the cached heatmap came from
    /// (an object's address could be reused by a later session).
    private var sessionGeneration = 0
    private var samples: SampleSet?
    /// The density view's p(y|x) grid and what it was computed for (session, K, MDN epoch, size).
    private var heatmapCache: (key: [Int], heatmap: Heatmap)?
    private let themeLoader: ThemeLoader
    /// Names `c` cycles through (the loader's order; a theme given by path comes first).
    private let themeNames: [String]
    private var theme: Theme
    private var themeCache: [String: Theme] = [:]
    private var timer = FrameTimer()

    /// Runs the explorer; returns the process exit code. Restores the terminal on every path.
    public static func run(_ options: ExplorerOptions) -> Int32 {
        // Startup checks before curses: nothing may reach the terminal when they fail.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError(ExplorerError.notATerminal.description)
            return 2
        }
        let unicode = configureLocale()
        let loaded: LoadedData
        do {
            loaded = try LoadedData.load(options)
        } catch {
            printError("\(error)")
            return 1
        }
        guard loaded.data.inputDimension == 1, loaded.data.outputDimension == 1 else {
            printError(
                ExplorerError.unsupportedShape(inputs: loaded.data.inputDimension, outputs: loaded.data.outputDimension)
                    .description)
            return 1
        }
        let app = ExplorerApp(options: options, loaded: loaded, unicode: unicode)
        return app.loop()
    }

    private init(options: ExplorerOptions, loaded: LoadedData, unicode: Bool) {
        self.options = options
        self.loaded = loaded
        themeLoader = ThemeLoader.standard()
        let (initial, warning) = themeLoader.loadOrFallback(options.theme)
        var names = themeLoader.themeNames
        if !names.contains(initial.name) { names.insert(initial.name, at: 0) }
        themeNames = names
        theme = initial
        themeCache[initial.name] = initial
        var s = ExplorerState()
        s.unicode = unicode
        s.view = options.view
        s.canvas = unicode ? options.canvas : .ascii
        s.mixtures = options.mixtures
        s.temperature = options.temperature
        s.sigmaTemperature = options.sigmaTemperature
        s.seed = options.seed
        s.themeCount = names.count
        s.themeIndex = names.firstIndex(of: initial.name) ?? 0
        s.exportFormats = options.exportFormats
        if !unicode { s.statusMessage = "locale is not UTF-8: ASCII canvas" }
        if let warning { s.statusMessage = warning }
        state = s
        session = TrainingSession(
            config: Self.sessionConfig(loaded, options: options, mixtures: options.mixtures, seed: options.seed))
    }

    /// The training session's configuration for `loaded` data, K and seed (the trainers come
    /// from its `TrainerRecipe`, as in `mdnx train`).
    static func sessionConfig(_ loaded: LoadedData, options: ExplorerOptions, mixtures: Int, seed: UInt64)
        -> SessionConfig
    {
        var c = SessionConfig(data: loaded.data, mixtures: mixtures, preset: options.preset, seed: seed)
        c.isUserData = loaded.isUserData
        return c
    }

    /// Sets the locale from the environment; falls back to C.UTF-8. True when UTF-8 is active.
    static func configureLocale() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8() { return true }
        if setlocale(LC_CTYPE, "C.UTF-8") != nil, isUTF8() { return true }
        return false
    }

    private static func isUTF8() -> Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    private func loop() -> Int32 {
        // SIGINT, SIGTERM and SIGHUP end the loop, which restores the terminal. Caught before
        // newterm, so that ncurses installs no handlers of its own.
        let quit = SignalFlag(catching: [SIGINT, SIGTERM, SIGHUP], queue: DispatchQueue(label: "mdnx.signals"))
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(theme: theme, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError(error.description)
            return 1
        }
        defer {
            screen.end()
            session.stop()
            if options.profile { printError(timer.summary + "\n" + session.snapshot.epochTimingSummary) }
        }
        let size = screen.size
        (state, _) = update(state, .resize(width: size.width, height: size.height))
        session.start()
        let frameMs = max(5, 1000 / max(1, options.fps))
        var dirty = true
        var shownSequence = -1
        var shownGeneration = sessionGeneration
        var pendingKeyTime: UInt64? = nil
        var finishAnnounced = false
        var lastDraw: UInt64 = 0
        while !quit.isSet && !state.quitting {
            // Block for input until the next frame is due; then drain what else is queued.
            let sinceDraw = Int((DispatchTime.now().uptimeNanoseconds - lastDraw) / 1_000_000)
            var input = screen.read(timeout: dirty ? 0 : max(1, frameMs - sinceDraw))
            if input == nil { dispatch(.tick, screen: screen) }
            while let event = input {
                let now = DispatchTime.now().uptimeNanoseconds
                switch event {
                case .key(let key):
                    pendingKeyTime = pendingKeyTime ?? now
                    dispatch(.key(key), screen: screen)
                case .resize(let w, let h):
                    dispatch(.resize(width: w, height: h), screen: screen)
                }
                dirty = true
                if state.quitting { break }
                input = screen.read(timeout: 0)
            }
            if state.quitting { break }
            let seq = session.sequence
            if seq != shownSequence || sessionGeneration != shownGeneration {
                shownSequence = seq
                shownGeneration = sessionGeneration
                dirty = true
                dispatch(.snapshotArrived(sequence: seq), screen: screen)
                let snap = session.snapshot
                if snap.finished != finishAnnounced {
                    finishAnnounced = snap.finished
                    if snap.finished { dispatch(.trainingFinished(snap.stopSummary), screen: screen) }
                }
            }
            guard dirty else { continue }
            dirty = false
            let t0 = DispatchTime.now().uptimeNanoseconds
            let grid = ExplorerView.screen(state, frameInput())
            let t1 = DispatchTime.now().uptimeNanoseconds
            screen.draw(grid)
            let t2 = DispatchTime.now().uptimeNanoseconds
            lastDraw = t2
            timer.record(
                build: Double(t1 - t0) / 1e6, draw: Double(t2 - t1) / 1e6,
                keyLatency: pendingKeyTime.map { Double(t2 - $0) / 1e6 })
            pendingKeyTime = nil
        }
        return quit.signal.map { 128 + $0 } ?? 0
    }

    /// Runs `update` and performs the effects.
    private func dispatch(_ event: ExplorerEvent, screen: NcursesScreen) {
        let effects: [Effect]
        (state, effects) = update(state, event)
        for effect in effects { perform(effect, screen: screen) }
    }

    private func perform(_ effect: Effect, screen: NcursesScreen) {
        switch effect {
        case .restartMDN(let k):
            session.restartMDN(mixtures: k)
            samples = nil
        case .restartAll(let seed):
            session.stop()
            session = TrainingSession(
                config: Self.sessionConfig(loaded, options: options, mixtures: state.mixtures, seed: seed))
            sessionGeneration += 1
            session.start()
            samples = nil
        case .pause:
            session.pause()
        case .resume:
            session.resume()
        case .export(let formats):
            let message = export(formats)
            (state, _) = update(state, .status(message))
        case .applyTheme(let index):
            let name = themeNames[index]
            var message = "theme: \(name)"
            if let cached = themeCache[name] {
                theme = cached
            } else {
                do {
                    theme = try themeLoader.load(name)
                    themeCache[name] = theme
                } catch {
                    message = "theme \(name): \(error)"
                }
            }
            screen.setTheme(theme)
            (state, _) = update(state, .status(message))
        case .resample:
            samples = nil
        case .quit:
            break
        }
    }

    /// The current frame's inputs; draws new samples when the snapshot or temperatures changed.
    private func frameInput() -> FrameInput {
        let snap = session.snapshot
        if samples?.isCurrent(sequence: snap.sequence, generation: state.samplingGeneration) != true {
            do {
                samples = try SampleSet.draw(
                    from: snap, temperature: state.temperature,
                    sigmaTemperature: state.sigmaTemperature, generation: state.samplingGeneration)
            } catch {
                samples = nil
                (state, _) = update(state, .status("sampling failed: \(error)"))
            }
        }
        var input = FrameInput(
            snapshot: snap, data: loaded.data, dataName: loaded.name, referenceNLL: loaded.referenceNLL,
            samples: samples, themeName: SafeText.echo(theme.name, limit: SafeText.labelLimit),
            profile: timer.statusText)
        input.equalAspect = loaded.equalAspect
        if state.view == .density, let batch = snap.mixtureRows, batch.count > 0 {
            let area = ExplorerView.mainArea(width: state.width, height: state.height)
            let resolution = FigureResolution.cells(width: area.width, height: area.height)
            // MSE epochs do not change the mixture: key on the MDN's epoch and K (and on the
            // temperatures, which the density follows).
            let key = [
                sessionGeneration, snap.mixtures, snap.mdn.epoch, resolution.densityColumns, resolution.densityRows,
                state.samplingGeneration,
            ]
            if heatmapCache?.key != key,
                let heatmap = StandardFigures.densityHeatmap(
                    ExplorerView.scene(state, input), resolution: resolution)
            {
                heatmapCache = (key, heatmap)
            }
            input.heatmap = heatmapCache?.key == key ? heatmapCache?.heatmap : nil
        }
        return input
    }

    /// Writes the current view in each format; returns the status line (paths or the error).
    /// Each export re-evaluates p(y|x) at its own resolution: the text grid's cells, or the
    /// vector grid for svg and png.
    private func export(_ formats: [ExportFormat]) -> String {
        var input = frameInput()
        input.heatmap = nil
        let stamp = Self.timestamp()
        let options = ExportOptions(
            columns: max(ExplorerView.minimumWidth, state.width),
            rows: max(ExplorerView.minimumHeight, state.height - 4), canvas: state.canvas)
        var written: [String] = []
        for format in formats {
            let path = Self.unusedPath(
                "\(self.options.exportDirectory)/mdnx-\(state.view.rawValue)-\(stamp)", ext: format.rawValue)
            let vector = format == .svg || format == .png
            let resolution = vector ? .vector : FigureResolution.cells(width: options.columns, height: options.rows)
            let figure = ExplorerView.mainFigure(state, input, resolution: resolution)
            do {
                try FigureExporter.write(
                    figure, to: path, palette: theme.palette, options: options, pngEncoder: CairoPNGEncoder())
                written.append(path)
            } catch {
                return "export failed: \(error)"
                    + (written.isEmpty ? "" : " (wrote \(written.joined(separator: ", ")))")
            }
        }
        return "exported " + written.joined(separator: ", ")
    }

    private static func timestamp() -> String {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return String(
            format: "%04d%02d%02d-%02d%02d%02d", tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday,
            tmv.tm_hour, tmv.tm_min, tmv.tm_sec)
    }

    /// `base.ext`, or `base-2.ext`, ... when something is there (exports never overwrite;
    /// `lstat`, so a dangling symbolic link counts as taken).
    private static func unusedPath(_ base: String, ext: String) -> String {
        var path = "\(base).\(ext)"
        var n = 2
        var st = stat()
        while lstat(path, &st) == 0 {
            path = "\(base)-\(n).\(ext)"
            n += 1
        }
        return path
    }
}

/// One line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
}
