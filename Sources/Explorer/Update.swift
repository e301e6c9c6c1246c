import MDNCore
import MDNFigures
import SafeText
import TermPlot

/// The explorer's pure transition function: the new state and the effects to perform.
///
/// Nothing here touches the terminal, the clock or the trainers: training's snapshots arrive
/// as `.training` events and are recorded in the state's timeline, time arrives as `.tick`,
/// and the loop performs the effects and feeds their outcomes back as events.
public func update(_ state: ExplorerState, _ event: ExplorerEvent) -> (ExplorerState, [Effect]) {
    var s = state
    let effects = update(&s, event)
    return (s, effects)
}

/// `update` in place (the loop's form: the state's timeline is appended to without a copy).
public func update(_ s: inout ExplorerState, _ event: ExplorerEvent) -> [Effect] {
    switch event {
    case .key(let key):
        guard let binding = KeyBindings.binding(for: key) else {
            if !s.helpVisible { s.statusMessage = "unknown key \(key): press ? for keys" }
            return []
        }
        // The help is modal: behind it only the keys that close it (and quit) act.
        if s.helpVisible && ![.toggleHelp, .closeOverlay, .quit].contains(binding.action) { return [] }
        if !s.opened.isEmpty && [.mixturesUp, .mixturesDown, .restart, .togglePause].contains(binding.action) {
            s.statusMessage = "models opened from files do not train (mdnx without --model trains)"
            return []
        }
        return apply(binding.action, to: &s)
    case .click(let column, let row):
        guard !s.helpVisible, let region = s.mainPlotRegions.first(where: { $0.contains(column: column, row: row) })
        else { return [] }
        s.inspectX = Float(region.xValue(column: column))
        s.inspectorVisible = true
        s.statusMessage = "x0 = \(SliceInspector.number(Double(s.cursorX))) (Left/Right move it, i closes)"
        return []
    case .mainPlotDrawn(let regions):
        s.mainPlotRegions = regions
        return []
    case .training(let training):
        record(training, in: &s)
        return []
    case .tick(let milliseconds):
        s.clock = milliseconds
        advanceReplay(&s)
        return []
    case .resize(let width, let height):
        s.width = width
        s.height = height
        return []
    case .status(let message):
        s.statusMessage = SafeText.line(message, limit: 300)
        return []
    case .animationProgress(let frame, let frames):
        guard s.animationExport != nil else { return [] }
        s.animationExport = ExplorerState.AnimationExportProgress(frame: frame, frames: frames)
        return []
    case .animationFinished(let message):
        s.animationExport = nil
        s.statusMessage = SafeText.line(message, limit: 300)
        return []
    case .exportFinished(let message):
        s.plotExportRunning = false
        s.statusMessage = SafeText.line(message, limit: 300)
        return []
    }
}

/// Records what training published in the timeline.
func record(_ event: TrainingEvent, in s: inout ExplorerState) {
    switch event {
    case .began(let timeline):
        s.history.begin(timeline)
        if timeline.kind == .mdn, let k = timeline.mixtures { s.mixtures = k }
        s.stepsPerSecond[timeline.kind] = nil
        clampView(&s)
    case .epoch(let snap):
        // Epochs of a run that a restart replaced are dropped.
        guard let t = s.history[snap.kind], t.generation == snap.generation, !t.isFinished,
            snap.report.epoch == t.lastEpoch + 1
        else { return }
        s.history.record(snap.kind, snap.report, weights: snap.weights)
        s.stepsPerSecond[snap.kind] = snap.stepsPerSecond
    case .finished(let kind, let generation, let reason, let restored):
        guard let t = s.history[kind], t.generation == generation else { return }
        s.history.finish(kind, reason, restoredEpoch: restored)
        s.stepsPerSecond[kind] = nil
        if s.history.isFinished && !s.finished {
            s.finished = true
            s.paused = false
            s.stopSummary = Snapshot.stopSummary(mse: s.history.mse?.stopReason, mdn: s.history.mdn?.stopReason)
            if s.opened.isEmpty {
                s.statusMessage = "training finished (\(s.stopSummary)); , . Home P to look back, r restarts"
            }
        }
    case .screening(let k, let index, let count):
        s.mixtureSearch = .screening(mixtures: k, index: index, count: count)
    case .mixturesChosen(let choice):
        if let choice {
            s.mixtureSearch = .chosen(mixtures: choice.chosen, best: choice.best)
            s.mixtures = choice.chosen
            s.statusMessage =
                "K = \(choice.chosen) chosen automatically: "
                + MixtureSearchText.reason(chosen: choice.chosen, best: choice.best)
        } else if s.mixtureSearch != nil {
            s.mixtureSearch = .abandoned
        }
    }
}

/// Moves the replay on to where the clock says; at the newest epoch it ends, live.
func advanceReplay(_ s: inout ExplorerState) {
    guard let replay = s.replay else { return }
    let count = s.history.epochCount
    let moved = Int(((s.clock - replay.since) * Double(s.replaySpeed) / 1000).rounded(.down))
    let position = replay.epoch + max(0, moved)
    if position >= count {
        s.replay = nil
        s.viewedEpoch = nil
        s.statusMessage = "replay reached the newest epoch: live"
    } else {
        s.viewedEpoch = position
    }
}

/// How `--mixtures auto`'s choice is explained in the status line and the help.
enum MixtureSearchText {
    /// "the lowest validation NLL of the ladder", or "the smallest K within one standard
    /// error of the best (K = 12)".
    static func reason(chosen: Int, best: Int) -> String {
        chosen == best
            ? "the lowest validation NLL of the ladder"
            : "the smallest K within one standard error of the best (K = \(best))"
    }
}

/// Keeps a viewed position within the timeline (a restart can shorten it).
func clampView(_ s: inout ExplorerState) {
    guard let p = s.viewedEpoch else { return }
    let count = s.history.epochCount
    s.viewedEpoch = count == 0 ? nil : min(max(1, p), count)
}

/// Applies one key-table action: the simple ones here, the others in the functions below.
func apply(_ action: ExplorerAction, to s: inout ExplorerState) -> [Effect] {
    typealias L = ExplorerState.Limits
    switch action {
    case .mixturesUp, .mixturesDown:
        return changeMixtures(by: action == .mixturesUp ? 1 : -1, &s)
    case .temperatureUp, .temperatureDown:
        let t = step(s.temperature, up: action == .temperatureUp, within: L.temperatureRange)
        retemper(&s, temperature: t, sigma: s.sigmaTemperature)
    case .sigmaTemperatureUp, .sigmaTemperatureDown:
        let v = step(s.sigmaTemperature, up: action == .sigmaTemperatureUp, within: L.sigmaTemperatureRange)
        retemper(&s, temperature: s.temperature, sigma: v)
    case .resetTemperatures:
        retemper(&s, temperature: 1, sigma: 1)
    case .nextView:
        s.view = s.view.next
        s.statusMessage = "view: \(s.view.title)"
    case .togglePause:
        return togglePause(&s)
    case .restart:
        return restartAll(&s)
    case .export:
        return exportPlot(&s)
    case .exportAnimation:
        return exportAnimation(&s)
    case .cycleCanvas:
        cycleCanvas(&s)
    case .cycleTheme:
        return cycleTheme(&s)
    case .epochEarlier, .epochLater, .firstEpoch, .live:
        move(action, &s)
    case .toggleReplay:
        toggleReplay(&s)
    case .replaySlower, .replayFaster:
        changeReplaySpeed(by: action == .replayFaster ? 1 : -1, &s)
    case .toggleInspector:
        toggleInspector(&s)
    case .cursorLeft, .cursorRight, .cursorLeftFar, .cursorRightFar:
        let cells = [.cursorLeft: -1, .cursorRight: 1, .cursorLeftFar: -10, .cursorRightFar: 10][action] ?? 0
        moveCursor(&s, cells: cells)
    case .cycleAxes:
        s.axisMode = s.axisMode.next
        s.statusMessage = "axes: \(s.axisMode.rawValue)"
    case .toggleData, .toggleMSE, .toggleSamples:
        toggleLayer(action == .toggleData ? .data : action == .toggleMSE ? .mse : .samples, &s)
    case .writeModels:
        return writeModels(&s)
    case .toggleHelp:
        s.helpVisible.toggle()
    case .closeOverlay:
        s.helpVisible = false
    case .toggleProfile:
        s.profileVisible.toggle()
    case .quit:
        s.quitting = true
        return [.quit]
    }
    return []
}

/// K/k: one more or one fewer component, within the allowed range; the MDN restarts on a new
/// timeline and the MSE network trains on.
func changeMixtures(by delta: Int, _ s: inout ExplorerState) -> [Effect] {
    let range = ExplorerState.Limits.mixtureRange
    let k = min(max(s.mixtures + delta, range.lowerBound), range.upperBound)
    guard k != s.mixtures else {
        s.statusMessage = "K stays at \(k) (allowed \(range.lowerBound)...\(range.upperBound))"
        return []
    }
    s.mixtures = k
    if s.mixtureSearch != nil { s.mixtureSearch = .abandoned }
    s.finished = false
    s.statusMessage = "MDN restarted with K = \(k) on a new timeline; MSE keeps training"
    return [.restartMDN(mixtures: k)]
}

/// Space: pauses or resumes training (a finished training says how to start again).
func togglePause(_ s: inout ExplorerState) -> [Effect] {
    guard !s.finished else {
        s.statusMessage = "training has finished; r restarts with a new seed"
        return []
    }
    s.paused.toggle()
    s.statusMessage = s.paused ? "paused (space resumes)" : "running"
    return [s.paused ? .pause : .resume]
}

/// r: both models start again with the next seed, on a new timeline.
func restartAll(_ s: inout ExplorerState) -> [Effect] {
    s.seed = s.seed &+ 1
    s.paused = false
    s.finished = false
    s.stopSummary = ""
    s.history = TrainingHistory(byteBudget: s.history.byteBudget)
    s.session += 1
    s.viewedEpoch = nil
    s.replay = nil
    s.stepsPerSecond = [:]
    if s.mixtureSearch != nil { s.mixtureSearch = .abandoned }
    s.statusMessage = "restarted both models with seed \(s.seed) (a new timeline)"
    return [.restartAll(seed: s.seed)]
}

/// e: the current plot in each export format, written in the background (one at a time).
func exportPlot(_ s: inout ExplorerState) -> [Effect] {
    guard !s.plotExportRunning else {
        s.statusMessage = "an export is being written; wait for it to finish"
        return []
    }
    s.plotExportRunning = true
    s.statusMessage = "exporting \(s.exportFormats.map(\.rawValue).joined(separator: "+"))..."
    return [.export(s.exportFormats)]
}

/// E: the recorded training up to the viewed epoch as an animation (one at a time).
func exportAnimation(_ s: inout ExplorerState) -> [Effect] {
    guard s.animationExport == nil else {
        s.statusMessage = "an animation is being written; wait for it to finish"
        return []
    }
    guard s.history.epochCount >= 1 else {
        s.statusMessage = "no epoch recorded yet: nothing to animate"
        return []
    }
    s.animationExport = ExplorerState.AnimationExportProgress(frame: 0, frames: 0)
    s.statusMessage = "writing the training (epochs 1 to \(s.position)) as an animation..."
    return [.exportAnimation(through: s.position)]
}

/// m: the next canvas the locale allows.
func cycleCanvas(_ s: inout ExplorerState) {
    let all = s.availableCanvases
    let i = all.firstIndex(of: s.canvas) ?? -1
    s.canvas = all[(i + 1) % all.count]
    s.statusMessage = "canvas: \(s.canvas)" + (s.unicode ? "" : " (locale is not UTF-8: ASCII only)")
}

/// c: the next colour theme (loaded by the loop).
func cycleTheme(_ s: inout ExplorerState) -> [Effect] {
    guard s.themeCount > 1 else {
        s.statusMessage = "only one theme available"
        return []
    }
    s.themeIndex = (s.themeIndex + 1) % s.themeCount
    return [.applyTheme(index: s.themeIndex)]
}

/// -/+: the next slower or faster replay speed; a running replay re-anchors at the epoch
/// shown now, so the change of speed does not jump.
func changeReplaySpeed(by delta: Int, _ s: inout ExplorerState) {
    let speeds = ExplorerState.Limits.replaySpeeds
    s.replaySpeedIndex = min(max(s.replaySpeedIndex + delta, 0), speeds.count - 1)
    if let r = s.replay {
        s.replay = ExplorerState.Replay(epoch: s.viewedEpoch ?? r.epoch, since: s.clock)
    }
    s.statusMessage = "replay speed \(s.replaySpeed) epochs/s"
}

/// i: opens or closes the slice inspector.
func toggleInspector(_ s: inout ExplorerState) {
    s.inspectorVisible.toggle()
    s.statusMessage =
        s.inspectorVisible
        ? "slice inspector at x0 = \(SliceInspector.number(Double(s.cursorX))): Left/Right (Shift: x10) or a click move x0"
        : "slice inspector closed"
}

/// 1/2/3: shows or hides the data, the MSE curve or the MDN samples.
func toggleLayer(_ layer: FigureLayers, _ s: inout ExplorerState) {
    s.layers.formSymmetricDifference(layer)
    s.statusMessage = "\(layer.name) " + (s.layers.contains(layer) ? "shown" : "hidden")
}

/// w: writes the models as shown, once any epoch is recorded.
func writeModels(_ s: inout ExplorerState) -> [Effect] {
    guard s.history.mse.map({ $0.count > 0 }) == true || s.history.mdn.map({ $0.count > 0 }) == true else {
        s.statusMessage = "no epoch recorded yet: no model to write"
        return []
    }
    s.statusMessage = "writing the models as shown..."
    return [.writeModels]
}

/// Left/Right: moves x0 by `cells` columns of the main plot (opening the inspector), to the
/// centre of that column, within the plot; before the first frame, by a hundredth of the
/// data's x range.
func moveCursor(_ s: inout ExplorerState, cells: Int) {
    s.inspectorVisible = true
    if let region = s.mainPlotRegions.first, region.width > 0 {
        let perColumn = region.xPerColumn
        let offset = perColumn > 0 ? Int(((Double(s.cursorX) - region.x.lowerBound) / perColumn).rounded(.down)) : 0
        let column = min(max(offset + cells, 0), region.width - 1)
        s.inspectX = Float(region.xValue(column: region.column + column))
    } else {
        let r = s.dataXRange
        let x = s.cursorX + Float(cells) * (r.upperBound - r.lowerBound) / 100
        s.inspectX = min(max(x, r.lowerBound), r.upperBound)
    }
    s.statusMessage = "x0 = \(SliceInspector.number(Double(s.cursorX)))"
}

/// `,` `.` Home End: moves the viewed epoch (and ends a replay).
private func move(_ action: ExplorerAction, _ s: inout ExplorerState) {
    let count = s.history.epochCount
    let wasReplaying = s.replay != nil
    s.replay = nil
    guard count > 0 else {
        s.statusMessage = "no epoch recorded yet"
        return
    }
    switch action {
    case .epochEarlier:
        s.viewedEpoch = max(1, s.position - 1)
    case .epochLater:
        guard let p = s.viewedEpoch else {
            s.statusMessage = "live: already at the newest epoch"
            return
        }
        s.viewedEpoch = p + 1 >= count && !s.history.isFinished ? nil : min(p + 1, count)
    case .firstEpoch:
        s.viewedEpoch = 1
    default:
        s.viewedEpoch = nil
    }
    if let p = s.viewedEpoch {
        s.statusMessage = "epoch \(p) of \(count)" + (wasReplaying ? " (replay stopped)" : "") + "; End: live"
    } else {
        s.statusMessage = "live"
    }
}

/// `P`: replays from the viewed epoch (from the first when live or at the end), or stops.
private func toggleReplay(_ s: inout ExplorerState) {
    if s.replay != nil {
        s.replay = nil
        s.statusMessage = "replay stopped at epoch \(s.position)"
        return
    }
    let count = s.history.epochCount
    guard count > 1 else {
        s.statusMessage = "nothing to replay yet"
        return
    }
    let from = s.viewedEpoch.map { $0 >= count ? 1 : $0 } ?? 1
    s.viewedEpoch = from
    s.replay = ExplorerState.Replay(epoch: from, since: s.clock)
    s.statusMessage = "replaying from epoch \(from) at \(s.replaySpeed) epochs/s (P stops, - + speed)"
}

/// One multiplicative temperature step, clamped; snaps to 1 when it lands within rounding of it.
func step(_ value: Double, up: Bool, within range: ClosedRange<Double>) -> Double {
    var v = up ? value * ExplorerState.Limits.temperatureStep : value / ExplorerState.Limits.temperatureStep
    if abs(v - 1) < 1e-9 { v = 1 }
    return min(max(v, range.lowerBound), range.upperBound)
}

/// Sets the temperatures; asks for new samples (a new sampling generation) only when
/// something changed.
private func retemper(_ s: inout ExplorerState, temperature: Double, sigma: Double) {
    let changed = temperature != s.temperature || sigma != s.sigmaTemperature
    s.temperature = temperature
    s.sigmaTemperature = sigma
    s.statusMessage =
        "T \(ExplorerState.format(temperature)), \(s.sigmaTemperatureNote)"
        + (changed ? "" : " (at the limit)")
    if changed { s.samplingGeneration += 1 }
}
