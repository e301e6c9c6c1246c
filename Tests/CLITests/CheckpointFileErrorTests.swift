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

    @Test func corruptModel() throws {
        let files = try CLIFiles()
        // "garbage " read as a little-endian u64 header length.
        let text = "garbage file, not a model"
        try files.write("bad.safetensors", text)
        let length = Array(text.utf8.prefix(8)).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        let r = try files.run(["sample", "--model", "bad.safetensors", "--grid", "0:1:3"])
        #expect(r.status == 1)
        #expect(
            r.errorLine == "Error: bad.safetensors: not a valid safetensors file: header length \(length) "
                + "is larger than the limit of 100000000 bytes")
    }

    @Test func csvPassedAsModel() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 20)
        let r = try files.run(["eval", "--model", "d.csv", "--data", "d.csv"])
        #expect(r.status == 1)
        #expect(r.errorLine.hasPrefix("Error: d.csv: not a valid safetensors file: "))
    }
}
