import ExplorerTestSupport
import MDNCore
import Testing

@testable import Explorer

/// `update` records training's snapshots in the state's timeline and moves through it.
@Suite("update: the timeline")
struct TimelineUpdateTests {
    static func state(mse: Int = 30, mdn: Int = 40) -> ExplorerState {
        var s = ExplorerState()
        for e in TimelineFixtures.events(.mse, epochs: mse) + TimelineFixtures.events(.mdn, epochs: mdn) {
            _ = update(&s, .training(e))
        }
        return s
    }

    static func press(_ s: inout ExplorerState, _ keys: Key...) {
        for k in keys { _ = update(&s, .key(k)) }
    }

    @Test("snapshots are recorded in order; a replaced run's epochs and repeats are dropped")
    func recording() {
        var s = Self.state(mse: 3, mdn: 2)
        #expect(s.history.mse?.count == 3 && s.history.mdn?.count == 2 && s.history.epochCount == 3)
        #expect(s.mixtures == 2, "K comes from the MDN's timeline")
        let stale = TimelineFixtures.events(.mdn, epochs: 3, generation: 7)[3]
        _ = update(&s, .training(stale))
        #expect(s.history.mdn?.count == 2, "an epoch of another run is dropped")
        let repeated = TimelineFixtures.events(.mdn, epochs: 2)[2]
        _ = update(&s, .training(repeated))
        #expect(s.history.mdn?.count == 2, "an epoch already recorded is dropped")
        #expect(s.stepsPerSecond[.mdn] == 1000)
    }

    @Test(", from live goes one back; . past the newest goes live while training runs")
    func stepping() {
        var s = Self.state()
        #expect(s.isLive && s.position == 40 && s.shownEpoch(.mse) == 30)
        Self.press(&s, .character(","))
        #expect(s.viewedEpoch == 39 && s.shownEpoch(.mdn) == 39 && s.shownEpoch(.mse) == 30)
        Self.press(&s, .character("."))
        #expect(s.isLive)
        for _ in 0..<50 { Self.press(&s, .character(",")) }
        #expect(s.viewedEpoch == 1 && s.shownEpoch(.mse) == 1)
        Self.press(&s, .end)
        #expect(s.isLive)
        Self.press(&s, .home)
        #expect(s.viewedEpoch == 1)
        // Training goes on while an epoch of the past is viewed: the view stays put.
        let more = TimelineFixtures.events(.mdn, epochs: 41)[41]
        _ = update(&s, .training(more))
        #expect(s.viewedEpoch == 1 && s.history.epochCount == 41)
    }

    @Test("after training finished, . stops at the last epoch and live shows the restored best")
    func finishedTimeline() {
        var s = Self.state(mse: 5, mdn: 6)
        _ = update(&s, .training(.finished(kind: .mse, generation: 0, reason: .earlyStopping, restoredEpoch: 3)))
        _ = update(&s, .training(.finished(kind: .mdn, generation: 0, reason: .maxEpochs, restoredEpoch: 4)))
        #expect(s.finished && s.stopSummary == "MSE early stopping, MDN max epochs")
        #expect(s.shownEpoch(.mse) == 3 && s.shownEpoch(.mdn) == 4, "live shows the weights training kept")
        Self.press(&s, .character(","), .character("."), .character("."))
        #expect(s.viewedEpoch == 6 && s.shownEpoch(.mdn) == 6 && s.shownEpoch(.mse) == 5)
    }

    @Test("replay: ticks move the viewed epoch at the chosen speed; the end is live")
    func replay() {
        var s = Self.state()
        _ = update(&s, .tick(milliseconds: 10_000))
        Self.press(&s, .character(","), .character(","), .character(","))
        #expect(s.viewedEpoch == 37)
        Self.press(&s, .home, .character("P"))
        #expect(s.replay == ExplorerState.Replay(epoch: 1, since: 10_000) && s.viewedEpoch == 1)
        _ = update(&s, .tick(milliseconds: 10_950))
        #expect(s.viewedEpoch == 10, "9.5 epochs at 10/s: epoch 1 + 9")
        Self.press(&s, .character("+"))
        _ = update(&s, .tick(milliseconds: 11_950))
        #expect(s.viewedEpoch == 35, "re-anchored at 10, then 1 s at 25/s")
        _ = update(&s, .tick(milliseconds: 12_500))
        #expect(s.isLive && s.replay == nil)
        Self.press(&s, .character("-"), .character("-"), .character("-"), .character("-"), .character("-"))
        #expect(s.replaySpeed == 1, "the slowest speed holds")
        Self.press(&s, .character("P"))
        #expect(s.viewedEpoch == 1, "P from live replays from the first epoch")
        Self.press(&s, .character("P"))
        #expect(s.replay == nil && s.viewedEpoch == 1)
    }

    @Test("keys that move through the timeline say so before the first epoch")
    func emptyTimeline() {
        var s = ExplorerState()
        for key in [Key.character(","), .character("."), .home, .end, .character("P")] {
            Self.press(&s, key)
            #expect(s.isLive && s.replay == nil, "\(key)")
            #expect(s.statusMessage?.contains("yet") == true || s.statusMessage?.contains("live") == true, "\(key)")
        }
    }

    @Test("a K restart's new MDN timeline keeps the view within it; r clears the timeline")
    func restarts() {
        var s = Self.state(mse: 10, mdn: 20)
        Self.press(&s, .character(","))
        #expect(s.viewedEpoch == 19)
        let effects = update(&s, .key(.character("K")))
        #expect(effects == [.restartMDN(mixtures: 3)])
        _ = update(&s, .training(TimelineFixtures.events(.mdn, epochs: 0, generation: 1)[0]))
        #expect(s.history.previousMDN?.count == 20 && s.history.mdn?.count == 0)
        #expect(s.viewedEpoch == 10, "clamped to the timeline's new length")
        let r = update(&s, .key(.character("r")))
        #expect(r == [.restartAll(seed: 43)] && s.history.epochCount == 0 && s.isLive && s.session == 1)
    }

    @Test("--mixtures auto: screening, then the choice, in the status bar and the help")
    func mixturesAuto() {
        var s = ExplorerState()
        s.width = 160
        s.height = 48
        s.mixtureSearch = .screening(mixtures: 0, index: 0, count: 0)
        _ = update(&s, .training(.screening(mixtures: 5, index: 3, count: 7)))
        let input = FrameInput(data: Dataset(x: [0, 1], y: [0, 1]), dataName: "d", referenceNLL: nil, themeName: "t")
        let bar = ExplorerView.statusParts(s, input).joined(separator: " | ")
        #expect(bar.contains("choosing K: screening K 5 (4/7)") && bar.contains("K auto"))
        // K = 12 is best by 0.0125 nats, within one standard error: the rule takes K = 8.
        let choice = MixtureSearch.choose([
            .init(mixtures: 8, validationNLL: [1, 2, 3, 4], epochs: 9, seconds: 1),
            .init(mixtures: 12, validationNLL: [0.9, 2.1, 2.9, 4.05], epochs: 9, seconds: 1),
        ])
        #expect(choice?.chosen == 8 && choice?.best == 12)
        _ = update(&s, .training(.mixturesChosen(choice)))
        #expect(s.mixtures == 8 && s.statusMessage?.contains("chosen automatically") == true)
        #expect(ExplorerView.statusParts(s, input).contains("K 8 (auto)"))
        s.helpVisible = true
        #expect(
            ExplorerView.screen(s, input).text.contains(
                "K = 8 was chosen by --mixtures auto: the smallest K within one standard error of the best (K = 12)"))
        s.helpVisible = false
        _ = update(&s, .key(.character("K")))
        #expect(s.mixtureSearch == .abandoned && ExplorerView.statusParts(s, input).contains("K 9"))
    }
}
