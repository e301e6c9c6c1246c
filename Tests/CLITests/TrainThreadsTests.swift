import Foundation
import MDNCore
import MDNIO
import Testing

/// `mdnx train --threads N`: each batch split over N threads, repeatable for a seed.
@Suite struct TrainThreadsTests {
    /// Trains an MDN with `threads` threads and returns its saved weights.
    func train(_ files: CLIFiles, threads: Int, save: String) throws -> [NamedTensor] {
        let r = try files.run([
            "train", "--dataset", "spiral", "--count", "400", "--seed", "9", "--model", "mdn", "--mixtures", "3",
            "--epochs", "2", "--threads", String(threads), "--quiet", "--save", save,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        return try Checkpoint.load(path: files.path(save)).tensors
    }

    @Test func twoThreadsRepeatForASeedAndDifferFromOneOnlyByRounding() throws {
        let files = try CLIFiles()
        let a = try train(files, threads: 2, save: "a.safetensors")
        let b = try train(files, threads: 2, save: "b.safetensors")
        let one = try train(files, threads: 1, save: "one.safetensors")
        #expect(a.map(\.values) == b.map(\.values))
        let drift = zip(a, one).map { x, y in zip(x.values, y.values).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 1
        #expect(drift < 1e-3, "weights moved by \(drift)")
    }

    @Test func threadsOutOfRangeIsOneLineError() throws {
        let r = try MDNXProcess.run(["train", "--threads", "0"])
        #expect(r.status != 0)
        #expect(r.stderr == "Error: --threads must be an integer from 1 to 64 (got 0) (see 'mdnx train --help')\n")
    }
}
