import Foundation
import MDNCore
import MDNCoreTestSupport
import MDNFigures
import TermPlot
import TermPlotTestSupport
import Testing

@testable import MDNAnimation

/// A small recorded training for the animation tests: real (tiny) networks trained on a
/// spiral of 400 points, every epoch recorded as the explorer and `train --history` do.
enum SmallRecording {
    static let data = Datasets.spiral(count: 400, seed: 5)

    /// MSE and MDN (K 3, 1-16-16) trained `mseEpochs` and `mdnEpochs` epochs.
    static func history(mseEpochs: Int = 12, mdnEpochs: Int = 30) -> TrainingHistory {
        var history = TrainingHistory()
        for (kind, epochs) in [(ModelKind.mse, mseEpochs), (.mdn, mdnEpochs)] {
            var rng = SeededRNG(seed: 9)
            let network = Network(kind: kind, hidden: [16, 16], mixtures: 3, rng: &rng)
            var config = Preset.tutorial.config(for: kind)
            config.maxEpochs = epochs
            config.earlyStopping = nil
            config.reduceLROnPlateau = nil
            config.learningRate = 1e-2
            let normalizer = Normalizer(fitting: data)
            let trainer = Trainer(network: network, data: normalizer.normalize(data), config: config, seed: 3)
            history.begin(ModelTimeline(template: network, normalizer: normalizer))
            let summary = trainer.fit(onEpoch: { report in
                history.record(kind, report, weights: HalfWeights(trainer.network))
            })
            history.finish(kind, summary.stopReason, restoredEpoch: summary.restoredEpoch)
        }
        return history
    }

    static var animationData: AnimationData {
        AnimationData(points: XYPoints(xs: data.x, ys: data.y), name: "spiral", equalAspect: true)
    }
}

@Suite("Animation of a recorded training")
struct HistoryAnimationTests {
    static let history = SmallRecording.history()

    static func animation(
        view: FigureView = .overlay, epochs: ClosedRange<Int>? = nil, maxFrames: Int = 200
    ) -> HistoryAnimation {
        HistoryAnimation(
            history: history, data: SmallRecording.animationData, view: view, epochs: epochs, columns: 100,
            rows: 30, maxFrames: maxFrames)
    }

    @Test func everyEpochWhenTheyFit() {
        #expect(Self.animation().positions == Array(1...30))
        #expect(Self.animation(epochs: 5...9).positions == [5, 6, 7, 8, 9])
    }

    /// Thinned: exactly maxFrames distinct epochs, first and last kept, steps that never
    /// shrink, and more frames in the first half of the epochs than in the second.
    @Test func thinnedFramesFavourEarlyEpochs() {
        var a = Self.animation(maxFrames: 12)
        a.epochs = 1...500
        let p = a.positions
        #expect(p.count == 12 && p.first == 1 && p.last == 500)
        let steps = zip(p, p.dropFirst()).map { $1 - $0 }
        #expect(steps.allSatisfy { $0 >= 1 })
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(p.filter { $0 <= 250 }.count > p.filter { $0 > 250 }.count)
    }

    @Test func rangesAndViewsAreChecked() {
        #expect(throws: AnimationError.epochRange(first: 3, last: 31, available: 30)) {
            try Self.animation(epochs: 3...31).validate()
        }
        var mseOnly = TrainingHistory()
        if let mse = Self.history.mse { mseOnly.begin(mse) }
        let a = HistoryAnimation(history: mseOnly, data: SmallRecording.animationData, view: .density)
        #expect(throws: AnimationError.noFrames(reason: "the density view needs an MDN, and the recording has none")) {
            try a.validate()
        }
        #expect(throws: AnimationError.noFrames(reason: "the recording has no epochs")) {
            try HistoryAnimation(history: TrainingHistory(), data: SmallRecording.animationData).validate()
        }
    }

    /// The scene's MSE curve is the recorded network of that epoch evaluated directly; a
    /// model that stopped earlier stays at its last epoch.
    @Test func sceneEvaluatesTheRecordedEpoch() throws {
        let mse = try #require(Self.history.mse)
        for position in [1, 7, 12, 25] {
            let scene = HistoryScene.scene(Self.history, position: position, data: SmallRecording.animationData)
            let curve = try #require(scene.mse)
            let epoch = min(position, 12)
            let net = mse.network(atEpoch: epoch).network
            let n = mse.normalizer
            #expect(curve.ys == n.denormalizeY(net.predict(n.normalizeX(curve.xs))))
            #expect(curve.xs.count == HistoryScene.curvePoints)
        }
        // The same seed draws the same samples from the same epoch; another epoch moves them.
        let a = HistoryScene.scene(Self.history, position: 20, data: SmallRecording.animationData)
        let b = HistoryScene.scene(Self.history, position: 20, data: SmallRecording.animationData)
        let c = HistoryScene.scene(Self.history, position: 21, data: SmallRecording.animationData)
        #expect(a.mdn?.samples == b.mdn?.samples)
        #expect(a.mdn?.samples != c.mdn?.samples)
    }

    @Test func framesCarryTheEpochAndShareTheirAxes() throws {
        let a = Self.animation(view: .sideBySide)
        let f1 = a.frame(1, duration: 0.1)
        let f30 = a.frame(30, duration: 0.1)
        #expect(f1.figure.panels[0].title.hasPrefix("epoch 1 of 30 · "))
        #expect(f30.figure.panels[0].title.hasPrefix("epoch 30 of 30 · "))
        for f in [f1, f30] {
            for panel in f.figure.panels {
                if case .auto = panel.x.range { Issue.record("an automatic x axis in \(panel.title)") }
                if case .auto = panel.y.range { Issue.record("an automatic y axis in \(panel.title)") }
            }
        }
        #expect(f1.figure.panels.map(\.x.range) == f30.figure.panels.map(\.x.range))
        #expect(f1.screen.width == 100 && f1.screen.height == 30)
        let text = f30.screen.text
        #expect(text.hasPrefix(" mdnx  epoch 30 of 30  side by side"))
        #expect(text.contains("MSE ep 12"))
        #expect(text.contains("MDN ep 30"))
        #expect(text.contains("(stopped: max epochs)"))
    }

    /// The GIF's picture has the loss curves below the plot: up to the frame's epoch, on axes
    /// that span the whole recording (the curves grow, the axes stay).
    @Test func framesCarryTheLossCurvesSoFar() throws {
        let a = Self.animation()
        func trainCurve(_ f: AnimationFrame, _ panel: Int) -> [Float] {
            for layer in f.strip?.panels[panel].layers ?? [] {
                if case .curve(_, let ys, _, let label) = layer, label?.hasSuffix("train") == true { return ys }
            }
            return []
        }
        let f5 = a.frame(5, duration: 0.1)
        let f20 = a.frame(20, duration: 0.1)
        let strip = try #require(f20.strip)
        #expect(strip.panels.count == 2)
        // MSE stopped at epoch 12: its curve stays there; the MDN's reaches the frame's epoch.
        #expect(trainCurve(f5, 0).count == 5 && trainCurve(f20, 0).count == 12)
        #expect(trainCurve(f5, 1).count == 5 && trainCurve(f20, 1).count == 20)
        #expect(strip.panels[1].title.hasPrefix("MDN NLL (K 3) ep 20 train "))
        #expect(f5.strip?.panels.map(\.x.range) == strip.panels.map(\.x.range))
        #expect(f5.strip?.panels.map(\.y.range) == strip.panels.map(\.y.range))
    }

    @Test func exportNamesNeverClobber() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = dir + "/mdnx-density-training-20250101-120000"
        #expect(AnimationExport.unusedBase(in: dir, view: .density, stamp: "20250101-120000") == base)
        try "x".write(toFile: base + ".cast", atomically: false, encoding: .utf8)
        #expect(AnimationExport.unusedBase(in: dir, view: .density, stamp: "20250101-120000") == base + "-2")
        try "x".write(toFile: base + "-2.gif", atomically: false, encoding: .utf8)
        #expect(AnimationExport.unusedBase(in: dir, view: .density, stamp: "20250101-120000") == base + "-3")
    }

    @Test func durationsHoldTheLastFrame() {
        #expect(Self.animation().durations(count: 3) == [0.1, 0.1, 2.1])
    }

    /// The explorer's E: both files next to each other, named by view and time; Pillow
    /// counts the frames and reads their delays, asciinema reads the cast.
    @Test(
        .enabled(
            if: Python.canImport("PIL", "asciinema", "pyte") || Python.isCI,
            "needs python3 with Pillow, asciinema and pyte (.ci/setup installs them; with CI set this fails instead)"))
    func exportTrainingWritesAGIFAndACastNextToEachOther() throws {
        try #require(Python.canImport("PIL", "asciinema", "pyte"), "Pillow, asciinema and pyte are required in CI")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let look = AnimationLook(pixelWidth: 300, pixelHeight: 220, palette: TestPalette.palette)
        var calls = 0
        let first = try AnimationExport.exportTraining(
            history: Self.history, through: 25, data: SmallRecording.animationData, view: .overlay,
            temperatures: .neutral, canvas: .braille, columns: 80, rows: 24, look: look, directory: dir,
            progress: { _, _ in calls += 1 })
        #expect(first.frames == 25 && calls == 25)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 2)
        let gif = try #require(first.files.first { $0.path.hasSuffix(".gif") }).path
        let cast = try #require(first.files.first { $0.path.hasSuffix(".cast") }).path
        #expect(gif.hasPrefix(dir + "/mdnx-overlay-training-") && cast == gif.dropLast(4) + ".cast")
        let g = Python.runScript("check_gif.py", arguments: [gif])
        try #require(g.status == 0, "check_gif.py: \(g.error)")
        struct GIFReport: Decodable {
            let frames: Int
            let durations: [Int]
        }
        let report = try JSONDecoder().decode(GIFReport.self, from: Data(g.output.utf8))
        #expect(report.frames == 25)
        #expect(report.durations.dropLast().allSatisfy { $0 == 100 } && report.durations.last == 2100)
        let c = Python.runScript("check_cast.py", arguments: [cast])
        try #require(c.status == 0, "check_cast.py: \(c.error)")
        #expect(c.output.contains("\"output_events\": 26"))
    }
}
