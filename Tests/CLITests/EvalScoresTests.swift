import Foundation
import MDNCore
import MDNIO
import Testing

/// `mdnx eval` scores both kinds of model as predictive distributions (text and JSON).
@Suite struct EvalScoresTests {
    /// The keys of `mdnx eval --json` this suite reads.
    struct Record: Decodable {
        var kind: String
        var rows: Int
        var mse: Double
        var nll: Double?
        var crps: Double?
        var coverage50: Double?
        var coverage90: Double?
        var width50: Double?
        var width90: Double?
        var pit: [Double]?
        var pitKS: Double?
        var pitKSCritical95: Double?
        var sigma: [Double]?

        enum CodingKeys: String, CodingKey {
            case kind, rows, mse, nll, crps, coverage50, coverage90, width50, width90, pit, sigma
            case pitKS = "pit_ks"
            case pitKSCritical95 = "pit_ks_critical95"
        }
    }

    private func eval(_ files: CLIFiles, model: String, json: Bool) throws -> MDNXProcess.Result {
        let r = try files.run(["eval", "--model", model, "--data", "test.csv"] + (json ? ["--json"] : []))
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    @Test func bothModelsGetTheSameScores() throws {
        let files = try CLIFiles()
        try files.bishop("train.csv", count: 400, seed: 3)
        try files.bishop("test.csv", count: 500, seed: 4)
        for kind in ["mse", "mdn"] {
            // The default preset in full (about a second each): a short run leaves the mdn unfit.
            let t = try files.run(["train", "--data", "train.csv", "--model", kind, "--quiet", "--save", "\(kind).st"])
            #expect(t.status == 0, "\(t.stderr)")
        }
        let mse = try JSONDecoder().decode(
            Record.self, from: Data(try eval(files, model: "mse.st", json: true).stdout.utf8))
        let mdn = try JSONDecoder().decode(
            Record.self, from: Data(try eval(files, model: "mdn.st", json: true).stdout.utf8))
        for r in [mse, mdn] {
            #expect(r.rows == 500)
            #expect(r.nll?.isFinite == true && (r.crps ?? -1) > 0)
            #expect((0...1).contains(r.coverage50 ?? -1) && (0...1).contains(r.coverage90 ?? -1))
            #expect((r.coverage90 ?? 0) >= (r.coverage50 ?? 1))
            #expect((r.width90 ?? 0) > (r.width50 ?? 1))
            let pit = try #require(r.pit)
            #expect(pit.count == 10 && abs(pit.reduce(0, +) - 1) < 1e-9)
            #expect((r.pitKS ?? -1) > 0 && (r.pitKSCritical95 ?? -1) > 0)
        }
        // The mse model's sigma is the validation RMSE stored in its checkpoint.
        let stored = try Checkpoint.load(path: files.path("mse.st")).extra[Checkpoint.validationRMSEKey]
        let sigma = try JSONDecoder().decode([Double].self, from: Data(try #require(stored).utf8))
        #expect(mse.sigma == sigma && mdn.sigma == nil)
        // Bishop's inverse problem is multimodal: the mdn beats the Gaussian on NLL and CRPS.
        #expect(try #require(mdn.nll) < (try #require(mse.nll)) && (mdn.crps ?? 1) < (mse.crps ?? 0))

        let text = try eval(files, model: "mse.st", json: false).stdout
        #expect(text.contains("mse model scored as a Gaussian around its prediction"))
        for label in [
            "mean NLL: ", "CRPS: ", "coverage: 50% interval ", "PIT histogram (10 bins", "Kolmogorov", "MSE: ",
        ] {
            #expect(text.contains(label), "missing \(label)")
        }
    }

    @Test func anMSEModelWithoutValidationRowsHasOnlyItsMSE() throws {
        let files = try CLIFiles()
        try files.bishop("train.csv", count: 200, seed: 3)
        try files.bishop("test.csv", count: 50, seed: 4)
        let t = try files.run([
            "train", "--data", "train.csv", "--model", "mse", "--epochs", "3", "--validation-split", "0", "--quiet",
            "--save", "m.st",
        ])
        #expect(t.status == 0, "\(t.stderr)")
        let r = try JSONDecoder().decode(
            Record.self, from: Data(try eval(files, model: "m.st", json: true).stdout.utf8))
        #expect(r.nll == nil && r.pit == nil && r.sigma == nil && r.mse.isFinite)
        let text = try eval(files, model: "m.st", json: false)
        #expect(text.stdout.hasPrefix("MSE: "))
        #expect(text.stderr.contains("holds no validation RMSE"))
    }
}
