import Foundation
import Testing

/// Ctrl-C during `mdnx train` ends training after the current batch: the summary says
/// "cancelled", nothing is saved, and the exit status is 130 (128 + SIGINT).
@Suite struct TrainInterruptTests {
    @Test func sigintStopsTrainingWithStatus130() throws {
        let files = try CLIFiles()
        let process = Process()
        process.executableURL = MDNXProcess.binary
        process.arguments = [
            "train", "--dataset", "spiral", "--count", "2000", "--epochs", "100000", "--json", "--save",
            "m.safetensors",
        ]
        process.currentDirectoryURL = files.directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first epoch line shows training (and the SIGINT flag) has started.
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text.contains(#""event":"epoch""#), "\(text)")
        kill(process.processIdentifier, SIGINT)
        text += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        let summary = try #require(text.split(separator: "\n").last.map(String.init))
        #expect(try jsonObject(summary)["stop_reason"] as? String == "cancelled")
        #expect(!files.exists("m.safetensors"))
    }
}
