import Foundation
import MDNCore
import MDNIO
import Testing

/// `mdnx train --mixtures auto`: the ladder is screened, reported and recorded.
@Suite struct MixturesAutoTests {
    /// A line of `train --json` (the fields this suite reads).
    struct Line: Decodable {
        struct Rung: Decodable {
            var mixtures: Int
            var valNLL: Double?
            var epochs: Int
            enum CodingKeys: String, CodingKey {
                case mixtures, epochs
                case valNLL = "val_nll"
            }
        }
        var event: String
        var mixtures: Int?
        var mixturesAuto: Bool?
        var chosen: Int?
        var best: Int?
        var ladder: [Rung]?
        enum CodingKeys: String, CodingKey {
            case event, mixtures, chosen, best, ladder
            case mixturesAuto = "mixtures_auto"
        }
    }

    @Test func jsonReportsTheLadderAndTheCheckpointRecordsTheChoice() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 300)
        let r = try files.run([
            "train", "--data", "d.csv", "--mixtures", "auto", "--epochs", "16", "--json", "--save", "m.st",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try r.outputLines.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        let screened = lines.filter { $0.event == "mixtures_screened" }
        #expect(screened.map(\.mixtures) == MixtureSearch.defaultLadder)
        let search = try #require(lines.first { $0.event == "mixtures" })
        let ladder = try #require(search.ladder)
        #expect(ladder.map(\.mixtures) == MixtureSearch.defaultLadder)
        #expect(ladder.allSatisfy { $0.epochs <= 2 && $0.valNLL?.isFinite == true })  // 16 / 8 epochs each
        let chosen = try #require(search.chosen)
        #expect(MixtureSearch.defaultLadder.contains(chosen))
        // The chosen K is the lowest-NLL one or smaller.
        #expect(chosen <= (search.best ?? 0))
        let summary = try #require(lines.last)
        #expect(summary.event == "summary" && summary.mixtures == chosen && summary.mixturesAuto == true)

        let checkpoint = try Checkpoint.load(path: files.path("m.st"))
        #expect(checkpoint.mixtures == chosen)
        #expect(checkpoint.extra["mixtures_auto"] == "true" && checkpoint.extra["mixtures_best"] == "\(search.best!)")
        let stored = try JSONDecoder().decode(
            [Line.Rung].self, from: Data(try #require(checkpoint.extra["mixtures_ladder"]).utf8))
        #expect(stored.map(\.mixtures) == MixtureSearch.defaultLadder)
    }

    @Test func textShowsTheTableAndTheChoice() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 200)
        let r = try files.run(["train", "--data", "d.csv", "--mixtures", "auto", "--epochs", "8"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("mixtures auto: screening K = 1, 2, 3, 5, 8, 12, 20 for 1 epochs each"))
        #expect(r.stdout.contains("K   val NLL   vs best (SE)"))
        #expect(r.stdout.contains(" chosen: "))
        #expect(r.stdout.contains("(chosen automatically)"))
    }

    @Test func mistakesAreOneLineErrors() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 100)
        let cases: [([String], String)] = [
            (["--model", "mse"], "Error: --mixtures auto needs an mdn (--model mdn or both)"),
            (["--validation-split", "0"], "--mixtures auto chooses K by validation NLL, but the validation split"),
        ]
        for (extra, message) in cases {
            let r = try files.run(
                ["train", "--data", "d.csv", "--x", "x", "--y", "y", "--mixtures", "auto", "--epochs", "2"] + extra)
            // The first line after the reading figures says it (ArgumentParser adds usage lines).
            let first = r.stderr.split(separator: "\n").first { !$0.contains("rows from d.csv") }
            #expect(r.status != 0 && first?.contains(message) == true, "\(r.stderr)")
        }
        let bad = try files.run(["train", "--data", "d.csv", "--mixtures", "many"])
        #expect(bad.status == 64 && bad.stderr.contains("many"))
    }
}
