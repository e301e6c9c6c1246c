import Dispatch
import Foundation
import MDNAnimation
import MDNCore
import MDNFigures
import SafeIO
import SafeText
import Synchronization
import TermPlot
import TermPlotPNG
import Themes

/// Events from the loop's background jobs (the plot and animation exports), and the flag
/// that cancels them; shared with the jobs' threads.
final class JobInbox: Sendable {
    /// Events not yet dispatched.
    let events = Mutex<[ExplorerEvent]>([])
    /// Set when the loop ends: a running animation stops at its next frame.
    let cancelled = Atomic<Bool>(false)
    /// Signalled when a job ends.
    let finished = DispatchSemaphore(value: 0)
    /// How many jobs are running.
    let running = Atomic<Int>(0)

    /// Runs `job` on a thread of its own named `name`, a little nicer than the UI, and
    /// counts it as running until it returns.
    func start(_ name: String, _ job: @escaping @Sendable () -> Void) {
        running.add(1, ordering: .releasing)
        let thread = Thread { [self] in
            Thread.current.name = name
            TrainingSession.lowerThreadPriority(by: 5)
            job()
            running.subtract(1, ordering: .releasing)
            finished.signal()
        }
        thread.start()
    }

    /// Waits until no job runs, `seconds` at most in all.
    func waitForAll(seconds: Double) {
        let deadline = DispatchTime.now() + seconds
        while running.load(ordering: .acquiring) > 0 {
            if finished.wait(timeout: deadline) == .timedOut { return }
        }
    }

    /// Queues an event for the loop.
    func post(_ event: ExplorerEvent) { events.withLock { $0.append(event) } }

    /// The events queued since the last call.
    func drain() -> [ExplorerEvent] {
        events.withLock { e in
            defer { e.removeAll() }
            return e
        }
    }
}

/// The explorer's run loop, independent of the terminal: reads keys from a `Screen`, drains
/// the training's events, feeds both (and the clock) to `update`, performs the effects, and
/// draws a frame when something changed. The ncurses screen and the real training session
/// are injected by `ExplorerApp`; tests inject an in-memory screen, a clock and a session
/// double, so the loop itself runs without a terminal (keys in, frames out).
///
/// A key travels: screen.read -> `.key` -> update (state changes, effects) -> effects
/// performed -> frame drawn at once. A snapshot travels: training thread -> session inbox ->
/// drainEvents -> `.training(.epoch)` -> update records it in the state's timeline -> the
/// frame cache evaluates the shown epoch when its key changed -> frame drawn (at most `fps`
/// times a second for training alone).
public final class ExplorerLoop {
    /// The UI state (read by tests).
    public private(set) var state: ExplorerState
    private let options: ExplorerOptions
    private let loaded: LoadedData
    private let screen: any Screen
    private var session: any TrainingControl
    private let makeSession: (SessionConfig) -> any TrainingControl
    /// Monotonic nanoseconds.
    private let now: () -> UInt64
    private let frames: FrameCache
    private(set) var timer = FrameTimer()

    /// The themes `c` cycles through and the one in use.
    struct ThemeSet {
        /// Loads themes by name.
        var loader: ThemeLoader
        /// Names `c` cycles through (the loader's order; a theme given by path comes first).
        var names: [String]
        /// Themes loaded so far, by name.
        var cache: [String: Theme]
        /// The theme in use.
        var current: Theme
    }

    private var themeSet: ThemeSet
    /// Background jobs' events and cancellation.
    private let jobs = JobInbox()

    /// A loop over `loaded` data drawing on `screen`; `makeSession` starts training (called
    /// at once, and again for every `r` restart); `now` reads a monotonic clock in nanoseconds.
    init(
        options: ExplorerOptions, loaded: LoadedData, screen: any Screen, unicode: Bool, themes: ThemeSet,
        warning: String?, makeSession: @escaping (SessionConfig) -> any TrainingControl,
        now: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.options = options
        self.loaded = loaded
        self.screen = screen
        self.makeSession = makeSession
        self.now = now
        themeSet = themes
        let mixtures = options.mixtures ?? options.preset.mixtures(rows: loaded.data.count)
        let config = Self.sessionConfig(loaded, options: options, mixtures: mixtures, seed: options.seed)
        frames = FrameCache(loaded: loaded, curvePoints: config.curvePoints, mixturePoints: config.mixturePoints)
        var s = ExplorerState()
        s.unicode = unicode
        s.view = options.view
        s.canvas = unicode ? options.canvas : .ascii
        s.mixtures = mixtures
        if options.mixturesAuto { s.mixtureSearch = .screening(mixtures: 0, index: 0, count: 0) }
        s.temperature = options.temperature
        s.sigmaTemperature = options.sigmaTemperature
        s.seed = options.seed
        s.themeCount = themes.names.count
        s.themeIndex = themes.names.firstIndex(of: themes.current.name) ?? 0
        s.exportFormats = options.exportFormats
        if !unicode { s.statusMessage = LocaleRule.asciiNote }
        if let warning { s.statusMessage = warning }
        if let lo = frames.curveX.first, let hi = frames.curveX.last { s.dataXRange = lo...max(lo, hi) }
        for m in options.models { s.opened[m.kind] = m.fileName }
        if !options.models.isEmpty {
            s.statusMessage =
                "opened " + options.models.map(\.fileName).joined(separator: " and ")
                + ": i inspects a slice, w writes the models"
        }
        state = s
        session = makeSession(config)
    }

    /// The training session's configuration for `loaded` data, K and seed (the trainers come
    /// from its `TrainerRecipe`, as in `mdnx train`).
    static func sessionConfig(_ loaded: LoadedData, options: ExplorerOptions, mixtures: Int, seed: UInt64)
        -> SessionConfig
    {
        var c = SessionConfig(data: loaded.data, mixtures: mixtures, preset: options.preset, seed: seed)
        c.isUserData = loaded.isUserData
        c.pace = options.pace
        c.mixturesAuto = options.mixturesAuto
        return c
    }

    /// Runs until `q` or `quit()` returns true; stops training on the way out.
    public func run(quit: () -> Bool) {
        defer {
            session.stop(timeout: 5)
            // An animation being written stops at its next frame (nothing is left half written).
            jobs.cancelled.store(true, ordering: .relaxed)
            jobs.waitForAll(seconds: 10)
        }
        let size = screen.size
        dispatch(.resize(width: size.width, height: size.height))
        session.start()
        let frameNs = UInt64(1_000_000_000 / max(1, options.fps))
        var dirty = true
        var pendingKeyTime: UInt64? = nil
        var lastDraw: UInt64 = 0
        while !quit() && !state.quitting {
            // Wait for input until a frame is due; a key makes one due at once.
            let t = now()
            let due = dirty && (pendingKeyTime != nil || t &- lastDraw >= frameNs)
            let wait = due ? 0 : Int(max(1, (frameNs &- min(frameNs, t &- lastDraw)) / 1_000_000))
            var input = screen.read(timeout: wait)
            while let event = input {
                switch event {
                case .key(let key):
                    pendingKeyTime = pendingKeyTime ?? now()
                    dispatch(.key(key))
                case .resize(let w, let h):
                    dispatch(.resize(width: w, height: h))
                case .click(let column, let row):
                    pendingKeyTime = pendingKeyTime ?? now()
                    dispatch(.click(column: column, row: row))
                }
                dirty = true
                if state.quitting { return }
                input = screen.read(timeout: 0)
            }
            let events = session.drainEvents()
            if !events.isEmpty { dirty = true }
            for event in events { dispatch(.training(event)) }
            let jobEvents = jobs.drain()
            if !jobEvents.isEmpty { dirty = true }
            for event in jobEvents { dispatch(event) }
            let viewed = state.viewedEpoch
            dispatch(.tick(milliseconds: Double(now()) / 1e6))
            if state.viewedEpoch != viewed { dirty = true }
            guard dirty, pendingKeyTime != nil || now() &- lastDraw >= frameNs else { continue }
            dirty = false
            drawFrame(keyTime: pendingKeyTime)
            lastDraw = now()
            pendingKeyTime = nil
        }
    }

    /// Prepares, builds and draws one frame, timing each part.
    private func drawFrame(keyTime: UInt64?) {
        let t0 = now()
        let input = frameInput(profile: timer.statusText)
        if let error = frames.takeSamplingError() { dispatch(.status(error)) }
        let t1 = now()
        let (grid, regions) = ExplorerView.frame(state, input)
        let t2 = now()
        screen.draw(grid)
        let t3 = now()
        if regions != state.mainPlotRegions { dispatch(.mainPlotDrawn(regions)) }
        timer.record(
            prepare: Double(t1 &- t0) / 1e6, build: Double(t2 &- t1) / 1e6, draw: Double(t3 &- t2) / 1e6,
            keyLatency: keyTime.map { Double(t3 &- $0) / 1e6 })
    }

    /// The frame input for the current state (from the frame cache), with the theme's name,
    /// the preset, and whether the screen can tint the cells holding data.
    private func frameInput(profile: String?) -> FrameInput {
        var input = frames.input(
            for: state, themeName: SafeText.echo(themeSet.current.name, limit: SafeText.labelLimit),
            profile: profile)
        input.preset = options.models.first?.checkpoint.preset ?? options.preset.rawValue
        input.backgroundTints =
            (screen.depth == .color256 || screen.depth == .truecolor) && !themeSet.current.isMonochrome
        return input
    }

    /// Runs `update` and performs the effects.
    private func dispatch(_ event: ExplorerEvent) {
        let effects = update(&state, event)
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .restartMDN(let k):
            session.restartMDN(mixtures: k)
        case .restartAll(let seed):
            session.stop(timeout: 5)
            var config = Self.sessionConfig(loaded, options: options, mixtures: state.mixtures, seed: seed)
            config.mixturesAuto = false
            session = makeSession(config)
            session.start()
        case .pause:
            session.pause()
        case .resume:
            session.resume()
        case .export(let formats):
            startExport(formats)
        case .exportAnimation(let position):
            startAnimationExport(through: position)
        case .applyTheme(let index):
            dispatch(.status(applyTheme(index)))
        case .writeModels:
            let session = self.session
            let items = ModelWriter.items(
                state, options: options, data: loaded.data,
                finalModel: { session.finalModel($0, generation: $1) })
            dispatch(.status(ModelWriter.write(items, directory: options.modelDirectory, stamp: Self.timestamp())))
        case .quit:
            break
        }
    }

    /// Writes the recorded training through `position` as a GIF and an asciicast on a thread
    /// of its own (`AnimationExport.exportTraining`, the frames re-plotted from the recorded
    /// weights at the current view, temperatures, canvas and theme); progress and the outcome
    /// come back as events.
    private func startAnimationExport(through position: Int) {
        let history = state.history
        let data = AnimationData(
            points: XYPoints(xs: loaded.data.x, ys: loaded.data.y), name: loaded.name,
            xName: loaded.data.xNames.first ?? "x", yName: loaded.data.yNames.first ?? "y",
            equalAspect: loaded.equalAspect)
        let (view, temperatures, canvas) = (state.view, state.temperatures, state.canvas)
        let (columns, rows) = (
            max(ExplorerView.minimumWidth, state.width), max(ExplorerView.minimumHeight, state.height)
        )
        let look = AnimationLook(palette: themeSet.current.palette, title: "mdnx: training on \(loaded.name)")
        let directory = options.exportDirectory
        let referenceNLL = loaded.referenceNLL
        let jobs = self.jobs
        jobs.start("mdnx animation") {
            var lastPosted = -1
            do {
                let report = try AnimationExport.exportTraining(
                    history: history, through: position, data: data, view: view, temperatures: temperatures,
                    canvas: canvas, columns: columns, rows: rows, look: look, directory: directory,
                    referenceNLL: referenceNLL,
                    progress: { frame, frames in
                        // A few updates a second are enough for the status bar.
                        if frame == frames || frame - lastPosted >= max(1, frames / 50) {
                            lastPosted = frame
                            jobs.post(.animationProgress(frame: frame, frames: frames))
                        }
                    },
                    isCancelled: { jobs.cancelled.load(ordering: .relaxed) })
                let files = report.files.map(\.path).joined(separator: ", ")
                jobs.post(
                    .animationFinished(
                        "animated epochs 1 to \(position) (\(report.frames) frames): wrote \(files)"))
            } catch {
                jobs.post(.animationFinished("animation export failed: \(error)"))
            }
        }
    }

    /// Switches to theme `index`; returns the status line.
    private func applyTheme(_ index: Int) -> String {
        let name = themeSet.names[index]
        if let cached = themeSet.cache[name] {
            themeSet.current = cached
        } else {
            do {
                let theme = try themeSet.loader.load(name)
                themeSet.cache[name] = theme
                themeSet.current = theme
            } catch {
                return "theme \(name): \(error)"
            }
        }
        screen.setTheme(themeSet.current)
        return "theme: \(name)"
    }

    /// Writes the current view in each format on a thread of its own, so that the screen
    /// keeps answering while cairo draws; the outcome comes back as `.exportFinished` (the
    /// paths, or the error). The figures are built here, from the frame as it is now. Each
    /// export re-evaluates p(y|x) at its own resolution: the text grid's cells, or the vector
    /// grid for svg and png.
    private func startExport(_ formats: [ExportFormat]) {
        let input = frameInput(profile: nil)
        let stamp = Self.timestamp()
        let exportOptions = ExportOptions(
            columns: max(ExplorerView.minimumWidth, state.width),
            rows: max(ExplorerView.minimumHeight, state.height - 4), canvas: state.canvas)
        let base =
            "\(options.exportDirectory)/mdnx-\(state.view.rawValue)\(state.inspectorVisible ? "-inspect" : "")-\(stamp)"
        let files: [(path: String, figure: Figure)] = formats.map { format in
            let vector = format == .svg || format == .png
            let resolution =
                vector ? .vector : FigureResolution.cells(width: exportOptions.columns, height: exportOptions.rows)
            return (
                Self.unusedPath(base, ext: format.rawValue),
                ExplorerView.mainFigure(state, input, resolution: resolution)
            )
        }
        let palette = themeSet.current.palette
        let jobs = self.jobs
        jobs.start("mdnx export") {
            jobs.post(.exportFinished(Self.write(files, palette: palette, options: exportOptions)))
        }
    }

    /// Writes each figure to its path (never over a file); the status line: the paths, or the
    /// error and what was written before it.
    static func write(_ files: [(path: String, figure: Figure)], palette: Palette, options: ExportOptions) -> String {
        var written: [String] = []
        for file in files {
            do {
                try FigureExporter.write(
                    file.figure, to: file.path, palette: palette, options: options, pngEncoder: CairoPNGEncoder())
                written.append(file.path)
            } catch {
                return "export failed: \(error)"
                    + (written.isEmpty ? "" : " (wrote \(written.joined(separator: ", ")))")
            }
        }
        return "exported " + written.joined(separator: ", ")
    }

    static func timestamp() -> String {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tmv.tm_year + 1900)\(two(tmv.tm_mon + 1))\(two(tmv.tm_mday))-"
            + "\(two(tmv.tm_hour))\(two(tmv.tm_min))\(two(tmv.tm_sec))"
    }

    /// `base.ext`, or `base-2.ext`, ... when something is there (exports never overwrite;
    /// `lstat`, so a dangling symbolic link counts as taken).
    static func unusedPath(_ base: String, ext: String) -> String {
        var path = "\(base).\(ext)"
        var n = 2
        var st = stat()
        while lstat(path, &st) == 0 {
            path = "\(base)-\(n).\(ext)"
            n += 1
        }
        return path
    }

    /// The profile summary for stderr (`--profile`): frame timings and the timeline's size.
    var profileSummary: String {
        let h = state.history
        let mb = Double(h.byteCount) / 1_048_576
        return timer.summary + "\n"
            + "timeline: \(h.mse?.count ?? 0) MSE + \(h.mdn?.count ?? 0) MDN epochs"
            + (h.previousMDN.map { " (+ \($0.count) before the last restart)" } ?? "")
            + ", \(Int((mb * 10).rounded()) / 10).\(Int((mb * 10).rounded()) % 10) MB recorded"
            + " (budget \(h.byteBudget / 1_048_576) MB)"
    }

    /// Median epoch time per model over the timeline, for `--profile`.
    var epochTimingSummary: String {
        [ModelKind.mse, .mdn].map { kind in
            let name = kind == .mse ? "MSE" : "MDN"
            let ms = (state.history[kind]?.entries ?? []).map(\.report.milliseconds).sorted()
            guard !ms.isEmpty else { return "\(name) epoch: no samples" }
            return "\(name) epoch: n \(ms.count), median \(Snapshot.milliseconds(ms[ms.count / 2]))"
        }.joined(separator: "\n")
    }
}
