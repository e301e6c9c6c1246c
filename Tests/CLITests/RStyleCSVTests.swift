import Foundation
import Testing

/// CSV files as R's `write.csv` writes them (quoted header whose first name is empty, quoted
/// row names), also with CRLF line ends and a UTF-8 byte-order mark, train and sample.
@Suite struct RStyleCSVTests {
    /// An R-style file of `n` rows: eruptions grows with waiting, two clusters (faithful-like).
    static func rStyle(rows n: Int, lineEnd: String = "\n", bom: Bool = false) -> String {
        var text = bom ? "\u{FEFF}" : ""
        text += "\"\",\"waiting\",\"eruptions\"" + lineEnd
        for i in 1...n {
            let long = i % 3 != 0
            let waiting = (long ? 80 : 54) + (i * 7919) % 13 - 6
            let eruptions = (long ? 4.3 : 2.0) + Double((i * 104_729) % 11 - 5) * 0.05
            text += "\"\(i)\",\(waiting),\(String(format: "%.3f", eruptions))" + lineEnd
        }
        return text
    }

    @Test(arguments: [("lf", "\n", false), ("crlf", "\r\n", false), ("bom", "\n", true), ("bom-crlf", "\r\n", true)])
    func trainsAndSamples(name: String, lineEnd: String, bom: Bool) throws {
        let files = try CLIFiles()
        try files.write("faithful.csv", Self.rStyle(rows: 150, lineEnd: lineEnd, bom: bom))
        let t = try files.run([
            "train", "--data", "faithful.csv", "--x", "waiting", "--y", "eruptions",
            "--epochs", "30", "--quiet", "--save", "f.safetensors",
        ])
        #expect(t.status == 0, "\(name): \(t.stderr)")
        #expect(t.stderr.contains("150 rows from faithful.csv, first column skipped as row names; read in "), "\(name)")
        let s = try files.run(["sample", "--model", "f.safetensors", "--grid", "45:95:6", "--per-x", "3"])
        #expect(s.status == 0, "\(name): \(s.stderr)")
        let lines = s.outputLines
        #expect(lines.first == "waiting,eruptions")
        #expect(lines.count == 1 + 6 * 3)
        let values = lines.dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        #expect(values.count == 18 && values.allSatisfy { $0.isFinite && $0 > -5 && $0 < 12 }, "\(name): \(values)")
        // The file's own columns, by position too (1 = waiting after the row names).
        let e = try files.run([
            "eval", "--model", "f.safetensors", "--data", "faithful.csv", "--x", "1", "--y", "2", "--json",
        ])
        #expect(e.status == 0, "\(name): \(e.stderr)")
        let object: [String: Any]? = try jsonObject(e.stdout)
        #expect(object?["rows"] as? Int == 150)
        #expect((object?["nll"] as? Double)?.isFinite == true)
    }
}
