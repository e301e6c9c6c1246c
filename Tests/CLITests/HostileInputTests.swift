import Foundation
import Testing

@testable import MDNIO
@testable import mdnx

/// Issue 10's reproducers, run as a user would run them: hostile checkpoints, CSVs, flags
/// and file-system traps give one clear line and a non-zero exit, never a trap, raw input on
/// the terminal, or a broken model on disk.
@Suite struct HostileInputTests {
    /// A copy of `m.safetensors` (a trained model in `files`) with metadata changed.
    static func withMetadata(_ files: CLIFiles, _ name: String, _ change: [String: String]) throws {
        var contents = try SafeTensors.read(path: files.path("m.safetensors"))
        contents.metadata.merge(change) { $1 }
        try SafeTensors.write(contents, to: files.path(name))
    }

    /// Checks the one-line error contract and returns the message: standard error ends with
    /// exactly one line starting "Error: " (progress lines such as "200 rows from f.csv" may
    /// come before it), without control characters and bounded in length.
    @discardableResult
    static func expectOneLineError(_ r: MDNXProcess.Result, status: Int32 = 1) -> String {
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.hasSuffix("\n"), "\(r.stderr)")
        let lines = r.stderr.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        let last = lines.last.map(String.init) ?? ""
        #expect(last.hasPrefix("Error: "), "\(r.stderr)")
        #expect(lines.filter { $0.hasPrefix("Error: ") }.count == 1, "\(r.stderr)")
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F })
        #expect(last.count < 1100)
        return String(last.dropFirst(7))
    }

    // MARK: - Traps

    @Test func mixturesOf2Pow62InACheckpoint() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        try Self.withMetadata(files, "k.safetensors", ["mixtures": "4611686018427387904"])
        let r = try files.run(["sample", "--model", "k.safetensors", "--grid", "0:5:3"])
        #expect(
            Self.expectOneLineError(r)
                == #"k.safetensors: not an mdnx checkpoint: metadata 'mixtures' is "4611686018427387904", "#
                + "expected an integer from 1 to 10000")
    }

    /// A model trained on spiral data with y x 1e20, plotted over the spiral (default view):
    /// the density grid's float-to-int conversion trapped.
    @Test func plotOfAModelFarFromTheData() throws {
        let files = try CLIFiles()
        var csv = "x,y\n"
        for i in 0..<200 { csv += "\(Double(i) / 40),\(Double((i * 37) % 200) / 40 * 1e20)\n" }
        try files.write("big.csv", csv)
        let t = try files.run([
            "train", "--data", "big.csv", "--x", "x", "--y", "y", "--epochs", "2", "--quiet", "--save", "m.safetensors",
        ])
        #expect(t.status == 0, "\(t.stderr)")
        for view in ["side-by-side", "density", "components"] {
            let r = try files.run([
                "plot", "--model", "m.safetensors", "--view", view, "--width", "60", "--height", "16",
            ])
            #expect(r.status == 0, "\(view): \(r.stderr)")
        }
    }

    @Test(arguments: [
        ["train", "--dataset", "spiral", "--count", "9223372036854775807"],
        ["data", "spiral", "--count", "100000000000"],
        ["data", "spiral", "--count", "-5"],
    ])
    func hugeAndNegativeCounts(args: [String]) throws {
        let r = try MDNXProcess.run(args)
        let message = Self.expectOneLineError(r, status: 64)
        #expect(message.hasPrefix("--count must be an integer from 1 to 10000000 (got \(args.last!))"))
    }

    @Test func negativeTemperatureIsAValueNotAMissingOne() throws {
        for args in [["plot", "--temperature", "-1"], ["explore", "--temperature", "-1"]] {
            let message = Self.expectOneLineError(try MDNXProcess.run(args), status: 64)
            #expect(message.hasPrefix("--temperature must be a number "), "\(message)")
            #expect(message.contains("(got -1)"))
        }
    }

    // MARK: - Escapes and long values

    @Test func escapesInCellsHeadersAndMetadataNeverReachTheTerminal() throws {
        let files = try CLIFiles()
        let esc = "\u{1B}]0;title\u{07}\u{1B}[2J"
        try files.write("cell.csv", "x,y\n" + (1...12).map { "\($0),\($0)\n" }.joined() + "1,\(esc)\n")
        let cell = Self.expectOneLineError(try files.run(["train", "--data", "cell.csv", "--x", "x", "--y", "y"]))
        #expect(cell == #"cell.csv:14: column "y": "\u{1B}]0;title\u{7}\u{1B}[2J" is not a number"#)

        // An escape in a header: the plot's axis labels, on the terminal and in a .txt export.
        try files.write("head.csv", "x,y\(esc)\n" + (1...12).map { "\($0),\($0 * 2)\n" }.joined())
        let tty = try files.run(["plot", "--data", "head.csv", "--width", "60", "--height", "16", "--color", "always"])
        #expect(tty.status == 0)
        #expect(!tty.stdout.contains("\u{1B}]") && !tty.stdout.contains("\u{1B}[2J") && !tty.stdout.contains("\u{07}"))
        #expect(tty.stdout.contains("y\\u{1B}]0;title"))
        let txt = try files.run(["plot", "--data", "head.csv", "-o", "p.txt"])
        #expect(txt.status == 0, "\(txt.stderr)")
        let exported = String(decoding: try #require(files.bytes("p.txt")), as: UTF8.self)
        #expect(!exported.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })

        // Metadata: the checkpoint's kind in an error, its column names in sample's CSV header.
        let model = try CheckpointFileErrorTests.trainedModel()
        try Self.withMetadata(model, "kind.safetensors", ["kind": "m\(esc)"])
        let kind = Self.expectOneLineError(try model.run(["sample", "--model", "kind.safetensors", "--grid", "0:1:2"]))
        #expect(kind.hasSuffix(#"metadata 'kind' is "m\u{1B}]0;title\u{7}\u{1B}[2J", expected mse or mdn"#))
        try Self.withMetadata(model, "names.safetensors", ["x_names": #"["x\u001b[2J"]"#])
        let sample = try model.run(["sample", "--model", "names.safetensors", "--grid", "0:1:2"])
        #expect(sample.status == 0 && sample.outputLines.first == #"x\u{1B}[2J,y"#)
    }

    @Test func messagesAreOneShortLine() throws {
        let files = try CLIFiles()
        let rows = (1...12).map { "\($0),\($0)\n" }.joined()
        // A quoted value with a line break, and a stray quote that swallows the rest of the file.
        try files.write("newline.csv", "x,y\n" + rows + "1,\"a\nb\"\n")
        try files.write("stray.csv", "x,y\n1,\"2\n" + rows + rows)
        try files.write("wide.csv", (1...100_000).map { "c\($0)" }.joined(separator: ",") + "\n")
        try files.write("bigcell.csv", "x,y\n" + rows + "1," + String(repeating: "9", count: 4_000_000) + "e\n")
        try files.write("theme.toml", "name = \"x\"\n[colors]\ntruth = \"#fff\\nfff\"\n")
        let cases: [([String], String)] = [
            (["train", "--data", "newline.csv", "--x", "x", "--y", "y"], #""a\nb" is not a number"#),
            (["train", "--data", "stray.csv", "--x", "x", "--y", "y"], "is not a number"),
            (["train", "--data", "wide.csv", "--x", "nope", "--y", "c1"], "\"c12\" (12), … and 99988 more"),
            (["train", "--data", "bigcell.csv", "--x", "x", "--y", "y"], "…\" (4000001 bytes) is not a number"),
            (["plot", "--theme", "./theme.toml"], ##"colors.truth: "#fff\nfff" is not a colour"##),
        ]
        for (args, expected) in cases {
            let message = Self.expectOneLineError(try files.run(args))
            #expect(message.contains(expected), "\(args): \(message)")
        }
    }

    // MARK: - Diverged training

    @Test func divergedTrainingSavesNothingAndFails() throws {
        let files = try CLIFiles()
        let text = try files.run([
            "train", "--dataset", "spiral", "--count", "500", "--learning-rate", "1e30", "--save", "m.safetensors",
        ])
        #expect(
            Self.expectOneLineError(text)
                == "mdn training diverged in epoch 1 (loss nan); nothing was saved (try a lower --learning-rate)")
        #expect(!files.exists("m.safetensors"))
        #expect(!text.stdout.contains("best weights"))

        let json = try files.run([
            "train", "--dataset", "spiral", "--count", "500", "--learning-rate", "1e30", "--json", "--save",
            "m.safetensors",
        ])
        #expect(json.status == 1 && !files.exists("m.safetensors"))
        let lines = json.outputLines
        #expect(lines.count == 2, "\(json.stdout)")
        let epoch = try jsonObject(try #require(lines.first))
        #expect(epoch["event"] as? String == "epoch" && epoch["loss"] is NSNull)
        let error = try jsonObject(try #require(lines.last))
        #expect(error["event"] as? String == "error" && error["reason"] as? String == "non_finite")
        #expect(error["epoch"] as? Int == 1 && error["model"] as? String == "mdn")
    }

    /// Values around 1e30 with --normalize none go NaN the same way.
    @Test func hugeValuesWithoutNormalisationDivergeCleanly() throws {
        let files = try CLIFiles()
        try files.write(
            "big.csv", "x,y\n" + (1...60).map { "\(Double($0) * 1e30),\(Double($0 % 7) * 1e30)\n" }.joined())
        let r = try files.run([
            "train", "--data", "big.csv", "--x", "x", "--y", "y", "--normalize", "none", "--quiet", "--save",
            "m.safetensors",
        ])
        #expect(Self.expectOneLineError(r).hasPrefix("mdn training diverged in epoch 1 ("))
        #expect(!files.exists("m.safetensors"))
    }

    @Test func evalRefusesANonFiniteModel() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        var contents = try SafeTensors.read(path: files.path("m.safetensors"))
        let i = try #require(contents.tensors.firstIndex { $0.name == "head.bias" })
        contents.tensors[i].values[0] = .nan
        try SafeTensors.write(contents, to: files.path("nan.safetensors"))
        for json in [false, true] {
            let r = try files.run(["eval", "--model", "nan.safetensors", "--data", "d.csv"] + (json ? ["--json"] : []))
            #expect(
                Self.expectOneLineError(r)
                    == #"nan.safetensors: not an mdnx checkpoint: tensor "head.bias" has values that are not "#
                    + "finite (a diverged model)")
            #expect(r.stdout.isEmpty)
        }
    }

    // MARK: - Files

    @Test func forceKeepsTheModeAndNewFilesHonourTheUmask() throws {
        let files = try CLIFiles()
        try files.write("s.csv", "old")
        chmod(files.path("s.csv"), 0o600)
        let r = try files.run(["data", "spiral", "--count", "10", "-o", "s.csv", "--force"])
        #expect(r.status == 0)
        #expect(
            try FileManager.default.attributesOfItem(atPath: files.path("s.csv"))[.posixPermissions] as? Int == 0o600)
        // A new file under umask 077 (in a shell, so this test process's umask is untouched).
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "umask 077 && exec \"$0\" data spiral --count 10 -o new.csv", MDNXProcess.binary.path]
        shell.currentDirectoryURL = files.directory
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(
            try FileManager.default.attributesOfItem(atPath: files.path("new.csv"))[.posixPermissions] as? Int == 0o600)
    }

    @Test func namesOf255BytesWork() throws {
        let files = try CLIFiles()
        let name = String(repeating: "n", count: 251) + ".csv"
        let r = try files.run(["data", "spiral", "--count", "10", "-o", name])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(files.exists(name))
    }

    @Test func saveOntoADanglingSymlinkFailsBeforeTraining() throws {
        let files = try CLIFiles()
        try FileManager.default.createSymbolicLink(atPath: files.path("m.safetensors"), withDestinationPath: "gone")
        for force in [false, true] {
            let r = try files.run(
                ["train", "--dataset", "spiral", "--count", "500", "--save", "m.safetensors"]
                    + (force ? ["--force"] : []))
            let message = Self.expectOneLineError(r)
            #expect(message == "m.safetensors: cannot write: a symbolic link to a file that does not exist")
            #expect(r.stdout.isEmpty, "training started: \(r.stdout)")
        }
    }
}

/// `mdnx eval`'s refusal of scores that are not finite (a model whose predictions overflow
/// on the data gives an infinite MSE even when its weights are finite).
@Suite struct EvalFiniteScoreTests {
    @Test func nonFiniteScoresAreRefused() {
        let infinite = ModelEvaluation(meanSquaredError: .infinity, scores: nil)
        #expect(throws: CommandError.nonFiniteScore(model: "m", data: "d.csv", score: "MSE", value: .infinity)) {
            try EvalCommand.checkFinite(infinite, model: "m", data: "d.csv")
        }
        #expect(throws: Never.self) {
            try EvalCommand.checkFinite(ModelEvaluation(meanSquaredError: 0.5, scores: nil), model: "m", data: "d.csv")
        }
        let text = CommandError.nonFiniteScore(model: "m\u{1B}", data: "d.csv", score: "MSE", value: -.nan).description
        #expect(text.hasPrefix(#"the MSE of m\u{1B} on d.csv is nan, not a finite score"#))
    }
}
