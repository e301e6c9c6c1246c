import ExplorerTestSupport
import MDNFigures
import TermPlot
import Testing

@testable import Explorer

@Suite("update")
struct UpdateTests {
    private func press(_ state: ExplorerState, _ chars: String) -> (ExplorerState, [Effect]) {
        var s = state
        var all: [Effect] = []
        for c in chars {
            let (next, effects) = update(s, .key(.character(c)))
            s = next
            all += effects
        }
        return (s, all)
    }

    @Test("temperatures step by x1.25 and clamp at the limits")
    func temperatureSteps() {
        var s = ExplorerState()
        (s, _) = press(s, "TT")
        #expect(abs(s.temperature - 1.5625) < 1e-12)
        (s, _) = press(s, "tt")
        #expect(s.temperature == 1)
        (s, _) = press(s, String(repeating: "T", count: 40))
        #expect(s.temperature == ExplorerState.Limits.temperatureRange.upperBound)
        let (same, effects) = press(s, "T")
        #expect(same.temperature == s.temperature && effects.isEmpty)
        #expect(same.statusMessage?.contains("at the limit") == true)
        (s, _) = press(s, String(repeating: "t", count: 80))
        #expect(s.temperature == ExplorerState.Limits.temperatureRange.lowerBound)
    }

    @Test("sigma temperature shows as a variance factor; 0 resets both")
    func sigmaTemperature() {
        var s = ExplorerState()
        (s, _) = press(s, "SSS")
        // 1.25^3 = 1.953125
        #expect(abs(s.sigmaTemperature - 1.953125) < 1e-12)
        #expect(s.statusMessage?.contains("sigma temp 1.953: variance x 1.953") == true)
        (s, _) = press(s, "T")
        let (reset, effects) = press(s, "0")
        #expect(reset.temperature == 1 && reset.sigmaTemperature == 1)
        #expect(effects.isEmpty)
        #expect(reset.samplingGeneration == s.samplingGeneration + 1)
    }

    @Test("K stays within 1...64 and only changes restart the MDN")
    func mixtureBounds() {
        var s = ExplorerState()
        s.mixtures = 1
        let (low, e1) = press(s, "k")
        #expect(low.mixtures == 1 && e1.isEmpty)
        s.mixtures = 64
        let (high, e2) = press(s, "K")
        #expect(high.mixtures == 64 && e2.isEmpty)
        s.mixtures = 3
        let (up, e3) = press(s, "]]")
        #expect(up.mixtures == 5 && e3 == [.restartMDN(mixtures: 4), .restartMDN(mixtures: 5)])
    }

    @Test("space pauses and resumes; r restarts with the next seed and runs")
    func pauseAndRestart() {
        var s = ExplorerState()
        s.seed = 41
        let (paused, e1) = press(s, " ")
        #expect(paused.paused && e1 == [.pause])
        let (running, e2) = press(paused, " ")
        #expect(!running.paused && e2 == [.resume])
        let (restarted, e3) = press(paused, "r")
        #expect(restarted.seed == 42 && !restarted.paused && e3 == [.restartAll(seed: 42)])
    }

    @Test("after training finished, space explains instead of pausing; r and K train again")
    func finished() {
        var s = ExplorerState()
        s.history = TimelineFixtures.history(mse: 3, mdn: 4)
        (s, _) = update(s, .training(.finished(kind: .mse, generation: 0, reason: .earlyStopping, restoredEpoch: 2)))
        #expect(!s.finished, "one model still trains")
        (s, _) = update(s, .training(.finished(kind: .mdn, generation: 0, reason: .earlyStopping, restoredEpoch: nil)))
        #expect(s.finished && s.stopSummary == "early stopping")
        let (same, effects) = press(s, " ")
        #expect(!same.paused && effects.isEmpty && same.statusMessage?.contains("r restarts") == true)
        #expect(!press(s, "r").0.finished)
        #expect(!press(s, "K").0.finished)
    }

    @Test("v cycles through all four views and back")
    func viewCycle() {
        var s = ExplorerState()
        var seen: [FigureView] = [s.view]
        for _ in 0..<4 {
            (s, _) = press(s, "v")
            seen.append(s.view)
        }
        #expect(seen == [.overlay, .sideBySide, .density, .components, .overlay])
    }

    @Test("m cycles canvases; without UTF-8 only ASCII is offered")
    func canvasCycle() {
        var s = ExplorerState()
        var seen: [CanvasKind] = []
        for _ in 0..<3 {
            (s, _) = press(s, "m")
            seen.append(s.canvas)
        }
        #expect(seen == [.block, .ascii, .braille])
        var ascii = ExplorerState()
        ascii.unicode = false
        ascii.canvas = .ascii
        (ascii, _) = press(ascii, "m")
        #expect(ascii.canvas == .ascii)
    }

    @Test("c cycles themes and wraps; one theme gives a message, no effect")
    func themeCycle() {
        var s = ExplorerState()
        s.themeCount = 2
        let (a, e1) = press(s, "c")
        let (b, e2) = press(a, "c")
        #expect(a.themeIndex == 1 && e1 == [.applyTheme(index: 1)])
        #expect(b.themeIndex == 0 && e2 == [.applyTheme(index: 0)])
        let (one, e3) = press(ExplorerState(), "c")
        #expect(one.themeIndex == 0 && e3.isEmpty && one.statusMessage != nil)
    }

    @Test("? toggles help, Esc closes it, F1 opens it")
    func help() {
        var s = ExplorerState()
        (s, _) = press(s, "?")
        #expect(s.helpVisible)
        (s, _) = update(s, .key(.escape))
        #expect(!s.helpVisible)
        (s, _) = update(s, .key(.function(1)))
        #expect(s.helpVisible)
        (s, _) = press(s, "?")
        #expect(!s.helpVisible)
    }

    @Test("e asks for the configured formats")
    func export() {
        var s = ExplorerState()
        s.exportFormats = [.svg, .png]
        let (_, effects) = press(s, "e")
        #expect(effects == [.export([.svg, .png])])
    }

    @Test("q and Ctrl-C quit")
    func quit() {
        let (a, e1) = press(ExplorerState(), "q")
        let (b, e2) = update(ExplorerState(), .key(.control("c")))
        #expect(a.quitting && e1 == [.quit])
        #expect(b.quitting && e2 == [.quit])
    }

    @Test("resize, status and tick events")
    func otherEvents() {
        let s = ExplorerState()
        let (r, e1) = update(s, .resize(width: 100, height: 30))
        #expect(r.width == 100 && r.height == 30 && e1.isEmpty)
        let (m, _) = update(s, .status("exported a.txt"))
        #expect(m.statusMessage == "exported a.txt")
        var ticked = s
        ticked.clock = 1234
        #expect(update(s, .tick(milliseconds: 1234)).0 == ticked, "a tick only moves the clock when not replaying")
    }

    @Test("e exports in the background: one export at a time, its outcome in the status bar")
    func exportRunsInTheBackground() {
        let (a, e1) = press(ExplorerState(), "e")
        #expect(a.plotExportRunning && e1 == [.export(a.exportFormats)])
        let (b, e2) = press(a, "e")
        #expect(e2.isEmpty && b.statusMessage == "an export is being written; wait for it to finish")
        let (c, _) = update(b, .exportFinished("exported a.svg, a.png"))
        #expect(!c.plotExportRunning && c.statusMessage == "exported a.svg, a.png")
        #expect(press(c, "e").1 == [.export(c.exportFormats)], "the next export may start")
    }

    @Test("number format for the status bar")
    func format() {
        #expect(ExplorerState.format(1) == "1")
        #expect(ExplorerState.format(1.25) == "1.25")
        #expect(ExplorerState.format(0.8) == "0.8")
        #expect(ExplorerState.format(0.64) == "0.64")
    }
}
