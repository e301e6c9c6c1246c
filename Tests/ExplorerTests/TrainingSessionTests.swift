import Foundation
import MDNCore
import MDNIO
import Testing

@testable import Explorer

@Suite("TrainingSession", .serialized)
struct TrainingSessionTests {
    static let data: Dataset = {
        let xs: [Float] = (0..<400).map { Float($0) / 80 }
        return Dataset(x: xs, y: xs.map { $0 * 0.5 })
    }()

    private func waitUntil(_ seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    /// Drains `session` until `condition` holds on everything drained so far (or `seconds` pass).
    private func collect(
        _ session: TrainingSession, _ seconds: Double = 20, until condition: ([TrainingEvent]) -> Bool
    ) -> [TrainingEvent] {
        var events: [TrainingEvent] = []
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            events += session.drainEvents()
            if condition(events) { break }
            usleep(5_000)
        }
        return events
    }

    private static func epochs(_ events: [TrainingEvent], _ kind: ModelKind, generation: Int? = nil) -> [EpochSnapshot]
    {
        events.compactMap {
            if case .epoch(let s) = $0, s.kind == kind, generation == nil || s.generation == generation { return s }
            return nil
        }
    }

    @Test("both models make progress; every epoch is published in order with its weights", arguments: [true, false])
    func publishesEveryEpoch(parallel: Bool) {
        var config = SessionConfig(data: Self.data, mixtures: 3, preset: .default, seed: 1)
        config.concurrency = parallel ? .parallel : .alternating
        let session = TrainingSession(config: config)
        #expect(session.isParallel == parallel)
        session.start()
        defer { session.stop() }
        let events = collect(session) { Self.epochs($0, .mse).count >= 3 && Self.epochs($0, .mdn).count >= 3 }
        var began: [ModelKind: ModelTimeline] = [:]
        for case .began(let t) in events { began[t.kind] = t }
        #expect(began[.mse]?.count == 0 && began[.mdn]?.mixtures == 3)
        for kind in ModelKind.allCases {
            let mine = Self.epochs(events, kind)
            #expect(mine.map(\.report.epoch) == Array(1...mine.count), "\(kind): every epoch, in order")
            #expect(mine.allSatisfy { $0.weights.values.count == began[kind]?.template.parameterCount })
        }
        let s = session.snapshot
        #expect(s.mse.loss.count == s.mse.epoch && s.mdn.valLoss.count == s.mdn.epoch)
    }

    @Test("one thread or two: each model trains bit for bit the same")
    func concurrencyDoesNotChangeTheModels() {
        func run(_ concurrency: SessionConfig.Concurrency) -> [TrainingEvent] {
            var config = SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 6)
            config.overrides = TrainingOverrides(maxEpochs: 6)
            config.concurrency = concurrency
            let session = TrainingSession(config: config)
            session.start()
            defer { session.stop() }
            return collect(session) { events in
                events.filter { if case .finished = $0 { return true } else { return false } }.count == 2
            }
        }
        let a = run(.parallel)
        let b = run(.alternating)
        for kind in ModelKind.allCases {
            let ea = Self.epochs(a, kind)
            let eb = Self.epochs(b, kind)
            #expect(ea.count == 6 && eb.count == 6)
            #expect(ea.map(\.weights) == eb.map(\.weights), "\(kind)")
            #expect(ea.map(\.report.loss) == eb.map(\.report.loss), "\(kind)")
        }
    }

    @Test("w of a finished run writes what training ended with bit for bit, as the recipe trains it alone")
    func writeFinishedRun() throws {
        var config = SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 6)
        config.overrides = TrainingOverrides(maxEpochs: 6)
        let session = TrainingSession(config: config)
        session.start()
        defer { session.stop() }
        let events = collect(session) { events in
            events.filter { if case .finished = $0 { return true } else { return false } }.count == 2
        }
        var state = ExplorerState()
        for event in events { _ = update(&state, .training(event)) }
        #expect(state.finished)
        let items = ModelWriter.items(
            state, options: ExplorerOptions(), data: Self.data,
            finalModel: { session.finalModel($0, generation: $1) })
        #expect(items.map(\.kind) == [.mse, .mdn])
        for item in items {
            // The same model trained alone by the recipe (as mdnx train does).
            let alone = config.recipe.trainer(item.kind, data: Self.data)
            _ = alone.trainer.fit()
            #expect(item.exact && item.checkpoint.tensors == alone.trainer.network.namedTensors(), "\(item.kind)")
            #expect(item.checkpoint.epochs == 6 && item.checkpoint.normalizer == alone.normalizer)
        }
        #expect(items[0].checkpoint.extra[Checkpoint.validationRMSEKey] != nil)
    }

    @Test("pause holds both models at once; resume continues", arguments: [true, false])
    func pause(parallel: Bool) {
        var config = SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 2)
        config.concurrency = parallel ? .parallel : .alternating
        let session = TrainingSession(config: config)
        session.start()
        defer { session.stop() }
        _ = collect(session) { Self.epochs($0, .mse).count >= 1 }
        session.pause()
        usleep(50_000)  // a running epoch is suspended at its next batch
        let held = session.sequence
        usleep(300_000)
        #expect(session.sequence == held)
        session.resume()
        let end = Date().addingTimeInterval(20)
        while Date() < end && session.sequence == held { usleep(5_000) }
        #expect(session.sequence > held)
    }

    @Test("restartMDN begins a new MDN timeline with the new K; the MSE trains on")
    func restartMDN() {
        let session = TrainingSession(config: SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 3))
        session.start()
        defer { session.stop() }
        var events = collect(session) { Self.epochs($0, .mse).count >= 2 && Self.epochs($0, .mdn).count >= 1 }
        let mseBefore = Self.epochs(events, .mse).count
        session.restartMDN(mixtures: 4)
        events += collect(session) { Self.epochs($0, .mdn, generation: 1).count >= 2 }
        let restarts = events.compactMap { e -> ModelTimeline? in
            if case .began(let t) = e, t.kind == .mdn { return t }
            return nil
        }
        #expect(restarts.map(\.generation) == [0, 1] && restarts.map(\.mixtures) == [2, 4])
        let restarted = Self.epochs(events, .mdn, generation: 1)
        #expect(restarted.prefix(2).map(\.report.epoch) == [1, 2], "the new MDN counts from epoch 1")
        #expect(restarted.allSatisfy { $0.weights.values.count == restarts[1].template.parameterCount })
        let mse = Self.epochs(events, .mse)
        #expect(mse.count > mseBefore && mse.map(\.report.epoch) == Array(1...mse.count), "MSE uninterrupted")
        #expect(session.snapshot.mixtures == 4)
    }

    @Test("--pace slows each model to the given epochs per second")
    func pace() {
        var config = SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 4)
        config.pace = 20
        let session = TrainingSession(config: config)
        let start = Date()
        session.start()
        defer { session.stop() }
        _ = collect(session) { Self.epochs($0, .mdn).count >= 6 }
        // Epochs begin at least 1/20 s apart: the 6th ends no earlier than 5/20 s after the start.
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.25, "6 epochs in \(elapsed) s")
        #expect(elapsed < 5)
    }

    @Test("--mixtures auto screens the ladder, then the MDN begins with the chosen K")
    func mixturesAuto() throws {
        var config = SessionConfig(data: Self.data, mixtures: 20, preset: .default, seed: 5)
        config.mixturesAuto = true
        config.overrides = TrainingOverrides(maxEpochs: 16)
        let session = TrainingSession(config: config)
        session.start()
        defer { session.stop() }
        let events = collect(session, 60) { Self.epochs($0, .mdn).count >= 1 }
        let screened = events.compactMap { e -> Int? in
            if case .screening(let k, _, _) = e { return k }
            return nil
        }
        #expect(screened == MixtureSearch.defaultLadder)
        var chosen: MixtureSearch.Choice?? = nil
        for case .mixturesChosen(let c) in events { chosen = c }
        let choice = try #require(chosen ?? nil)
        let began = events.compactMap { e -> ModelTimeline? in
            if case .began(let t) = e, t.kind == .mdn { return t }
            return nil
        }
        #expect(began.map(\.mixtures) == [choice.chosen])
    }

    @Test("stop ends the threads promptly")
    func stop() {
        let session = TrainingSession(config: SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 4))
        session.start()
        let end = Date().addingTimeInterval(20)
        while Date() < end && session.sequence < 1 { usleep(5_000) }
        #expect(session.stop(timeout: 5))
        #expect(!session.isRunning)
    }
}

/// The explorer scales data by the rule `mdnx train` uses and shows losses in the data's units.
@Suite("TrainingSession scaling", .serialized)
struct TrainingSessionScalingTests {
    /// The normaliser each of the session's trainers comes with (from its trainer factory).
    static func normalizers(_ config: SessionConfig) -> (mse: Normalizer, mdn: Normalizer) {
        (
            TrainingSession.makeTrainer(.mse, config: config).normalizer,
            TrainingSession.makeTrainer(.mdn, config: config).normalizer
        )
    }

    /// Population mean and std of `v`, computed here in Double.
    static func stats(_ v: ArraySlice<Float>) -> (Double, Double) {
        let m = v.reduce(0) { $0 + Double($1) } / Double(v.count)
        return (m, (v.reduce(0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(v.count)).squareRoot())
    }

    @Test func builtInDataUnderTheDefaultPresetIsZScoredOnTheTrainingRows() {
        let data = TrainingSessionTests.data
        let (mse, mdn) = Self.normalizers(SessionConfig(data: data, mixtures: 2, preset: .default, seed: 1))
        // 400 rows under the default preset: split max(0.05, min(0.2, 100 / 400)) = 0.2, 320 train,
        // drawn at random with the trainers' seed (the session's + 1).
        let split = RowSplit(count: 400, validationSplit: 0.2, rule: .random, seed: 2)
        #expect(split.training.count == 320)
        let (xm, xs) = Self.stats(ArraySlice(split.training.map { data.x[$0] }))
        let (ym, ys) = Self.stats(ArraySlice(split.training.map { data.y[$0] }))
        for n in [mse, mdn] {
            #expect(abs(Double(n.xMean[0]) - xm) < 1e-4 && abs(Double(n.xStd[0]) - xs) < 1e-4)
            #expect(abs(Double(n.yMean[0]) - ym) < 1e-4 && abs(Double(n.yStd[0]) - ys) < 1e-4)
        }
    }

    @Test func tutorialPresetKeepsBuiltInDataRawButScalesUserData() {
        let data = TrainingSessionTests.data
        var config = SessionConfig(data: data, mixtures: 2, preset: .tutorial, seed: 1)
        #expect(Self.normalizers(config).mdn == Normalizer.identity())
        config.isUserData = true
        // The tutorial's 0.15 split: the first 340 of 400 rows.
        let (ym, ys) = Self.stats(data.y[0..<340])
        let n = Self.normalizers(config).mdn
        #expect(abs(Double(n.yMean[0]) - ym) < 1e-4 && abs(Double(n.yStd[0]) - ys) < 1e-4)
    }

    @Test("losses are in the data's units", arguments: [false, true])
    func lossesInDataUnits(isUserData: Bool) {
        // y ~ N(0, 100^2), independent of x: no model beats its entropy, 0.5 ln(2 pi e) + ln 100
        // = 6.02 nats, and the best MSE is the variance, 10^4. In normalised units these would
        // read about 1.4 and 1.
        var rng = SeededRNG(seed: 11)
        let xs: [Float] = (0..<400).map { Float($0) / 400 }
        var config = SessionConfig(
            data: Dataset(x: xs, y: xs.map { _ in Float(rng.normal(mean: 0, std: 100)) }),
            mixtures: 2, preset: .default, seed: 5)
        config.isUserData = isUserData
        let session = TrainingSession(config: config)
        session.start()
        defer { session.stop() }
        let end = Date().addingTimeInterval(30)
        while Date() < end && !(session.snapshot.mse.epoch >= 3 && session.snapshot.mdn.epoch >= 3) { usleep(10_000) }
        let s = session.snapshot
        let nll = s.mdn.valLoss.last ?? .nan
        let mse = s.mse.valLoss.last ?? .nan
        #expect(nll > 5.5 && nll < 8, "MDN val NLL \(nll)")
        #expect(mse > 7_000 && mse < 14_000, "MSE val loss \(mse)")
    }
}
