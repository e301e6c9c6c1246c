import Foundation
import MDNCore
import Testing

/// `mdnx train` z-scores with statistics of the training rows only and stores them in the
/// checkpoint; built-in data under the tutorial preset stays raw.
@Suite struct TrainNormalizationTests {
    /// The `__metadata__` map of a safetensors file, read here independently of MDNCore.
    static func metadata(_ data: Data) throws -> [String: String] {
        let bytes = [UInt8](data)
        let length = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try jsonObject(String(decoding: bytes[8..<(8 + length)], as: UTF8.self))
        return header["__metadata__"] as? [String: String] ?? [:]
    }

    @Test(arguments: ["last", "random"])
    func normaliserIsFittedOnTrainingRowsOnly(validationRows: String) throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 300, seed: 5)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--holdout", "50", "--epochs", "2",
            "--quiet", "--save", "m.safetensors", "--validation-rows", validationRows,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let meta = try Self.metadata(try #require(files.bytes("m.safetensors")))
        let normalizer = try jsonObject(try #require(meta["normalizer"]))
        #expect(meta["training_rows"] == "200" && meta["validation_rows"] == "50")
        // 300 rows - 50 holdout = 250; the default preset validates on 20% of small sets: 200
        // rows train, the first ones (last rows validate) or those RowSplit draws with the
        // trainer's seed (the default --seed 42, + 1). Population mean and std of those, here.
        let rows = try String(contentsOfFile: files.path("d.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map { Double($0)! } }
        let rule = try #require(ValidationRows(rawValue: validationRows))
        let picked = RowSplit(count: 250, validationSplit: 0.2, rule: rule, seed: 43).training
        #expect(picked.count == 200 && (rule == .last) == (picked == Array(0..<200)))
        let train = picked.map { rows[$0] }
        for (column, key) in [(0, "x"), (1, "y")] {
            let v = train.map { $0[column] }
            let mean = v.reduce(0, +) / Double(v.count)
            let std = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)).squareRoot()
            let storedMean = try #require((normalizer["\(key)Mean"] as? [Double])?.first)
            let storedStd = try #require((normalizer["\(key)Std"] as? [Double])?.first)
            #expect(abs(storedMean - mean) < 1e-5, "\(key) mean")
            #expect(abs(storedStd - std) < 1e-5, "\(key) std")
            // ... and not those of all 300 rows.
            let all = rows.map { $0[column] }
            #expect(abs(storedMean - all.reduce(0, +) / 300) > 1e-5, "\(key) mean should differ from the full file's")
        }
    }

    @Test(arguments: [
        (["--dataset", "spiral", "--preset", "tutorial"], false),
        (["--dataset", "spiral"], true),
        (["--dataset", "bishop", "--normalize", "none"], false),
    ])
    func builtInDataScaling(options: [String], normalized: Bool) throws {
        let r = try MDNXProcess.run(["train", "--count", "300", "--epochs", "1", "--json"] + options)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try jsonObject(r.outputLines.last ?? "")
        #expect(summary["normalized"] as? Bool == normalized)
    }

    @Test func csvIsZScoredEvenUnderTheTutorialPreset() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 100)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--preset", "tutorial",
            "--epochs", "1", "--json",
        ])
        #expect(r.status == 0)
        #expect(try jsonObject(r.outputLines.last ?? "")["normalized"] as? Bool == true)
    }

    @Test func heldOutScoreInTrainEqualsEvalOnTheSameRows() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 400, seed: 7)
        let t = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--holdout", "100", "--epochs", "20",
            "--json", "--save", "m.safetensors",
        ])
        #expect(t.status == 0)
        let trainNLL = try #require(try jsonObject(t.outputLines.last ?? "")["holdout_nll"] as? Double)
        let lines = try String(contentsOfFile: files.path("d.csv"), encoding: .utf8).split(separator: "\n").map(
            String.init)
        try files.write("tail.csv", ([lines[0]] + lines.suffix(100)).joined(separator: "\n") + "\n")
        let e = try files.run(["eval", "--model", "m.safetensors", "--data", "tail.csv", "--json"])
        let evalNLL = try #require(try jsonObject(e.stdout)["nll"] as? Double)
        #expect(abs(trainNLL - evalNLL) < 1e-9)
    }
}
