import Foundation
import Testing

/// `mdnx sample` / `mdnx eval` given a missing, corrupt or truncated checkpoint.
@Suite struct CheckpointFileErrorTests {
    /// A directory holding a small trained model `m.safetensors` and its data `d.csv`.
    static func trainedModel() throws -> CLIFiles {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 200)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--epochs", "3", "--quiet",
            "--save", "m.safetensors",
        ])
        precondition(r.status == 0, r.stderr)
        return files
    }

    @Test func missingModel() throws {
        let r = try MDNXProcess.run(["sample", "--model", "nope.safetensors", "--grid", "0:1:3"])
        #expect(r.status == 1)
        #expect(r.errorLine == "Error: nope.safetensors: no such file")
    }

    @Test func truncatedModel() throws {
        let files = try Self.trainedModel()
        let whole = try #require(files.bytes("m.safetensors"))
        // The first 8 bytes give the header length (little-endian); cut inside the header.
        let header = whole.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        try files.write("cut.safetensors", bytes: Array(whole.prefix(100)))
        for command in [
            ["sample", "--model", "cut.safetensors", "--grid", "0:1:3"],
            ["eval", "--model", "cut.safetensors", "--data", "d.csv"],
        ] {
            let r = try files.run(command)
            #expect(r.status == 1)
            #expect(
                r.errorLine == "Error: cut.safetensors: not a valid safetensors file: header length \(header) "
                    + "runs past the end of the file (100 bytes)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func truncatedTensorData() throws {
        let files = try Self.trainedModel()
        let whole = try #require(files.bytes("m.safetensors"))
        try files.write("cut.safetensors", bytes: Array(whole.dropLast(16)))
        let r = try files.run(["sample", "--model", "cut.safetensors", "--grid", "0:1:3"])
        #expect(r.status == 1)
        #expect(r.errorLine.hasPrefix("Error: cut.safetensors: not a valid safetensors file: "))
        #expect(!r.errorLine.contains("\n") && r.stdout.isEmpty)
    }

    /// Text given as a model: its first eight bytes used to be read as a header length
    /// ("garbage " is 2334392307038315879 bytes); now the message says what the file is.
    @Test func corruptModel() throws {
        let files = try CLIFiles()
        try files.write("bad.safetensors", "garbage file, not a model")
        let r = try files.run(["sample", "--model", "bad.safetensors", "--grid", "0:1:3"])
        #expect(r.status == 1)
        #expect(
            r.stderr == "Error: bad.safetensors: not a safetensors file (mdnx checkpoints come from mdnx train); "
                + "it starts with \"garbage file, not a …\"\n")
    }

    /// Issue 10: a checkpoint path that is really a CSV reported a header length of
    /// 8103508883213656610 bytes.
    @Test func csvPassedAsModel() throws {
        let files = try CLIFiles()
        try files.write("d.csv", "x,y\n0.43938088,0.69\n")
        let r = try files.run(["eval", "--model", "d.csv", "--data", "d.csv"])
        #expect(r.status == 1)
        #expect(
            r.stderr == "Error: d.csv: not a safetensors file (mdnx checkpoints come from mdnx train); "
                + #"it starts with "x,y\n0.43938088,0.69…""# + "\n")
    }
}
