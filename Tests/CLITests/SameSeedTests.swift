import Foundation
import MDNCore
import MDNIO
import Testing

@testable import Explorer

/// One seed, one model: `mdnx train --seed S`, the explorer's trainer factory and a direct
/// `TrainerRecipe` call make bit-identical models (weights and normaliser) from the same data,
/// preset, K, seed and epochs.
@Suite struct SameSeedTests {
    static let rows = 300
    static let epochs = 3
    static let mixtures = 4

    /// Every weight of `tensors`, by tensor name, as raw bits.
    static func bits(_ tensors: [NamedTensor]) -> [String: [UInt32]] {
        Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.values.map(\.bitPattern)) })
    }

    /// How many weights of `a` and `b` differ in any bit (every weight, when the tensors'
    /// names or sizes differ).
    static func differingWeights(_ a: [NamedTensor], _ b: [NamedTensor]) -> Int {
        let (x, y) = (bits(a), bits(b))
        guard x.keys == y.keys, x.keys.allSatisfy({ x[$0]?.count == y[$0]?.count }) else {
            return max(a.reduce(0) { $0 + $1.values.count }, 1)
        }
        return x.keys.reduce(0) { n, name in n + zip(x[name] ?? [], y[name] ?? []).filter { $0 != $1 }.count }
    }

    /// The normaliser's statistics as raw bits.
    static func bits(_ n: Normalizer) -> [UInt32] { (n.xMean + n.xStd + n.yMean + n.yStd).map(\.bitPattern) }

    /// Trains `prepared` to its end as the explorer's loop does (epoch by epoch).
    static func runToEnd(_ prepared: PreparedTrainer) {
        while !prepared.trainer.isFinished { _ = prepared.trainer.runEpoch() }
    }

    @Test("train, the explorer and the recipe train the same model", arguments: ModelKind.allCases, Preset.allCases)
    func sameSeedSameModel(kind: ModelKind, preset: Preset) throws {
        // 1. The real command, as a user runs it.
        let files = try CLIFiles()
        let r = try files.run([
            "train", "--dataset", "spiral", "--count", String(Self.rows), "--seed", "42", "--model", kind.rawValue,
            "--preset", preset.rawValue, "--mixtures", String(Self.mixtures), "--epochs", String(Self.epochs),
            "--quiet", "--save", "m.safetensors",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let saved = try Checkpoint.load(path: files.path("m.safetensors"))
        #expect(saved.epochs == Self.epochs)

        // 2. The explorer's path: its options, its data loading, its session configuration and
        // trainer factory, trained epoch by epoch as its loop does.
        var options = ExplorerOptions()
        options.source = .spiral
        options.count = Self.rows
        options.seed = 42
        options.preset = preset
        options.mixtures = Self.mixtures
        let loaded = try LoadedData.load(options)
        var config = ExplorerLoop.sessionConfig(loaded, options: options, mixtures: Self.mixtures, seed: 42)
        config.overrides.maxEpochs = Self.epochs  // the explorer trains to the preset's end; stop where train did
        let explorer = TrainingSession.makeTrainer(kind, config: config)
        Self.runToEnd(explorer)

        // 3. The recipe called directly.
        let recipe = TrainerRecipe(
            preset: preset, mixtures: Self.mixtures, seed: 42,
            normalization: .automatic(preset: preset, isUserData: false),
            overrides: TrainingOverrides(maxEpochs: Self.epochs))
        let direct = recipe.trainer(kind, data: DatasetName.spiral.generate(count: Self.rows, seed: 42))
        direct.trainer.fit()

        let fromTrain = saved.tensors
        #expect(fromTrain.count == 6 && fromTrain.allSatisfy { !$0.values.isEmpty })
        #expect(Self.differingWeights(explorer.trainer.network.namedTensors(), fromTrain) == 0, "explorer vs train")
        #expect(Self.differingWeights(direct.trainer.network.namedTensors(), fromTrain) == 0, "recipe vs train")
        #expect(Self.bits(explorer.normalizer) == Self.bits(saved.normalizer))
        #expect(Self.bits(direct.normalizer) == Self.bits(saved.normalizer))
        #expect(explorer.trainer.epoch == Self.epochs && direct.trainer.epoch == Self.epochs)

        // Not equal by accident: another seed gives other weights.
        var other = recipe
        other.seed = 43
        let reseeded = other.trainer(kind, data: DatasetName.spiral.generate(count: Self.rows, seed: 42))
        reseeded.trainer.fit()
        #expect(Self.differingWeights(reseeded.trainer.network.namedTensors(), fromTrain) > 0)
    }
}
