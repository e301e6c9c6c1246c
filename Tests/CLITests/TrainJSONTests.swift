import Foundation
import Testing

/// `mdnx train --json` prints JSON lines: one object per epoch, one summary per model.
@Suite struct TrainJSONTests {
    @Test func everyLineParsesAsJSON() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 300)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--model", "both", "--epochs", "4",
            "--holdout", "50", "--json", "--save", "m.safetensors",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try r.outputLines.map(jsonObject)
        let epochs = objects.filter { $0["event"] as? String == "epoch" }
        let summaries = objects.filter { $0["event"] as? String == "summary" }
        #expect(objects.count == epochs.count + summaries.count)
        #expect(epochs.count == 8)  // 4 per model
        #expect(summaries.map { $0["model"] as? String } == ["mse", "mdn"])
        for s in summaries {
            #expect(s["normalized"] as? Bool == true)
            #expect(s["csv_rows"] as? Int == 300)
            // 250 rows after the holdout; default preset on small data: 20% validation.
            #expect(s["training_rows"] as? Int == 200 && s["validation_rows"] as? Int == 50)
            #expect(s["holdout_rows"] as? Int == 50)
        }
        #expect((summaries[0]["holdout_mse"] as? Double)?.isFinite == true)
        #expect((summaries[1]["holdout_nll"] as? Double)?.isFinite == true)
        // --model both --save m.safetensors writes both models, named after the kind.
        #expect(summaries[0]["saved"] as? String == "m-mse.safetensors")
        #expect(summaries[1]["saved"] as? String == "m-mdn.safetensors")
        #expect(
            files.exists("m-mse.safetensors") && files.exists("m-mdn.safetensors") && !files.exists("m.safetensors"))
    }

    @Test func builtInDataSetSummary() throws {
        let r = try MDNXProcess.run(["train", "--dataset", "bishop", "--count", "200", "--epochs", "2", "--json"])
        #expect(r.status == 0)
        let last = try #require(r.outputLines.last)
        let object = try jsonObject(last)
        #expect(object["event"] as? String == "summary" && object["epochs"] as? Int == 2)
        #expect(object["csv_rows"] == nil)
    }
}
