import Testing

@testable import MDNCore

@Suite struct PresetTests {
    @Test func tutorialIsTheKerasRecipe() {
        let p = Preset.tutorial
        #expect(p.hidden == [128, 128] && p.mixtures == 20)
        let mse = p.config(for: .mse)
        let mdn = p.config(for: .mdn)
        for c in [mse, mdn] {
            #expect(c.learningRate == 1e-3 && c.batchSize == 128 && c.maxEpochs == 300 && c.validationSplit == 0.15)
            #expect(c.schedule == .constant && c.averaging == nil)
        }
        #expect(mse.earlyStopping == EarlyStoppingConfig(monitor: .valLoss, patience: 10, restoreBestWeights: false))
        #expect(mse.reduceLROnPlateau == nil)
        #expect(mdn.earlyStopping == EarlyStoppingConfig(monitor: .loss, patience: 10, restoreBestWeights: true))
        #expect(
            mdn.reduceLROnPlateau == ReduceLROnPlateauConfig(monitor: .loss, patience: 5, factor: 0.1, minDelta: 1e-4))
    }

    @Test func defaultRestoresBestByValidationLoss() {
        for kind in ModelKind.allCases {
            let c = Preset.default.config(for: kind)
            #expect(c.earlyStopping?.monitor == .valLoss && c.earlyStopping?.restoreBestWeights == true)
            #expect(c.validationSplit > 0)
        }
    }
}
