import ExplorerTestSupport
import Foundation
import MDNCore
import MDNFigures
import TermPlot
import Testing

@testable import Explorer

@Suite("ExplorerView")
struct ExplorerViewTests {
    /// A small data set and a hand-made frame: two components at y = 1 and y = 3 for every x.
    static func input(withMixture: Bool = true) -> FrameInput {
        let xs: [Float] = (0..<200).map { Float($0) / 40 }
        let ys: [Float] = xs.enumerated().map { $0.offset.isMultiple(of: 2) ? 1 : 3 }
        var input = FrameInput(data: Dataset(x: xs, y: ys), dataName: "test", referenceNLL: -0.387, themeName: "t")
        input.curveX = [0, 2.5, 5]
        input.curveY = [2, 2, 2]
        if withMixture {
            input.mixtureX = [0, 2.5, 5]
            // [mu0 mu1 | s0 s1 | l0 l1]
            let row: [Float] = [1, 3, 0.1, 0.1, 0, 0]
            input.mixtureRows = MixtureBatch(layout: MixtureLayout(components: 2), rows: row + row + row)
        }
        return input
    }

    static func state(_ view: FigureView, width: Int = 160, height: Int = 48) -> ExplorerState {
        var s = ExplorerState()
        s.history = TimelineFixtures.history(mse: 1, mdn: 1)
        s.view = view
        s.width = width
        s.height = height
        return s
    }

    @Test(
        "each view shows its titles",
        arguments: [
            (FigureView.overlay, ["test: data, MSE mean and MDN samples (T 1, S 1)", "[overlay]"]),
            (.sideBySide, ["ground truth", "MSE prediction", "MDN samples", "[side by side]"]),
            (.density, ["MDN density p(y|x), data below", "[density p(y|x)]"]),
            (.components, ["components: mu_k(x) of 2", "pi_k(x) at T 1", "[components]"]),
        ])
    func titles(view: FigureView, expected: [String]) {
        let grid = ExplorerView.screen(Self.state(view), Self.input())
        #expect(grid.width == 160 && grid.height == 48)
        for title in expected { #expect(grid.text.contains(title), "\(view): \(title)") }
        #expect(grid.text.contains("MSE loss"))
        #expect(grid.text.contains("MDN NLL"))
        #expect(grid.text.contains("best -0.387"))
    }

    @Test("status bar shows run state, K, T and the sigma temperature as a variance factor")
    func statusBar() {
        var s = Self.state(.overlay)
        s.sigmaTemperature = 1.25
        s.paused = true
        let lines = ExplorerView.screen(s, Self.input()).text.split(separator: "\n", omittingEmptySubsequences: false)
        let bar = String(lines[45])
        #expect(bar.contains("paused"))
        #expect(bar.contains("K 20"))
        #expect(bar.contains("T 1"))
        #expect(bar.contains("S 1.25 (variance x1.25)"))
        #expect(bar.contains("MSE ep 1"))
        #expect(String(lines[47]).contains(KeyBindings.hintBar))
    }

    @Test("the help overlay shows every line of the key table")
    func helpOverlay() {
        var s = Self.state(.overlay)
        s.helpVisible = true
        let text = ExplorerView.screen(s, Self.input()).text
        for line in KeyBindings.helpLines { #expect(text.contains(line), "\(line)") }
    }

    @Test("on a small terminal the help flows into columns: every key is still listed")
    func helpOnSmallTerminals() {
        for (w, h) in [(60, 20), (80, 24), (100, 30)] {
            var s = Self.state(.overlay, width: w, height: h)
            s.helpVisible = true
            let text = ExplorerView.screen(s, Self.input()).text
            for binding in KeyBindings.all {
                #expect(text.contains(binding.keyLabel), "\(w)x\(h): \(binding.keyLabel)")
            }
        }
    }

    @Test("below the minimum size the screen says what it needs")
    func tooSmall() {
        let text = ExplorerView.screen(Self.state(.overlay, width: 50, height: 15), Self.input()).text
        #expect(text.contains("terminal too small: need 60 x 20 (have 50 x 15)"))
    }

    @Test("views draw before the first MDN epoch")
    func beforeFirstEpoch() {
        for view in FigureView.allCases {
            let text = ExplorerView.screen(Self.state(view), Self.input(withMixture: false)).text
            #expect(text.contains("MSE loss"), "\(view)")
        }
    }
}

/// The screen layout: the main plot first at every size, text cut with an ellipsis, fields
/// dropped by priority, the header's facts, ASCII in a non-UTF-8 locale.
@Suite("Explorer layout")
struct ExplorerLayoutTests {
    @Test func theMainPlotKeepsSixtyPercentOfTheRowsAtEverySize() {
        for h in ExplorerView.minimumHeight...80 {
            let l = ScreenLayout(width: 100, height: h)
            #expect(10 * l.mainHeight >= 6 * h, "height \(h): main \(l.mainHeight)")
            #expect(l.lossHeight == 0 || l.lossHeight >= 5, "height \(h): loss \(l.lossHeight)")
            #expect(l.mainTop == 1 && l.lossTop == l.mainTop + l.mainHeight)
            #expect(l.status == l.lossTop + l.lossHeight && l.hints == h - 1 && l.message <= l.hints)
        }
        // The loss panels have room on an ordinary terminal and the smallest one.
        #expect(ScreenLayout(width: 80, height: 24).lossHeight >= 5)
        #expect(ScreenLayout(width: 60, height: 20).lossHeight >= 5)
    }

    /// A model opened from a checkpoint has one epoch to show: its loss panel says why, and
    /// the other kind's panel says that none was opened. Training sessions have no such notes.
    @Test func openedModelsLossPanelsSayWhyTheyHaveOnePoint() {
        var s = ExplorerViewTests.state(.overlay)
        s.opened = [.mdn: "m.safetensors"]
        let figure = ExplorerView.lossFigure(s, ExplorerViewTests.input())
        #expect(
            figure.panels.map(\.notes) == [
                ["no MSE model opened"], ["a checkpoint keeps no training history"],
            ])
        let screen = rows(ExplorerView.screen(s, ExplorerViewTests.input())).joined(separator: "\n")
        #expect(screen.contains("no MSE model opened"))
        #expect(screen.contains("a checkpoint keeps no training history"))
        let trained = ExplorerView.lossFigure(ExplorerViewTests.state(.overlay), ExplorerViewTests.input())
        #expect(trained.panels.allSatisfy { $0.notes.isEmpty })
    }

    @Test func theHeaderShowsDataPresetAndLossUnits() {
        var input = ExplorerViewTests.input()
        input.preset = "tutorial"
        for width in [100, 160] {
            let top = rows(ExplorerView.screen(ExplorerViewTests.state(.overlay, width: width, height: 30), input))[0]
            #expect(top.contains("test (200)") && top.contains("preset tutorial"), "\(width): \(top)")
            #expect(top.contains("loss: MSE (y)\u{B2}, NLL nats"), "\(width): \(top)")
        }
    }

    @Test func statusFieldsDropByPriority() {
        var s = ExplorerViewTests.state(.overlay, width: 66, height: 20)
        s.paused = true
        s.stepsPerSecond = [.mse: 900, .mdn: 800]
        let bar = rows(ExplorerView.screen(s, ExplorerViewTests.input()))[ScreenLayout(width: 66, height: 20).status]
        #expect(bar.hasPrefix(" paused | MSE ep 1 train 1.000 | MDN ep 1 train 1.990 | K 20"))
        #expect(!bar.contains("seed") && !bar.contains("steps/s") && !bar.contains("live ep"))
        var wideState = ExplorerViewTests.state(.overlay)
        wideState.stepsPerSecond = [.mse: 900, .mdn: 800]
        let wide = rows(ExplorerView.screen(wideState, ExplorerViewTests.input()))[45]
        #expect(wide.contains("seed 42") && wide.contains("steps/s"))
    }

    @Test func longTextIsCutWithAnEllipsis() {
        var s = ExplorerViewTests.state(.overlay, width: 60, height: 20)
        s.statusMessage = String(repeating: "exported /a/very/long/path ", count: 5)
        let line = rows(ExplorerView.screen(s, ExplorerViewTests.input()))[19]
        #expect(line.hasSuffix("\u{2026}") && line.unicodeScalars.count == 60)
    }

    @Test func asciiWhenTheLocaleIsNotUTF8() {
        for view in FigureView.allCases {
            var s = ExplorerViewTests.state(view, width: 100, height: 30)
            s.unicode = false
            s.canvas = .ascii
            s.statusMessage = LocaleRule.asciiNote + String(repeating: " and more", count: 10)
            let text = ExplorerView.screen(s, ExplorerViewTests.input()).text
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(view)")
            s.inspectorVisible = true
            let inspected = ExplorerView.screen(s, ExplorerViewTests.input()).text
            #expect(inspected.contains("p(y | x = ") && inspected.unicodeScalars.allSatisfy { $0.isASCII }, "\(view)")
            s.helpVisible = true
            #expect(ExplorerView.screen(s, ExplorerViewTests.input()).text.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }

    @Test func theInspectorDrawsAtEverySizeAndKeepsThePlotFirst() {
        for (w, h) in [(60, 20), (80, 24), (100, 30), (160, 48)] {
            var s = ExplorerViewTests.state(.overlay, width: w, height: h)
            s.inspectorVisible = true
            let (grid, regions) = ExplorerView.frame(s, ExplorerViewTests.input())
            #expect(grid.text.contains("p(y | x = "), "\(w)x\(h)")
            // The main plot's canvas is the wider one, beside the inspector, and the cursor is on it.
            #expect(regions.count == 1, "\(w)x\(h): the inspector's panel is not a main plot region")
            let width = regions.first?.width ?? 0
            #expect(width * 100 >= w * 45, "\(w)x\(h): main plot \(width) columns")
        }
    }

    @Test func theLocaleRule() {
        #expect(LocaleRule.decide(localeIsUTF8: true, canvas: nil) == .unicode)
        #expect(LocaleRule.decide(localeIsUTF8: true, canvas: .ascii) == .unicode)
        #expect(LocaleRule.decide(localeIsUTF8: false, canvas: nil) == .ascii)
        #expect(LocaleRule.decide(localeIsUTF8: false, canvas: .ascii) == .ascii)
        #expect(LocaleRule.decide(localeIsUTF8: false, canvas: .braille) == .switchToUTF8)
        #expect(LocaleRule.decide(localeIsUTF8: false, canvas: .block) == .switchToUTF8)
    }

    /// The grid's rows as strings.
    func rows(_ grid: CellGrid) -> [String] {
        grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
