import Foundation
import Testing

/// `mdnx train --history FILE` and `mdnx plot --animate --history FILE -o OUT.gif|OUT.cast`,
/// run as a user would.
@Suite struct PlotAnimateTests {
    /// A directory with a short recorded training (both models, 22 epochs, 600 rows).
    static func recorded() throws -> CLIFiles {
        let files = try CLIFiles()
        let r = try files.run([
            "train", "--dataset", "spiral", "--count", "600", "--model", "both", "--epochs", "22", "--history",
            "h.safetensors", "--quiet",
        ])
        precondition(r.status == 0, "mdnx train --history failed: \(r.stderr)")
        return files
    }

    @Test func trainRecordsAndPlotAnimatesIt() throws {
        let files = try Self.recorded()
        #expect(files.exists("h.safetensors"))
        let gif = try files.run(["plot", "--animate", "--history", "h.safetensors", "-o", "a.gif"])
        #expect(gif.status == 0, "\(gif.stderr)")
        #expect(gif.stderr.contains("wrote a.gif (22 frames, epochs 1 to 22 of 22, 4.2 s of play"))
        #expect(gif.stderr.contains("a.gif: frame 22/22"), "progress on standard error")
        #expect(gif.stdout.isEmpty)
        #expect(files.bytes("a.gif")?.prefix(6) == Data("GIF89a".utf8))
        let cast = try files.run([
            "plot", "--animate", "--history", "h.safetensors", "--epochs", "5:9", "--width", "80", "--height", "24",
            "--view", "density", "-o", "a.cast",
        ])
        #expect(cast.status == 0, "\(cast.stderr)")
        let lines = String(decoding: files.bytes("a.cast") ?? Data(), as: UTF8.self).split(separator: "\n")
        // The header, five frames (epochs 5 to 9) and the closing event.
        #expect(lines.count == 7)
        #expect(lines.first?.contains("\"width\": 80") == true && lines.first?.contains("\"version\": 2") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("[") && $0.contains(", \"o\", ") })
    }

    @Test func badRequestsAreOneLineErrors() throws {
        let files = try Self.recorded()
        try files.write("a.gif", "mine")
        try files.write("notes.csv", "x,y\n1,2\n")
        let cases: [([String], String)] = [
            (["-o", "a.gif"], "a.gif: file exists (use --force to overwrite)"),
            (["-o", "a.png"], "a.png: an animation is written as .gif or .cast"),
            (["--epochs", "5:99", "-o", "b.gif"], "epochs 5:99 are not in the recording (epochs 1 to 22)"),
            (["--model", "m.safetensors", "-o", "b.gif"], "--history holds its models; leave out --model"),
            (["--fps", "0", "-o", "b.gif"], "--fps must be a number from 0.1 to 100 (got 0)"),
        ]
        for (extra, message) in cases {
            let r = try files.run(["plot", "--animate", "--history", "h.safetensors"] + extra)
            #expect(r.status != 0)
            #expect(r.stderr.contains(message), "\(extra): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").first?.hasPrefix("Error: ") == true)
        }
        #expect(files.bytes("a.gif") == Data("mine".utf8))
        #expect(!files.exists("b.gif"))
        let noHistory = try files.run(["plot", "--animate", "-o", "b.gif"])
        #expect(noHistory.status != 0 && noHistory.stderr.contains("--animate needs --history FILE"))
        let notARecording = try files.run(["plot", "--animate", "--history", "notes.csv", "-o", "b.gif"])
        #expect(notARecording.status == 1)
        #expect(notARecording.stderr.hasPrefix("Error: notes.csv: not a valid safetensors file"))
        // train checks the --history path before training, and never overwrites it.
        let before = files.bytes("h.safetensors")
        let again = try files.run(["train", "--epochs", "1", "--history", "h.safetensors"])
        #expect(again.status != 0 && again.stderr.contains("h.safetensors: file exists"))
        #expect(again.stdout.isEmpty)
        #expect(files.bytes("h.safetensors") == before)
    }

    @Test func historyRecordsOneXAndOneY() throws {
        let files = try CLIFiles()
        try files.write("three.csv", "a,b,c\n" + (0..<40).map { "\($0),\($0 * 2),\($0 % 7)" }.joined(separator: "\n"))
        let r = try files.run([
            "train", "--data", "three.csv", "--x", "a", "--x", "b", "--y", "c", "--epochs", "1", "--history", "h",
        ])
        #expect(r.status != 0)
        #expect(
            r.stderr.contains("--history records one --x and one --y column (for mdnx plot --animate); got 2 and 1"))
        #expect(!files.exists("h"))
    }
}
