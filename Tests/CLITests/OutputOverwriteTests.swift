import Foundation
import Testing

/// Nothing is overwritten without --force (the file stays byte-identical), and an output
/// path that cannot be written fails before any training.
@Suite struct OutputOverwriteTests {
    @Test func trainSaveRefusesAnExistingFileBeforeTraining() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 200)
        let original: [UInt8] = Array("precious bytes\n".utf8)
        try files.write("m.safetensors", bytes: original)
        let r = try files.run(["train", "--data", "d.csv", "--x", "x", "--y", "y", "--save", "m.safetensors"])
        #expect(r.status == 1)
        #expect(r.errorLine == "Error: m.safetensors: file exists (use --force to overwrite)")
        #expect(r.stdout.isEmpty)  // failed before the first epoch
        #expect(files.bytes("m.safetensors") == Data(original))
    }

    @Test func trainSaveWithForceReplacesIt() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 200)
        try files.write("m.safetensors", "old")
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--epochs", "2", "--quiet",
            "--save", "m.safetensors", "--force",
        ])
        #expect(r.status == 0)
        #expect(r.stderr.contains("saved the mdn model to m.safetensors"))
        #expect((files.bytes("m.safetensors")?.count ?? 0) > 1000)
    }

    @Test func sampleAndDataRefuseExistingOutput() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        try files.write("out.csv", "keep me\n")
        for command in [
            ["sample", "--model", "m.safetensors", "--grid", "0:1:3", "--output", "out.csv"],
            ["data", "bishop", "--count", "10", "--output", "out.csv"],
        ] {
            let r = try files.run(command)
            #expect(r.status == 1)
            #expect(r.errorLine == "Error: out.csv: file exists (use --force to overwrite)")
            #expect(files.bytes("out.csv") == Data("keep me\n".utf8))
        }
    }

    @Test func unwritableSavePathFailsBeforeTraining() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 200)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y",
            "--save", "no-such-dir/m.safetensors",
        ])
        #expect(r.status == 1)
        #expect(r.errorLine == "Error: no-such-dir/m.safetensors: cannot write: No such file or directory")
        #expect(r.stdout.isEmpty)
        // A regular file used as a directory.
        let r2 = try files.run(["train", "--data", "d.csv", "--x", "x", "--y", "y", "--save", "d.csv/m.safetensors"])
        #expect(r2.status == 1)
        #expect(r2.errorLine == "Error: d.csv/m.safetensors: cannot write: Not a directory")
    }

    @Test func unwritableSampleOutput() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        let r = try files.run([
            "sample", "--model", "m.safetensors", "--grid", "0:1:3", "--output", "no-such-dir/s.csv",
        ])
        #expect(r.status == 1)
        #expect(r.errorLine == "Error: no-such-dir/s.csv: cannot write: No such file or directory")
    }
}
