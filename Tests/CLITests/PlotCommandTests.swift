import Foundation
import MDNCore
import MDNIO
import TermPlotTestSupport
import Testing

/// Small checkpoints and files for the plot tests.
enum PlotFixtures {
    /// An mse and an mdn checkpoint of small networks trained for two epochs on a spiral.
    static func checkpoints(in dir: URL) throws -> (mse: String, mdn: String) {
        let data = Datasets.spiral(count: 1_000, seed: 3)
        var paths: [String] = []
        for kind in [ModelKind.mse, .mdn] {
            var rng = SeededRNG(seed: 5)
            let network = Network(kind: kind, hidden: [16, 16], mixtures: 3, rng: &rng)
            let trainer = Trainer(network: network, data: data, config: TrainingConfig(maxEpochs: 2), seed: 5)
            _ = trainer.fit()
            let path = dir.appendingPathComponent("\(kind.rawValue).safetensors").path
            try Checkpoint(network: trainer.network, preset: "test", epochs: trainer.epoch, seed: 5).save(to: path)
            paths.append(path)
        }
        return (paths[0], paths[1])
    }

    /// The names in `dir`, sorted.
    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }
}

@Suite struct PlotCommandTests {
    // MARK: bad input: one line on stderr, non-zero exit, nothing left behind

    /// Runs `mdnx plot args` in a fresh directory holding `files`, and checks that it fails
    /// with exactly `message` and leaves the directory as it was.
    func expectFailure(_ args: [String], files: [String: String] = [:], message: (URL) -> String) throws {
        let dir = try MDNXProcess.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let before = try PlotFixtures.listing(dir)
        let r = try MDNXProcess.run(["plot"] + args, in: dir)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "Error: " + message(dir) + "\n")
        #expect(try PlotFixtures.listing(dir) == before)
    }

    @Test func unwritableOutputPath() throws {
        try expectFailure(["--count", "50", "-o", "no/such/dir/plot.svg"]) { _ in
            "no/such/dir/plot.svg: cannot write: No such file or directory"
        }
    }

    @Test func unknownExtension() throws {
        try expectFailure(["--count", "50", "-o", "plot.bmp"]) { _ in
            "plot.bmp: unknown export format '.bmp'; use one of .txt, .ansi, .svg, .png"
        }
        try expectFailure(["--count", "50", "-o", "plot"]) { _ in
            "plot: no file extension; use one of .txt, .ansi, .svg, .png"
        }
    }

    @Test func emptyDataFile() throws {
        try expectFailure(["--data", "empty.csv", "-o", "plot.svg"], files: ["empty.csv": ""]) { _ in
            "empty.csv: empty file (expected a header row of column names, then data rows)"
        }
        try expectFailure(["--data", "header.csv", "-o", "plot.svg"], files: ["header.csv": "a,b\n"]) { _ in
            "header.csv: no data rows after the header; need at least 1"
        }
    }

    @Test func missingFiles() throws {
        try expectFailure(["--data", "missing.csv", "-o", "plot.png"]) { _ in "missing.csv: no such file" }
        try expectFailure(["--model", "missing.safetensors", "-o", "plot.png"]) { _ in
            "missing.safetensors: no such file"
        }
    }

    @Test func viewsThatNeedAnMDNSaySo() throws {
        try expectFailure(["--count", "50", "--view", "density", "-o", "plot.svg"]) { _ in
            "--view density needs an mdn model (--model FILE)"
        }
    }

    @Test func unknownThemeIsAnErrorNotAFallback() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let r = try MDNXProcess.run(["plot", "--count", "50", "--theme", "no-such-theme", "-o", "plot.svg"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("Error: no theme \"no-such-theme\""))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try PlotFixtures.listing(dir).isEmpty)
    }

    @Test func twoModelsOfOneKindAreRefused() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let (mse, _) = try PlotFixtures.checkpoints(in: dir)
        let r = try MDNXProcess.run(["plot", "--count", "50", "--model", mse, "--model", mse], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr == "Error: \(mse) and \(mse) are both mse models; give at most one mse and one mdn model\n")
    }

    @Test func existingOutputIsKeptWithoutForce() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let path = dir.appendingPathComponent("plot.svg")
        let original = Data("not a plot\n".utf8)
        try original.write(to: path)
        let r = try MDNXProcess.run(["plot", "--count", "50", "-o", "plot.svg"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr == "Error: plot.svg: file exists (use --force to overwrite)\n")
        #expect(try Data(contentsOf: path) == original)
        #expect(try PlotFixtures.listing(dir) == ["plot.svg"])
        // With --force it is replaced by a real SVG.
        let forced = try MDNXProcess.run(["plot", "--count", "50", "-o", "plot.svg", "--force"], in: dir)
        #expect(forced.status == 0)
        #expect(SVGElementCounter.parse(try Data(contentsOf: path)) != nil)
    }

    // MARK: outputs

    @Test func svgHasOneCirclePerDataPoint() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let r = try MDNXProcess.run(["plot", "--dataset", "bishop", "--count", "321", "-o", "data.svg"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "wrote data.svg (svg, 900x640 px)\n")
        let svg = try #require(SVGElementCounter.parse(try Data(contentsOf: dir.appendingPathComponent("data.svg"))))
        #expect(svg.counts["circle"] == 321)
        #expect(svg.texts.contains("data"))
    }

    /// Side by side with both models: the data in the ground-truth panel, again (dimmed) under
    /// the MSE curve, and one MDN sample per data x: 3 circles per data point, less the
    /// samples outside the data's axes, which the legend counts.
    @Test func sideBySideSVGWithBothModels() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let (mse, mdn) = try PlotFixtures.checkpoints(in: dir)
        let r = try MDNXProcess.run(
            ["plot", "--count", "400", "--model", mse, "--model", mdn, "-o", "both.svg"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try #require(SVGElementCounter.parse(try Data(contentsOf: dir.appendingPathComponent("both.svg"))))
        let outside =
            svg.texts.compactMap { text -> Int? in
                guard text.hasPrefix("MDN samples ("), text.hasSuffix(" outside)") else { return nil }
                return Int(text.dropFirst("MDN samples (".count).dropLast(" outside)".count))
            }.first ?? 0
        #expect(svg.counts["circle"] == 3 * 400 - outside)
        #expect(svg.counts["polyline", default: 0] >= 1)
        for title in ["ground truth", "MSE prediction", "MDN samples"] { #expect(svg.texts.contains(title)) }
    }

    @Test func pngHasRequestedSize() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let r = try MDNXProcess.run(
            [
                "plot", "--count", "200", "-o", "data.png", "--width", "640", "--height", "480",
                "--theme", "light",
            ], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent("data.png")))
        #expect(bytes.count > 33)
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 640)
        #expect(be32(20) == 480)
    }

    @Test func textOutputHasPanelTitlesAndColumnNames() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let (mse, mdn) = try PlotFixtures.checkpoints(in: dir)
        // A CSV with its own column names, chosen by name and by position.
        var csv = "id,age,income\n"
        for i in 0..<60 { csv += "\(i),\(Double(i) / 12),\(sin(Double(i) / 7) + 2)\n" }
        try csv.write(to: dir.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let r = try MDNXProcess.run(
            [
                "plot", "--data", "people.csv", "--x", "age", "--y", "3", "--model", mse, "--model", mdn,
                "-o", "plot.txt", "--width", "150", "--height", "40",
            ], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("plot.txt"), encoding: .utf8)
        for title in ["ground truth", "MSE prediction", "MDN samples"] { #expect(text.contains(title)) }
        #expect(text.contains("age") && text.contains("income"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 40)
        #expect(lines.allSatisfy { $0.unicodeScalars.count == 150 })
        #expect(!text.contains("\u{1B}"))
    }

    @Test func standardOutputIsPlainTextWhenNotATerminal() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        let (_, mdn) = try PlotFixtures.checkpoints(in: dir)
        for view in ["overlay", "side-by-side", "density", "components"] {
            let r = try MDNXProcess.run(
                [
                    "plot", "--count", "300", "--model", mdn, "--view", view,
                    "--width", "90", "--height", "30", "--canvas", "ascii",
                ], in: dir)
            #expect(r.status == 0, "\(view): \(r.stderr)")
            #expect(!r.stdout.contains("\u{1B}"))
            #expect(r.stdout.split(separator: "\n").count == 30)
            let title = [
                "overlay": "data and MDN samples", "side-by-side": "MDN samples", "density": "MDN density",
                "components": "components: mu_k(x)",
            ][view]!
            #expect(r.stdout.contains(title), "\(view)")
        }
        #expect(try PlotFixtures.listing(dir) == ["mdn.safetensors", "mse.safetensors"])
    }

    @Test func colorAlwaysGivesEscapeCodes() throws {
        let r = try MDNXProcess.run(["plot", "--count", "100", "--width", "60", "--height", "20", "--color", "always"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\u{1B}["))
    }

    @Test func ansiExportUsesTheThemeColours() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        for theme in ["dark", "light"] {
            let r = try MDNXProcess.run(["plot", "--count", "100", "-o", "\(theme).ansi", "--theme", theme], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let dark = try String(contentsOf: dir.appendingPathComponent("dark.ansi"), encoding: .utf8)
        let light = try String(contentsOf: dir.appendingPathComponent("light.ansi"), encoding: .utf8)
        #expect(dark.contains("\u{1B}[") && light.contains("\u{1B}["))
        #expect(dark != light)
    }
}
