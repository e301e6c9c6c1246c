/// Everything a key can do in the explorer.
public enum ExplorerAction: String, CaseIterable, Sendable {
    case mixturesUp, mixturesDown
    case temperatureUp, temperatureDown
    case sigmaTemperatureUp, sigmaTemperatureDown
    case resetTemperatures
    case nextView, togglePause, restart, export, exportAnimation, writeModels, cycleCanvas, cycleTheme
    case toggleInspector, cursorLeft, cursorRight, cursorLeftFar, cursorRightFar
    case cycleAxes, toggleData, toggleMSE, toggleSamples
    case epochEarlier, epochLater, firstEpoch, live, toggleReplay, replaySlower, replayFaster
    case toggleHelp, closeOverlay, toggleProfile, quit
}

/// One row of the key table: the keys, what they do, and how the help describes them.
public struct KeyBinding: Sendable {
    /// Keys that trigger the action (the first is the one shown in the hint bar).
    public let keys: [Key]
    /// The action.
    public let action: ExplorerAction
    /// One line for the help overlay.
    public let summary: String
    /// A short label for the hint bar, or nil to leave it out of the hint bar.
    public let hint: String?

    /// The keys as the help writes them: "K ]".
    public var keyLabel: String { keys.map(\.description).joined(separator: " ") }
}

/// The single key table: `update` looks keys up here, and the help overlay and hint bar are
/// generated from it, so they can never disagree.
public enum KeyBindings {
    /// Every binding, in help order.
    public static let all: [KeyBinding] = [
        KeyBinding(
            keys: [.character("K"), .character("]")], action: .mixturesUp,
            summary: "more mixture components (the MDN restarts on a new timeline; MSE trains on)",
            hint: "K/k mixtures"),
        KeyBinding(
            keys: [.character("k"), .character("[")], action: .mixturesDown,
            summary: "fewer mixture components (the MDN's old timeline is kept until the next restart)", hint: nil),
        KeyBinding(
            keys: [.character("T")], action: .temperatureUp,
            summary: "sampling temperature x1.25 (flatter pi; samples redraw, no retraining)", hint: "T/t temp"),
        KeyBinding(
            keys: [.character("t")], action: .temperatureDown,
            summary: "sampling temperature /1.25 (sharper pi)", hint: nil),
        KeyBinding(
            keys: [.character("S")], action: .sigmaTemperatureUp,
            summary: "sigma temperature x1.25 (variance x S; samples redraw)", hint: "S/s sigma"),
        KeyBinding(
            keys: [.character("s")], action: .sigmaTemperatureDown,
            summary: "sigma temperature /1.25", hint: nil),
        KeyBinding(
            keys: [.character("0")], action: .resetTemperatures,
            summary: "reset both temperatures to 1", hint: nil),
        KeyBinding(
            keys: [.character("v")], action: .nextView,
            summary: "next view: overlay, side by side, density, components", hint: "v view"),
        KeyBinding(
            keys: [.character("i")], action: .toggleInspector,
            summary: "slice inspector: p(y|x0) beside the plot, x0 a cursor on it (a click sets x0)",
            hint: "i inspect"),
        KeyBinding(
            keys: [.left(far: false)], action: .cursorLeft,
            summary: "move x0 one cell left (with the inspector open)", hint: nil),
        KeyBinding(
            keys: [.right(far: false)], action: .cursorRight,
            summary: "move x0 one cell right", hint: nil),
        KeyBinding(
            keys: [.left(far: true)], action: .cursorLeftFar,
            summary: "move x0 ten cells left", hint: nil),
        KeyBinding(
            keys: [.right(far: true)], action: .cursorRightFar,
            summary: "move x0 ten cells right", hint: nil),
        KeyBinding(
            keys: [.character("a")], action: .cycleAxes,
            summary: "axes: fit data, fit everything, equal aspect", hint: "a axes"),
        KeyBinding(
            keys: [.character("1")], action: .toggleData,
            summary: "show / hide the data", hint: "1 2 3 layers"),
        KeyBinding(
            keys: [.character("2")], action: .toggleMSE,
            summary: "show / hide the MSE curve", hint: nil),
        KeyBinding(
            keys: [.character("3")], action: .toggleSamples,
            summary: "show / hide the MDN samples", hint: nil),
        KeyBinding(
            keys: [.character(" ")], action: .togglePause,
            summary: "pause / resume training", hint: "space pause"),
        KeyBinding(
            keys: [.character(",")], action: .epochEarlier,
            summary: "view one epoch earlier (training goes on)", hint: ",/. epoch"),
        KeyBinding(
            keys: [.character(".")], action: .epochLater,
            summary: "view one epoch later (past the newest: live)", hint: nil),
        KeyBinding(
            keys: [.home], action: .firstEpoch,
            summary: "view the first recorded epoch", hint: nil),
        KeyBinding(
            keys: [.end], action: .live,
            summary: "back to live (follow training)", hint: nil),
        KeyBinding(
            keys: [.character("P")], action: .toggleReplay,
            summary: "replay the training from the viewed epoch / stop the replay", hint: "P replay"),
        KeyBinding(
            keys: [.character("-")], action: .replaySlower,
            summary: "replay slower (1, 2, 5, 10, 25, 50 epochs/s)", hint: nil),
        KeyBinding(
            keys: [.character("+"), .character("=")], action: .replayFaster,
            summary: "replay faster", hint: nil),
        KeyBinding(
            keys: [.character("r")], action: .restart,
            summary: "restart both models with a new seed", hint: nil),
        KeyBinding(
            keys: [.character("e")], action: .export,
            summary: "export the current plot (timestamped files)", hint: "e export"),
        KeyBinding(
            keys: [.character("E")], action: .exportAnimation,
            summary: "export the training from the first epoch to the viewed one as an animation (.gif + .cast)",
            hint: "E animate"),
        KeyBinding(
            keys: [.character("w")], action: .writeModels,
            summary: "write the models as shown as checkpoints (timestamped files, as train --save writes)",
            hint: "w save"),
        KeyBinding(
            keys: [.character("m")], action: .cycleCanvas,
            summary: "cycle canvas: braille, block, ASCII", hint: nil),
        KeyBinding(
            keys: [.character("c")], action: .cycleTheme,
            summary: "cycle colour theme", hint: nil),
        KeyBinding(
            keys: [.character("?"), .function(1)], action: .toggleHelp,
            summary: "show / hide this help", hint: "? help"),
        KeyBinding(
            keys: [.escape], action: .closeOverlay,
            summary: "close the help (while it is open, other keys do nothing but q)", hint: nil),
        KeyBinding(
            keys: [.character("p")], action: .toggleProfile,
            summary: "show / hide frame timing in the status bar", hint: nil),
        KeyBinding(
            keys: [.character("q"), .control("c")], action: .quit,
            summary: "quit (the terminal is restored)", hint: "q quit"),
    ]

    /// The binding for `key`, if any.
    public static func binding(for key: Key) -> KeyBinding? {
        all.first { $0.keys.contains(key) }
    }

    /// The help overlay's lines: one per binding, keys padded to one column (built once;
    /// the screen draws them every frame the help is open).
    public static let helpLines: [String] = {
        let width = all.map { $0.keyLabel.count }.max() ?? 0
        return all.map { b in
            b.keyLabel + String(repeating: " ", count: width - b.keyLabel.count) + "  " + b.summary
        }
    }()

    /// The hint bar: the short labels joined, e.g. "K/k mixtures  T/t temp ..." (built once;
    /// every frame draws it).
    public static let hintBar: String = all.compactMap(\.hint).joined(separator: "  ")
}
