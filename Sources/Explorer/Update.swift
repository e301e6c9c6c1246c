import SafeText

/// The explorer's pure transition function: the new state and the effects to perform.
///
/// Nothing here touches the terminal, the clock or the trainers; the adapter performs the
/// effects and feeds their outcomes back as events.
public func update(_ state: ExplorerState, _ event: ExplorerEvent) -> (ExplorerState, [Effect]) {
    var s = state
    switch event {
    case .key(let key):
        guard let binding = KeyBindings.binding(for: key) else { return (s, []) }
        return apply(binding.action, to: s)
    case .snapshotArrived, .tick:
        return (s, [])
    case .resize(let width, let height):
        s.width = width
        s.height = height
        return (s, [])
    case .status(let message):
        s.statusMessage = SafeText.line(message, limit: 300)
        return (s, [])
    case .trainingFinished(let why):
        s.finished = true
        s.statusMessage = "training finished (\(why)); r restarts with a new seed"
        return (s, [])
    }
}

/// Applies one key-table action.
func apply(_ action: ExplorerAction, to state: ExplorerState) -> (ExplorerState, [Effect]) {
    typealias L = ExplorerState.Limits
    var s = state
    switch action {
    case .mixturesUp, .mixturesDown:
        let k = min(
            max(s.mixtures + (action == .mixturesUp ? 1 : -1), L.mixtureRange.lowerBound), L.mixtureRange.upperBound)
        guard k != s.mixtures else {
            s.statusMessage = "K stays at \(k) (allowed \(L.mixtureRange.lowerBound)...\(L.mixtureRange.upperBound))"
            return (s, [])
        }
        s.mixtures = k
        s.finished = false
        s.statusMessage = "MDN restarted with K = \(k); MSE keeps training"
        return (s, [.restartMDN(mixtures: k)])
    case .temperatureUp, .temperatureDown:
        let t = step(s.temperature, up: action == .temperatureUp, within: L.temperatureRange)
        return retemper(s, temperature: t, sigma: s.sigmaTemperature)
    case .sigmaTemperatureUp, .sigmaTemperatureDown:
        let v = step(s.sigmaTemperature, up: action == .sigmaTemperatureUp, within: L.sigmaTemperatureRange)
        return retemper(s, temperature: s.temperature, sigma: v)
    case .resetTemperatures:
        return retemper(s, temperature: 1, sigma: 1)
    case .nextView:
        s.view = s.view.next
        s.statusMessage = "view: \(s.view.title)"
        return (s, [])
    case .togglePause:
        guard !s.finished else {
            s.statusMessage = "training has finished; r restarts with a new seed"
            return (s, [])
        }
        s.paused.toggle()
        s.statusMessage = s.paused ? "paused (space resumes)" : "running"
        return (s, [s.paused ? .pause : .resume])
    case .restart:
        s.seed = s.seed &+ 1
        s.paused = false
        s.finished = false
        s.statusMessage = "restarted both models with seed \(s.seed)"
        return (s, [.restartAll(seed: s.seed)])
    case .export:
        s.statusMessage = "exporting \(s.exportFormats.map(\.rawValue).joined(separator: "+"))..."
        return (s, [.export(s.exportFormats)])
    case .cycleCanvas:
        let all = s.availableCanvases
        let i = all.firstIndex(of: s.canvas) ?? -1
        s.canvas = all[(i + 1) % all.count]
        s.statusMessage = "canvas: \(s.canvas)" + (s.unicode ? "" : " (locale is not UTF-8: ASCII only)")
        return (s, [])
    case .cycleTheme:
        guard s.themeCount > 1 else {
            s.statusMessage = "only one theme available"
            return (s, [])
        }
        s.themeIndex = (s.themeIndex + 1) % s.themeCount
        return (s, [.applyTheme(index: s.themeIndex)])
    case .toggleHelp:
        s.helpVisible.toggle()
        return (s, [])
    case .closeOverlay:
        s.helpVisible = false
        return (s, [])
    case .toggleProfile:
        s.profileVisible.toggle()
        return (s, [])
    case .quit:
        s.quitting = true
        return (s, [.quit])
    }
}

/// One multiplicative temperature step, clamped; snaps to 1 when it lands within rounding of it.
func step(_ value: Double, up: Bool, within range: ClosedRange<Double>) -> Double {
    var v = up ? value * ExplorerState.Limits.temperatureStep : value / ExplorerState.Limits.temperatureStep
    if abs(v - 1) < 1e-9 { v = 1 }
    return min(max(v, range.lowerBound), range.upperBound)
}

/// Sets the temperatures; asks for new samples only when something changed.
private func retemper(_ state: ExplorerState, temperature: Double, sigma: Double) -> (ExplorerState, [Effect]) {
    var s = state
    let changed = temperature != s.temperature || sigma != s.sigmaTemperature
    s.temperature = temperature
    s.sigmaTemperature = sigma
    s.statusMessage =
        "T \(ExplorerState.format(temperature)), \(s.sigmaTemperatureNote)"
        + (changed ? "" : " (at the limit)")
    guard changed else { return (s, []) }
    s.samplingGeneration += 1
    return (s, [.resample])
}
