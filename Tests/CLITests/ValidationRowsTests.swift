import Foundation
import Testing

/// `mdnx train` on a file sorted by x: the tutorial preset validates on the last rows and says
/// so in one line; the default preset draws validation rows at random and says nothing.
@Suite struct ValidationRowsTests {
    /// 200 rows, y = x^2, x ascending (or shuffled by a fixed permutation).
    func file(_ files: CLIFiles, sorted: Bool) throws {
        var xs = (0..<200).map { Double($0) / 40 }
        if !sorted { xs = (0..<200).map { xs[($0 * 77) % 200] } }
        _ = try files.write("d.csv", "x,y\n" + xs.map { "\($0),\($0 * $0)\n" }.joined())
    }

    func train(_ files: CLIFiles, preset: String) throws -> MDNXProcess.Result {
        try files.run(["train", "--data", "d.csv", "--x", "x", "--y", "y", "--epochs", "1", "--preset", preset])
    }

    @Test func tutorialSaysItValidatesOnTheEndOfSortedData() throws {
        let files = try CLIFiles()
        try file(files, sorted: true)
        let r = try train(files, preset: "tutorial")
        #expect(r.status == 0, "\(r.stderr)")
        // Tutorial split 0.15 of 200: floor(170) train, the last 30 (x from 170 / 40 = 4.25) validate.
        let notes = r.stderr.split(separator: "\n").filter { $0.hasPrefix("note: the rows are sorted by x") }
        #expect(notes.count == 1)
        #expect(notes.first?.contains("validates on the last 30") == true && notes.first?.contains("x = 4.25") == true)
        #expect(r.stdout.contains("170 training rows, 30 validation rows (last)"))
    }

    @Test func defaultDrawsRandomRowsWithoutANote() throws {
        let files = try CLIFiles()
        try file(files, sorted: true)
        let r = try train(files, preset: "default")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("note: the rows are sorted"))
        // Default split on 200 rows: 20%, drawn at random.
        #expect(r.stdout.contains("160 training rows, 40 validation rows (random)"))
    }

    @Test func unsortedDataGetsNoNote() throws {
        let files = try CLIFiles()
        try file(files, sorted: false)
        let r = try train(files, preset: "tutorial")
        #expect(r.status == 0 && !r.stderr.contains("note: the rows are sorted"), "\(r.stderr)")
    }
}
