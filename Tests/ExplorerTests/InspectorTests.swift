import ExplorerTestSupport
import Foundation
import MDNCore
import MDNFigures
import MDNIO
import TermPlot
import Testing
import Themes

@testable import Explorer

/// The slice inspector, axes and layers in the explorer: the state changes in `update`, the
/// frames the loop draws on the in-memory screen, and `w`.
@Suite("explorer: inspector, axes, layers, w")
struct InspectorTests {
    /// A main plot 100 columns wide from screen column 10, row 2, plotting x in 0...10: a
    /// column is 0.1 wide, column c's centre is (c - 10 + 0.5) / 10.
    static let region = PlotRegion(column: 10, row: 2, width: 100, height: 30, x: 0...10, y: 0...5)

    static func state() -> ExplorerState {
        var s = ExplorerState()
        s.dataXRange = 0...10
        s.mainPlotRegions = [region]
        return s
    }

    @Test("Left/Right move x0 one column, Shift ten, to the column's centre, within the plot")
    func cursorSteps() {
        var s = Self.state()
        s.inspectX = 5
        _ = update(&s, .key(.right(far: false)))
        // 5.0 is in column 50; one right: column 51, centre 5.15.
        #expect(s.inspectorVisible && abs(s.cursorX - 5.15) < 1e-5)
        _ = update(&s, .key(.right(far: true)))
        #expect(abs(s.cursorX - 6.15) < 1e-5)
        _ = update(&s, .key(.left(far: false)))
        #expect(abs(s.cursorX - 6.05) < 1e-5)
        s.inspectX = 0.01
        _ = update(&s, .key(.left(far: true)))
        #expect(abs(s.cursorX - 0.05) < 1e-5, "clamped to the first column")
        s.inspectX = 9.99
        _ = update(&s, .key(.right(far: true)))
        #expect(abs(s.cursorX - 9.95) < 1e-5, "clamped to the last column")
    }

    @Test("a click on the main plot sets x0 to that column's x; elsewhere it does nothing")
    func click() {
        var s = Self.state()
        _ = update(&s, .click(column: 30, row: 5))
        #expect(s.inspectorVisible && abs(s.cursorX - 2.05) < 1e-5)
        let before = s
        _ = update(&s, .click(column: 30, row: 40))
        _ = update(&s, .click(column: 5, row: 5))
        #expect(s == before)
    }

    @Test("models opened from files do not train: K, r and space say so")
    func openedModelsDoNotTrain() {
        var s = Self.state()
        s.opened = [.mdn: "m.safetensors"]
        for key in [Key.character("K"), .character("k"), .character("r"), .character(" ")] {
            let effects = update(&s, .key(key))
            #expect(effects.isEmpty && s.statusMessage?.contains("do not train") == true, "\(key)")
        }
    }

    /// A loop over a small spiral with `session` as its training (`ExplorerLoopTests.loop`).
    static func loop(_ screen: TestScreen, session: any TrainingControl, options: ExplorerOptions = .init())
        -> ExplorerLoop
    {
        ExplorerLoopTests.loop(screen, makeSession: { _ in session }, options: options)
    }

    /// The inspector's notes (x0 and mean line) of a frame's text.
    static func notes(_ text: String) -> String {
        text.split(separator: "\n").first { $0.range(of: #"x0 -?[0-9.]+  mean "#, options: .regularExpression) != nil }
            .map(String.init) ?? ""
    }

    @Test("i opens the inspector beside the plot; it follows the arrows, the temperatures and the viewed epoch")
    func inspectorFollows() {
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.character("i")), .wait(milliseconds: 60)]
                + [.key(.right(far: true)), .wait(milliseconds: 60)]
                + [.key(.character("S")), .wait(milliseconds: 60)]
                + [.key(.home), .wait(milliseconds: 60)] + TestScreen.type("q"))
        let session = ScriptedSession(events: ExplorerLoopTests.finishedTraining())
        let loop = Self.loop(screen, session: session)
        loop.run(quit: { false })
        let texts = screen.frames.map(\.text)
        let opened = texts.first { $0.contains("p(y | x = ") }
        #expect(opened != nil, "no frame shows the inspector")
        let noteLines = texts.map(Self.notes).filter { !$0.isEmpty }
        // x0 moved, S widened the mixture (std grows), Home showed another epoch: each changed the notes.
        #expect(Set(noteLines).count >= 4, "\(noteLines)")
        #expect(noteLines.contains { $0.contains("S 1.25") })
        #expect(!loop.state.mainPlotRegions.isEmpty)
        // The inspector's panel is beside the main plot: the cursor region ends before it.
        let r = loop.state.mainPlotRegions[0]
        #expect(r.column + r.width < 160 * 70 / 100)
    }

    @Test("a click in the loop maps through the drawn plot: x0 is that column's x")
    func clickInTheLoop() throws {
        // First learn where the plot is drawn, then click 20 columns into it.
        let probe = TestScreen(script: [.wait(milliseconds: 100), .key(.character("i")), .wait(milliseconds: 60)])
        let first = Self.loop(probe, session: ScriptedSession(events: ExplorerLoopTests.finishedTraining()))
        probe.play(TestScreen.type("q"))
        first.run(quit: { false })
        let region = try #require(first.state.mainPlotRegions.first)
        let screen = TestScreen(
            script: [
                .wait(milliseconds: 100), .key(.character("i")), .wait(milliseconds: 60),
                .click(column: region.column + 20, row: region.row + 3), .wait(milliseconds: 60),
            ] + TestScreen.type("q"))
        let loop = Self.loop(screen, session: ScriptedSession(events: ExplorerLoopTests.finishedTraining()))
        loop.run(quit: { false })
        #expect(abs(Double(loop.state.cursorX) - region.xValue(column: region.column + 20)) < 1e-5)
        #expect(screen.lastText.contains("p(y | x = \(SliceInspector.number(Double(loop.state.cursorX))))"))
    }

    @Test("a, 1, 2, 3 change the main plot: axes to fit everything, layers hidden")
    func axesAndLayers() {
        let screen = TestScreen(
            script: [.wait(milliseconds: 100)] + TestScreen.type("a") + [.wait(milliseconds: 60)]
                + TestScreen.type("123") + [.wait(milliseconds: 60)] + TestScreen.type("q"))
        let loop = Self.loop(screen, session: ScriptedSession(events: ExplorerLoopTests.finishedTraining()))
        loop.run(quit: { false })
        #expect(loop.state.axisMode == .fitAll && loop.state.layers.isEmpty)
        #expect(screen.lastText.contains("nothing shown (1 2 3 toggle the layers)"))
    }

    @Test("e with the inspector open exports it beside the plot (vector: the slice's notes as text)")
    func exportWithInspector() throws {
        let dir = NSTemporaryDirectory() + "mdnx-e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = ExplorerOptions()
        options.exportDirectory = dir
        options.exportFormats = [.svg]
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.character("i")), .wait(milliseconds: 60), .key(.character("e"))]
                + [.wait(milliseconds: 60)] + TestScreen.type("q"))
        let loop = Self.loop(
            screen, session: ScriptedSession(events: ExplorerLoopTests.finishedTraining()), options: options)
        loop.run(quit: { false })
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files.count == 1 && files[0].hasPrefix("mdnx-overlay-inspect-"), "\(files)")
        let svg = try String(contentsOfFile: dir + "/" + files[0], encoding: .utf8)
        let x0 = SliceInspector.number(Double(loop.state.cursorX))
        #expect(svg.contains("p(y | x = \(x0))") && svg.contains("modes (") && svg.contains("largest pi"))
    }

    @Test("e writes on a thread of its own; the outcome comes back as an event and the next e may start")
    func exportDoesNotBlockTheLoop() throws {
        let dir = NSTemporaryDirectory() + "mdnx-e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = ExplorerOptions()
        options.exportDirectory = dir
        options.exportFormats = [.svg, .png]
        // Waits of real time after e: the export finishes while the loop keeps reading keys.
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.character("e"))] + (0..<40).map { _ in .sleep(milliseconds: 50) }
                + TestScreen.type("q"))
        let loop = Self.loop(
            screen, session: ScriptedSession(events: ExplorerLoopTests.finishedTraining()), options: options)
        loop.run(quit: { false })
        // The outcome comes back as an event, drawn in the message row.
        #expect(screen.frames.contains { $0.text.contains("exported \(dir)/mdnx-overlay-") })
        #expect(loop.state.statusMessage?.hasPrefix("exported ") == true && !loop.state.plotExportRunning)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 2)
    }

    /// A small MDN checkpoint (random weights) recording the loop's data, in `dir`.
    static func checkpointFile(in dir: String) throws -> String {
        var rng = SeededRNG(seed: 5)
        let network = Network(kind: .mdn, hidden: [8], mixtures: 3, rng: &rng)
        let checkpoint = Checkpoint(
            network: network, preset: "default", epochs: 12, seed: 1,
            normalizer: Normalizer(xMean: [2.5], xStd: [1.5], yMean: [2.4], yStd: [1.2]),
            extra: ["data": "spiral count=400 seed=1"])
        let path = dir + "/opened.safetensors"
        try checkpoint.save(to: path)
        return path
    }

    @Test("w writes an opened model back exactly: the same tensors, the same evaluation")
    func writeOpenedModel() throws {
        let dir = NSTemporaryDirectory() + "mdnx-w-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let opened = try OpenedModel(path: try Self.checkpointFile(in: dir))
        var options = ExplorerOptions()
        options.models = [opened]
        options.modelDirectory = dir
        let data = DatasetName.spiral.generate(count: 400, seed: 1)
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.character("w")), .wait(milliseconds: 60), .key(.character("w"))]
                + [.wait(milliseconds: 60)] + TestScreen.type("q"))
        let loop = Self.loop(screen, session: OpenedSession(models: [opened], data: data), options: options)
        loop.run(quit: { false })
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("mdnx-mdn-") }
        // Pressed twice in one second: two files, the second never over the first.
        #expect(files.count == 2, "\(files)")
        for file in files {
            let copy = try Predictor(path: dir + "/" + file)
            #expect(copy.checkpoint.tensors == opened.checkpoint.tensors)
            #expect(copy.evaluate(data) == opened.predictor.evaluate(data))
        }
        #expect(loop.state.statusMessage?.hasPrefix("wrote ") == true)
    }

    @Test("w writes a trained model at the viewed epoch from the timeline (half precision, and says so)")
    func writeTrainedModel() throws {
        let dir = NSTemporaryDirectory() + "mdnx-w-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = ExplorerOptions()
        options.modelDirectory = dir
        let screen = TestScreen(
            script: [.wait(milliseconds: 100)] + TestScreen.type(",,,") + [.key(.character("w"))]
                + [.wait(milliseconds: 60)] + TestScreen.type("q"))
        let loop = Self.loop(
            screen, session: ScriptedSession(events: ExplorerLoopTests.finishedTraining()), options: options)
        loop.run(quit: { false })
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.count == 2 && files[0].hasPrefix("mdnx-mdn-") && files[1].hasPrefix("mdnx-mse-"))
        let mdn = try Predictor(path: dir + "/" + files[0])
        // Viewed position 37 of 40: the MDN's epoch 37, its recorded weights widened to Float.
        #expect(mdn.checkpoint.epochs == 37)
        #expect(mdn.checkpoint.extra["weights"]?.hasPrefix("half precision") == true)
        #expect(mdn.checkpoint.extra["data"] == "spiral count=10000 seed=42")
        let x: [Float] = [0.5, 2, 4]
        let expected = try #require(loop.state.history.mdn).mixtures(atEpoch: 37, x: x)
        #expect(mdn.mixtures(x: x) == expected)
        #expect(loop.state.statusMessage?.contains("half precision") == true)
    }
}
