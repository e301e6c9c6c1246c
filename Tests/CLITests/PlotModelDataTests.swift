import Foundation
import MDNCore
import TermPlotTestSupport
import Testing

@testable import mdnx

/// `mdnx plot --model` without data options draws the data the model was trained on (the
/// CSV file and columns, or the built-in set, stored in the checkpoint), or says clearly why
/// it cannot; `mdnx train --model both --save F` writes both models.
@Suite struct PlotModelDataTests {
    @Test func aCSVModelIsPlottedOnItsOwnFileAndColumns() throws {
        let files = try CLIFiles()
        var csv = "t,speed,height\n"
        for i in 0..<240 { csv += "\(i),\(Double(i) / 40),\(sin(Double(i) / 19) * 3 + 10)\n" }
        try files.write("obs.csv", csv)
        let train = try files.run([
            "train", "--data", "obs.csv", "--x", "speed", "--y", "height", "--model", "both", "--epochs", "2",
            "--save", "m.safetensors", "--quiet",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("saved the mse model to m-mse.safetensors"))
        #expect(train.stderr.contains("saved the mdn model to m-mdn.safetensors"))
        let plot = try files.run([
            "plot", "--model", "m-mse.safetensors", "--model", "m-mdn.safetensors", "--view", "overlay", "-o",
            "p.txt", "--width", "100", "--height", "30",
        ])
        #expect(plot.status == 0, "\(plot.stderr)")
        let text = try String(contentsOfFile: files.path("p.txt"), encoding: .utf8)
        #expect(text.contains("obs.csv: data, MSE mean and MDN samples"))
        #expect(text.contains("speed") && text.contains("height"))
        // The y axis is the file's (about 7 to 13), not the spiral's 0 to 5.
        #expect(text.contains("12") && !text.contains("spiral"))

        // From another directory the stored relative path is found next to the checkpoint.
        try FileManager.default.createDirectory(
            at: files.directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let elsewhere = try MDNXProcess.run(
            ["plot", "--model", "../m-mdn.safetensors", "--view", "overlay", "-o", "q.txt"],
            in: files.directory.appendingPathComponent("sub"))
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")

        // Gone: one line naming both files, exit 1, nothing written.
        try FileManager.default.removeItem(atPath: files.path("obs.csv"))
        let gone = try files.run(["plot", "--model", "m-mdn.safetensors", "-o", "r.txt"])
        #expect(gone.status != 0 && !files.exists("r.txt"))
        #expect(
            gone.errorLine
                == "Error: m-mdn.safetensors was trained on obs.csv, which is not there (looked in the current "
                + "directory and next to the checkpoint); give --data FILE")
        // --data still works.
        try files.write("obs.csv", csv)
        let given = try files.run(["plot", "--model", "m-mdn.safetensors", "--data", "obs.csv", "-o", "s.txt"])
        #expect(given.status == 0, "\(given.stderr)")
    }

    @Test func aBuiltInModelRegeneratesItsRows() throws {
        let files = try CLIFiles()
        let train = try files.run([
            "train", "--dataset", "bishop", "--count", "300", "--seed", "4", "--epochs", "2", "--save",
            "b.safetensors", "--quiet",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        let plot = try files.run(["plot", "--model", "b.safetensors", "--view", "overlay", "-o", "b.svg"])
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try #require(SVGElementCounter.parse(try Data(contentsOf: URL(fileURLWithPath: files.path("b.svg")))))
        #expect(svg.texts.contains { $0.hasPrefix("bishop: data and MDN samples") })
        #expect(CheckpointData("bishop count=300 seed=4") == .builtin(.bishop, count: 300, seed: 4))
        #expect(CheckpointData("data/bishop count=300.csv") == .csv(path: "data/bishop count=300.csv"))
        #expect(CheckpointData("spiral count=x seed=1") == .csv(path: "spiral count=x seed=1"))
    }

    @Test func aCheckpointWithoutItsDataSaysWhatToGive() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let (_, mdn) = try PlotFixtures.checkpoints(in: dir)
        let r = try MDNXProcess.run(["plot", "--model", mdn, "-o", "x.txt"], in: dir)
        #expect(r.status != 0)
        #expect(
            r.errorLine
                == "Error: \(mdn) does not record the data it was trained on; give --data FILE (--x COLUMN --y COLUMN) "
                + "or --dataset spiral|bishop")
    }

    @Test func bothModelsAreNamedAfterTheirKind() {
        #expect(TrainCommand.path("m.safetensors", suffix: "-mse") == "m-mse.safetensors")
        #expect(TrainCommand.path("a.b/m", suffix: "-mdn") == "a.b/m-mdn")
        #expect(TrainCommand.path("dir/.hidden", suffix: "-mdn") == "dir/.hidden-mdn")
        #expect(TrainCommand.path("x/y.tar.st", suffix: "-mse") == "x/y.tar-mse.st")
    }
}
