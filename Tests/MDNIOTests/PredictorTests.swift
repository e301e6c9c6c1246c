import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore
@testable import MDNIO

@Suite struct PredictorTests {
    let dir = TemporaryDirectory()

    /// A small MDN trained briefly on the spiral in normalised units, saved and reloaded.
    private func trainedCheckpoint(kind: ModelKind) throws -> (Checkpoint, Dataset, String) {
        let data = Datasets.spiral(count: 2_000, seed: 3)
        let normalizer = Normalizer(fitting: data)
        var rng = SeededRNG(seed: 5)
        let network = Network(kind: kind, hidden: [16, 16], mixtures: 3, rng: &rng)
        let trainer = Trainer(
            network: network, data: normalizer.normalize(data),
            config: TrainingConfig(maxEpochs: 3), seed: 5)
        _ = trainer.fit()
        let checkpoint = Checkpoint(
            network: trainer.network, preset: "test", epochs: trainer.epoch, seed: 5,
            normalizer: normalizer, xNames: ["x"], yNames: ["y"])
        let path = dir.path + "/\(kind.rawValue).safetensors"
        try checkpoint.save(to: path)
        return (checkpoint, data, path)
    }

    @Test func userUnitNLLMatchesNormalisedNLLPlusLogJacobian() throws {
        let (checkpoint, data, path) = try trainedCheckpoint(kind: .mdn)
        let predictor = try Predictor(path: path)
        #expect(predictor.checkpoint == checkpoint)
        let score = predictor.score(data)
        // Core's loss on normalised data, converted: NLL_user = NLL_norm + sum log std_y.
        let normalised = Evaluation.meanNLL(network: predictor.network, dataset: checkpoint.normalizer.normalize(data))
        let nll = try #require(score.nll)
        #expect(abs(nll - (normalised + checkpoint.normalizer.logJacobian)) < 1e-4)
        // The mixture mean's MSE equals MSE of predictions(x:).
        let p = predictor.predictions(x: data.x)
        let mse = zip(p, data.y).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(data.count)
        #expect(abs(score.mse - mse) < 1e-6)
    }

    @Test func mseModelPredictsInUserUnits() throws {
        let (checkpoint, data, path) = try trainedCheckpoint(kind: .mse)
        let predictor = try Predictor(path: path)
        let raw = predictor.network.predict(checkpoint.normalizer.normalizeX(data.x))
        let user = predictor.predictions(x: data.x)
        #expect(
            zip(raw, user).allSatisfy {
                abs($0 * checkpoint.normalizer.yStd[0] + checkpoint.normalizer.yMean[0] - $1) < 1e-5
            })
        #expect(predictor.score(data).nll == nil)
    }

    @Test func tensorsThatDoNotFitTheMetadataAreRejected() throws {
        let (checkpoint, _, _) = try trainedCheckpoint(kind: .mdn)
        var wrong = checkpoint
        wrong.mixtures = 4
        #expect(
            throws: CheckpointError.notACheckpoint(
                path: "w", reason: "output layer has width 9, expected 12 for this model")
        ) {
            try Predictor(checkpoint: wrong, path: "w")
        }
        var hidden = checkpoint
        hidden.hidden = [16, 8]
        #expect(
            throws: CheckpointError.notACheckpoint(
                path: "h", reason: "the network's hidden widths [16, 16] differ from the metadata's [16, 8]")
        ) {
            try Predictor(checkpoint: hidden, path: "h")
        }
    }

    /// The mse model's predictive distribution is N(prediction, sigma^2) with sigma its RMSE
    /// on rows it did not train on, stored in the checkpoint; its scores are that Gaussian's,
    /// checked here against the Gaussian NLL written out by hand.
    @Test func mseModelIsScoredAsAGaussianWithItsValidationRMSE() throws {
        let (checkpoint, data, _) = try trainedCheckpoint(kind: .mse)
        let validation = Datasets.spiral(count: 300, seed: 9)
        let withSigma = try checkpoint.addingValidationRMSE(on: validation)
        let plain = try Predictor(checkpoint: checkpoint, path: "m")
        let predicted = plain.predictions(x: validation.x)
        var squares = 0.0
        for (a, b) in zip(predicted, validation.y) {
            let e = Double(a) - Double(b)
            squares += e * e
        }
        let rmse = (squares / 300).squareRoot()
        let path = dir.path + "/sigma.safetensors"
        try withSigma.save(to: path)
        let predictor = try Predictor(path: path)
        let sigma = try #require(predictor.residualSigma)
        #expect(sigma.count == 1 && abs(sigma[0] - rmse) < 1e-9)
        #expect(plain.residualSigma == nil && plain.evaluate(data).scores == nil)

        let evaluation = predictor.evaluate(data)
        let scores = try #require(evaluation.scores)
        let p = predictor.predictions(x: data.x)
        let s = Double(Float(sigma[0]))  // the predictive batch holds float32 parameters
        var nll = 0.0
        var mse = 0.0
        for i in 0..<data.count {
            let e = Double(data.y[i]) - Double(p[i])
            nll += 0.5 * log(2 * Double.pi * s * s) + e * e / (2 * s * s)
            mse += e * e
        }
        #expect(abs(scores.nll - nll / Double(data.count)) < 1e-6)
        #expect(abs(evaluation.meanSquaredError - mse / Double(data.count)) < 1e-6)
        #expect(abs(evaluation.meanSquaredError - predictor.score(data).mse) < 1e-9)
        let crps = (0..<data.count).map { UnivariateMixture(mean: Double(p[$0]), sigma: s).crps(Double(data.y[$0])) }
        #expect(abs(scores.crps - crps.reduce(0, +) / Double(data.count)) < 1e-9)
    }

    @Test func mdnScoresAreItsMixturesScores() throws {
        let (_, data, path) = try trainedCheckpoint(kind: .mdn)
        let predictor = try Predictor(path: path)
        let evaluation = predictor.evaluate(data)
        #expect(evaluation.scores == ProbabilisticScores(batch: predictor.mixtures(x: data.x), y: data.y))
        #expect(abs(try #require(evaluation.scores).nll - (try #require(predictor.score(data).nll))) < 1e-9)
        #expect(abs(evaluation.meanSquaredError - predictor.score(data).mse) < 1e-9)
    }

    @Test func malformedValidationRMSEIsRejected() throws {
        let (checkpoint, _, _) = try trainedCheckpoint(kind: .mse)
        for bad in ["[0]", "[-1]", "[1, 2]", "oops", "[\"1\"]"] {
            var c = checkpoint
            c.extra[Checkpoint.validationRMSEKey] = bad
            #expect(
                throws: CheckpointError.notACheckpoint(
                    path: "c",
                    reason: "metadata 'validation_rmse' is \"\(bad)\", expected a JSON list of "
                        + "1 positive number")
            ) { try Predictor(checkpoint: c, path: "c") }
        }
    }

    /// Writes a trained checkpoint for manual CLI checks when MDNX_WRITE_CHECKPOINT names a directory.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MDNX_WRITE_CHECKPOINT"] != nil))
    func writeCheckpointForCLI() throws {
        let target = ProcessInfo.processInfo.environment["MDNX_WRITE_CHECKPOINT"]!
        for kind in ModelKind.allCases {
            let (_, _, path) = try trainedCheckpoint(kind: kind)
            try? FileManager.default.removeItem(atPath: target + "/\(kind.rawValue).safetensors")
            try FileManager.default.copyItem(atPath: path, toPath: target + "/\(kind.rawValue).safetensors")
        }
    }
}
