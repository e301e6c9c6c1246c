import Testing

@testable import MDNCore

/// The user's changes to a preset's configuration (`mdnx train`'s flags).
@Suite struct TrainingOverridesTests {
    /// The tutorial's MDN: EarlyStopping(loss, 10, restore) and ReduceLROnPlateau(loss, 5).
    let tutorialMDN = Preset.tutorial.config(for: .mdn)
    /// The default preset's MDN: no plateau rule, averaging 0.99.
    let defaultMDN = Preset.default.config(for: .mdn)

    @Test func noneChangeNothing() {
        #expect(TrainingOverrides().applied(to: tutorialMDN) == tutorialMDN)
        #expect(TrainingOverrides().applied(to: defaultMDN) == defaultMDN)
    }

    @Test func plainValues() {
        let c = TrainingOverrides(
            maxEpochs: 7, batchSize: 16, learningRate: 0.5, schedule: .constant, validationSplit: 0.3
        ).applied(to: defaultMDN)
        #expect(c.maxEpochs == 7 && c.batchSize == 16 && c.learningRate == 0.5)
        #expect(c.schedule == .constant && c.validationSplit == 0.3)
        #expect(c.earlyStopping == defaultMDN.earlyStopping && c.averaging == 0.99)
    }

    @Test func patienceChangesOnlyThePatienceOrAddsEarlyStopping() {
        let changed = TrainingOverrides(patience: 3).applied(to: tutorialMDN)
        #expect(changed.earlyStopping == EarlyStoppingConfig(monitor: .loss, patience: 3, restoreBestWeights: true))
        let added = TrainingOverrides(patience: 4).applied(to: TrainingConfig())
        #expect(added.earlyStopping == EarlyStoppingConfig(monitor: .valLoss, patience: 4, restoreBestWeights: true))
        #expect(
            TrainingOverrides(restoreBestWeights: false).applied(to: tutorialMDN).earlyStopping?.restoreBestWeights
                == false)
    }

    @Test func plateauPatienceZeroTurnsItOff() {
        #expect(TrainingOverrides(plateauPatience: 0).applied(to: tutorialMDN).reduceLROnPlateau == nil)
        #expect(
            TrainingOverrides(plateauPatience: 2).applied(to: tutorialMDN).reduceLROnPlateau
                == ReduceLROnPlateauConfig(monitor: .loss, patience: 2))
        #expect(
            TrainingOverrides(plateauPatience: 6).applied(to: defaultMDN).reduceLROnPlateau
                == ReduceLROnPlateauConfig(monitor: .valLoss, patience: 6))
    }

    @Test func averagingZeroTurnsItOff() {
        #expect(TrainingOverrides(averaging: 0).applied(to: defaultMDN).averaging == nil)
        #expect(TrainingOverrides(averaging: 0.9).applied(to: tutorialMDN).averaging == 0.9)
    }

    @Test func monitorAppliesToBothCallbacks() {
        let c = TrainingOverrides(monitor: .valLoss).applied(to: tutorialMDN)
        #expect(c.earlyStopping?.monitor == .valLoss && c.reduceLROnPlateau?.monitor == .valLoss)
        // A rule the patience flags add is watched by the monitor given with them.
        let added = TrainingOverrides(plateauPatience: 2, monitor: .loss).applied(to: defaultMDN)
        #expect(added.reduceLROnPlateau?.monitor == .loss && added.earlyStopping?.monitor == .loss)
    }
}
