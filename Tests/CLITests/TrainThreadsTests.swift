import Foundation
import MDNCore
import MDNIO
import Testing

/// `mdnx train --threads N`: each step shared by N threads, with one thread's result.
@Suite struct TrainThreadsTests {
    /// Trains an MDN with `threads` threads and returns its saved weights.
    func train(_ files: CLIFiles, threads: Int, save: String) throws -> [NamedTensor] {
        let r = try files.run([
            "train", "--dataset", "spiral", "--count", "1000", "--seed", "9", "--model", "mdn", "--mixtures", "3",
            "--epochs", "2", "--batch-size", "100", "--threads", String(threads), "--quiet", "--save", save,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        return try Checkpoint.load(path: files.path(save)).tensors
    }

    @Test func twoThreadsSaveOneThreadsBits() throws {
        let files = try CLIFiles()
        let two = try train(files, threads: 2, save: "two.safetensors")
        let one = try train(files, threads: 1, save: "one.safetensors")
        #expect(two.map(\.name) == one.map(\.name))
        #expect(two.map(\.values) == one.map(\.values))
    }

    @Test func threadsOutOfRangeIsOneLineError() throws {
        let r = try MDNXProcess.run(["train", "--threads", "0"])
        #expect(r.status != 0)
        #expect(r.stderr == "Error: --threads must be an integer from 1 to 64 (got 0) (see 'mdnx train --help')\n")
    }
}
