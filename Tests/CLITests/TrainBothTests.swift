import Foundation
import Testing

/// `mdnx train --model both` trains the two models at once on two cores; its output reads as
/// one model after the other, and each model is the one `--model mse|mdn` trains alone.
@Suite struct TrainBothTests {
    @Test("the lines of each model stay together, MSE first, as when they trained in turn")
    func outputInModelOrder() throws {
        let r = try MDNXProcess.run([
            "train", "--dataset", "bishop", "--count", "600", "--model", "both", "--epochs", "6",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let mseStart = try #require(lines.firstIndex { $0.hasPrefix("mse: ") })
        let mseDone = try #require(lines.firstIndex { $0.hasPrefix("mse done: ") })
        let mdnStart = try #require(lines.firstIndex { $0.hasPrefix("mdn: ") })
        let mdnDone = try #require(lines.firstIndex { $0.hasPrefix("mdn done: ") })
        #expect(mseStart < mseDone && mseDone < mdnStart && mdnStart < mdnDone)
        let mseEpochs = lines[mseStart..<mseDone].filter { $0.hasPrefix("Epoch ") }
        let mdnEpochs = lines[mdnStart..<mdnDone].filter { $0.hasPrefix("Epoch ") }
        #expect(mseEpochs.map { $0.prefix(10) } == (1...6).map { "Epoch \($0)/6 " })
        #expect(mdnEpochs.map { $0.prefix(10) } == (1...6).map { "Epoch \($0)/6 " })
        #expect(lines.last?.hasPrefix("total wall time: ") == true)
    }

    @Test("the MDN of --model both is bit for bit the MDN of --model mdn")
    func sameModelAsAlone() throws {
        let files = try CLIFiles()
        let common = ["train", "--dataset", "bishop", "--count", "600", "--epochs", "5", "--quiet", "--seed", "9"]
        let both = try files.run(common + ["--model", "both", "--save", "both.safetensors"])
        let alone = try files.run(common + ["--model", "mdn", "--save", "alone.safetensors"])
        #expect(both.status == 0 && alone.status == 0, "\(both.stderr) \(alone.stderr)")
        // --model both --save F writes F-mse and F-mdn.
        let a = try #require(files.bytes("both-mdn.safetensors"))
        let b = try #require(files.bytes("alone.safetensors"))
        #expect(a == b)
    }
}
