import ExplorerTestSupport
import Foundation
import MDNCore
import Synchronization
import Testing
import Themes

@testable import Explorer

/// The explorer's loop without a terminal: an in-memory screen plays keys and pauses on a
/// test clock, a scripted session publishes epochs; the tests read the frames drawn.
@Suite("explorer loop (in-memory screen)")
struct ExplorerLoopTests {
    /// A loop over a small spiral (400 rows), with `sessions` as its training.
    static func loop(
        _ screen: TestScreen, sessions: @escaping @Sendable () -> ScriptedSession, options: ExplorerOptions = .init()
    ) -> ExplorerLoop {
        loop(screen, makeSession: { _ in sessions() }, options: options)
    }

    /// A loop over a small spiral (400 rows) on `screen`'s clock, whose trainings
    /// `makeSession` makes from the session configuration the loop asks for.
    static func loop(
        _ screen: TestScreen, makeSession: @escaping (SessionConfig) -> any TrainingControl,
        options: ExplorerOptions = .init()
    ) -> ExplorerLoop {
        let loaded = LoadedData(
            data: DatasetName.spiral.generate(count: 400, seed: 1), name: "spiral", referenceNLL: -0.387,
            equalAspect: true)
        let theme = Theme.builtinDefault
        let themes = ExplorerLoop.ThemeSet(
            loader: ThemeLoader.standard(), names: [theme.name], cache: [theme.name: theme], current: theme)
        return ExplorerLoop(
            options: options, loaded: loaded, screen: screen, unicode: true, themes: themes, warning: nil,
            makeSession: makeSession, now: { screen.clock.now })
    }

    /// A finished training: 30 MSE epochs and 40 MDN epochs, both ended.
    static func finishedTraining() -> [TrainingEvent] {
        TimelineFixtures.events(.mse, epochs: 30) + TimelineFixtures.events(.mdn, epochs: 40) + [
            .finished(kind: .mse, generation: 0, reason: .earlyStopping, restoredEpoch: nil),
            .finished(kind: .mdn, generation: 0, reason: .maxEpochs, restoredEpoch: nil),
        ]
    }

    /// The status bar line of a frame (third row from the bottom).
    static func statusBar(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return String(lines[lines.count - 3])
    }

    /// The main plot's rows of a frame (below the tab bar, above the loss panels).
    static func mainPlot(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let area = ExplorerView.mainArea(width: 160, height: 48)
        return lines[1..<(1 + area.height)].joined(separator: "\n")
    }

    @Test(", twenty times shows the epoch 20 lower and a different plot; Home the first; End live")
    func scrubbing() {
        let screen = TestScreen(
            script: [.wait(milliseconds: 200)] + TestScreen.type(String(repeating: ",", count: 20))
                + [
                    .wait(milliseconds: 100), .key(.home), .wait(milliseconds: 100), .key(.end),
                    .wait(milliseconds: 100),
                ]
                + TestScreen.type("q"))
        let session = ScriptedSession(events: Self.finishedTraining())
        let loop = Self.loop(screen, sessions: { session })
        loop.run(quit: { false })
        let texts = screen.frames.map(\.text)
        let live = try! #require(texts.first { Self.statusBar($0).contains("live ep 40/40") })
        let back = try! #require(texts.first { Self.statusBar($0).contains("history ep 20/40") })
        #expect(Self.statusBar(live).contains("MDN ep 40 ") && Self.statusBar(back).contains("MDN ep 20/40"))
        #expect(Self.statusBar(back).contains("MSE ep 20/30"))
        #expect(Self.mainPlot(live) != Self.mainPlot(back), "epoch 20 draws another picture")
        #expect(texts.contains { Self.statusBar($0).contains("history ep 1/40") })
        #expect(Self.statusBar(texts.last!).contains("live ep 40/40"))
        #expect(loop.state.isLive && session.calls.first == .start && session.calls.last == .stop)
    }

    @Test("P replays at 10 epochs a second: frames a second apart differ by 10 epochs; it ends live")
    func replay() throws {
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.home), .key(.character("P")), .wait(milliseconds: 1000)]
                + [.wait(milliseconds: 1000), .wait(milliseconds: 5000)] + TestScreen.type("q"))
        let loop = Self.loop(screen, sessions: { ScriptedSession(events: Self.finishedTraining()) })
        loop.run(quit: { false })
        // The frame just before 1 s and 2 s after P (the clock starts at 1 s; P arrives at 1.1 s).
        func frame(at ms: Double) -> String {
            let i = screen.frameTimes.lastIndex { $0 <= ms }!
            return screen.frames[i].text
        }
        let a = Self.statusBar(frame(at: 2100))
        let b = Self.statusBar(frame(at: 3100))
        #expect(a.contains("replay ep 11/40 at 10/s"), "\(a)")
        #expect(b.contains("replay ep 21/40 at 10/s"), "\(b)")
        #expect(Self.mainPlot(frame(at: 2100)) != Self.mainPlot(frame(at: 3100)))
        #expect(loop.state.isLive && loop.state.replay == nil, "past the newest epoch the replay ends live")
        // While replaying at 10 epochs a second the loop draws each epoch once: 10 frames a second.
        let shown = zip(screen.frameTimes, screen.frames).filter { $0.0 > 2100 && $0.0 <= 3100 }.map {
            Self.statusBar($0.1.text)
        }
        #expect(shown.count == 10 && Set(shown).count == 10, "\(shown)")
    }

    @Test("- and + change the replay speed without a jump")
    func replaySpeed() {
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.home), .key(.character("P")), .key(.character("+"))]
                + [.wait(milliseconds: 1000), .key(.character("-")), .key(.character("-")), .wait(milliseconds: 1000)]
                + TestScreen.type("P") + [.wait(milliseconds: 500)] + TestScreen.type("q"))
        let loop = Self.loop(screen, sessions: { ScriptedSession(events: Self.finishedTraining()) })
        loop.run(quit: { false })
        // 1 s at 25/s then 1 s at 5/s: epoch 1 + 25 + 5; P stopped the replay there.
        #expect(loop.state.viewedEpoch == 31 && loop.state.replay == nil)
        #expect(Self.statusBar(screen.lastText).contains("history ep 31/40"))
    }

    @Test("keys reach the session: K restarts the MDN, space pauses, r starts a new session and timeline")
    func effects() {
        let made = Counter()
        let first = ScriptedSession(
            events: TimelineFixtures.events(.mse, epochs: 5) + TimelineFixtures.events(.mdn, epochs: 5))
        let second = ScriptedSession(events: TimelineFixtures.events(.mse, epochs: 2))
        let screen = TestScreen(
            script: [.wait(milliseconds: 100)] + TestScreen.type("K ") + [.wait(milliseconds: 100)]
                + TestScreen.type("r") + [.wait(milliseconds: 100)] + TestScreen.type("q"))
        let loop = Self.loop(screen, sessions: { made.next() == 0 ? first : second })
        loop.run(quit: { false })
        #expect(first.calls == [.start, .restartMDN(3), .pause, .stop], "the fixture's MDN has K = 2")
        #expect(second.calls == [.start, .stop])
        #expect(loop.state.history.epochCount == 2 && loop.state.history.mdn == nil, "r began a new timeline")
        #expect(loop.state.seed == 43)
    }

    @Test("a K restart begins a new MDN timeline; the old one is kept until the next")
    func restartTimeline() {
        let session = ScriptedSession(
            events: TimelineFixtures.events(.mse, epochs: 10) + TimelineFixtures.events(.mdn, epochs: 8))
        let screen = TestScreen(script: [.wait(milliseconds: 100), .key(.character("K")), .wait(milliseconds: 100)])
        let loop = Self.loop(screen, sessions: { session })
        var published = false
        loop.run(quit: {
            // The session answers the restart as the real one does: a new timeline, then epochs.
            if !published && session.calls.contains(.restartMDN(3)) {
                published = true
                session.publish(TimelineFixtures.events(.mdn, epochs: 3, generation: 1))
            }
            return screen.isExhausted
        })
        #expect(loop.state.history.mdn?.generation == 1 && loop.state.history.mdn?.count == 3)
        #expect(loop.state.history.previousMDN?.count == 8)
        #expect(loop.state.history.mse?.count == 10)
    }

    @Test("every key is on screen in the frame drawn right after it (no waiting for the frame clock)")
    func keyToScreen() {
        let screen = TestScreen(
            script: [.wait(milliseconds: 100), .key(.character("T")), .wait(milliseconds: 1), .key(.character("v"))]
                + [.wait(milliseconds: 1), .key(.character("q"))])
        let loop = Self.loop(screen, sessions: { ScriptedSession(events: Self.finishedTraining()) })
        loop.run(quit: { false })
        let withT = screen.frames.firstIndex { Self.statusBar($0.text).contains("T 1.25") }
        let withV = screen.frames.firstIndex { $0.text.contains("[side by side]") }
        #expect(withT != nil && withV != nil)
        // Each key's frame is drawn at the clock time it was read: 100 ms and 1 ms later (a
        // frame is due only every 50 ms at 20 fps, but a key does not wait for it).
        if let withT, let withV { #expect(screen.frameTimes[withV] - screen.frameTimes[withT] == 1) }
        #expect(loop.timer.keyToScreenMs.allSatisfy { $0 == 0 }, "the test clock does not move while drawing")
    }

    @Test("snapshots arriving one by one draw at most fps frames a second")
    func frameRate() {
        let session = ScriptedSession(
            events: TimelineFixtures.events(.mse, epochs: 200) + TimelineFixtures.events(.mdn, epochs: 200),
            perDrain: 1)
        let screen = TestScreen(script: [.wait(milliseconds: 1000)] + TestScreen.type("q"))
        let loop = Self.loop(screen, sessions: { session })
        loop.run(quit: { false })
        #expect(screen.frames.count <= 22, "\(screen.frames.count) frames in 1 s")
        #expect(loop.state.history.epochCount > 0)
    }
}

extension ExplorerLoopTests {
    @Test("E writes the training up to the viewed epoch as a GIF and an asciicast, in the background")
    func animationExport() throws {
        let directory = NSTemporaryDirectory() + "mdnx-loop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = ExplorerOptions()
        options.exportDirectory = directory
        let screen = TestScreen(
            script: [.wait(milliseconds: 100)] + TestScreen.type(",,,,,,,,,,E") + [.wait(milliseconds: 200)])
        let loop = Self.loop(screen, sessions: { ScriptedSession(events: Self.finishedTraining()) }, options: options)
        let deadline = Date().addingTimeInterval(120)
        loop.run(quit: { screen.isExhausted && (loop.state.animationExport == nil || Date() > deadline) })
        let message = try #require(loop.state.statusMessage)
        #expect(message.hasPrefix("animated epochs 1 to 30 ("), "\(message)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.count == 2 && files.allSatisfy { $0.hasPrefix("mdnx-overlay-training-") })
        #expect(files.contains { $0.hasSuffix(".gif") } && files.contains { $0.hasSuffix(".cast") })
        let cast = try String(contentsOfFile: directory + "/" + files.first { $0.hasSuffix(".cast") }!, encoding: .utf8)
        struct Header: Decodable {
            var version: Int
            var width: Int
            var height: Int
        }
        let header = try JSONDecoder().decode(Header.self, from: Data(cast.prefix { $0 != "\n" }.utf8))
        #expect(header.version == 2 && header.width == 160 && header.height == 48)
        #expect(screen.frames.contains { Self.statusBar($0.text).contains("writing animation") })
    }
}

/// Counts calls from a Sendable closure.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock { v in
            defer { v += 1 }
            return v
        }
    }
}

/// K when `--mixtures` is left out: the preset's for the data's size, as `mdnx train` chooses it.
@Suite("explorer K from the preset")
struct ExplorerDefaultMixturesTests {
    /// The K the loop's state shows and its session is made with, for `options` over 400 spiral rows.
    static func mixtures(_ options: ExplorerOptions) -> (shown: Int, trained: Int?) {
        let screen = TestScreen(script: [.wait(milliseconds: 50)] + TestScreen.type("q"))
        let made = Mutex<Int?>(nil)
        let loop = ExplorerLoopTests.loop(
            screen,
            makeSession: { config in
                made.withLock { $0 = config.mixtures }
                return ScriptedSession(events: [])
            }, options: options)
        loop.run(quit: { false })
        return (loop.state.mixtures, made.withLock { $0 })
    }

    @Test("400 rows under the default preset: K = 5 (Preset.smallDataMixtures), shown and trained")
    func smallData() {
        let k = Self.mixtures(ExplorerOptions())
        #expect(k.shown == 5 && k.trained == 5)
    }

    @Test("the tutorial preset keeps its 20; an explicit --mixtures wins")
    func tutorialAndExplicit() {
        var tutorial = ExplorerOptions()
        tutorial.preset = .tutorial
        #expect(Self.mixtures(tutorial).shown == 20 && Self.mixtures(tutorial).trained == 20)
        var explicit = ExplorerOptions()
        explicit.mixtures = 7
        #expect(Self.mixtures(explicit).shown == 7 && Self.mixtures(explicit).trained == 7)
    }
}
