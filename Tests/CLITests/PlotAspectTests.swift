import Foundation
import Testing

/// `mdnx plot` draws the built-in spiral round (x and y share a unit) but keeps a user's
/// columns on their own ranges.
@Suite struct PlotAspectTests {
    /// The numbers labelling the y axis of a text plot (`" 4┤"` rows).
    static func yTickLabels(_ text: String) -> [Double] {
        text.split(separator: "\n").compactMap { line in
            guard let bar = line.firstIndex(where: { $0 == "┤" || $0 == "+" }) else { return nil }
            return Double(line[..<bar].trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func userColumnsKeepTheirOwnRanges() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        // Waiting times 40-95 minutes against eruptions 1.5-5.5 minutes: an equal scale
        // would stretch the y axis to about +/-25 around the data.
        var csv = "waiting,eruptions\n"
        for i in 0..<100 { csv += "\(40 + Double(i) * 0.55),\(1.5 + Double(i % 9) * 0.5)\n" }
        try csv.write(to: dir.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
        let r = try MDNXProcess.run(
            [
                "plot", "--data", "f.csv", "--x", "waiting", "--y", "eruptions",
                "-o", "f.txt", "--width", "100", "--height", "30",
            ], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let labels = Self.yTickLabels(try String(contentsOf: dir.appendingPathComponent("f.txt"), encoding: .utf8))
        #expect(labels.count >= 2)
        #expect(labels.allSatisfy { $0 >= 1 && $0 <= 6 }, "y ticks \(labels)")
    }

    @Test func theSpiralIsDrawnToEqualScale() throws {
        let dir = try MDNXProcess.temporaryDirectory()
        // In a wide text plot the spiral's y range (0-5) is widened to match x's scale per cell,
        // so the y ticks stay inside the data while x ticks run well beyond 0-5.
        let r = try MDNXProcess.run(
            [
                "plot", "--dataset", "spiral", "--count", "2000", "-o", "s.txt",
                "--width", "100", "--height", "30",
            ], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("s.txt"), encoding: .utf8)
        #expect(text.contains("┬"), "expected an x axis with tick marks")
        let numbers = text.split(separator: "\n").flatMap { $0.split(separator: " ") }.compactMap { Double($0) }
        #expect(numbers.contains { $0 < -0.5 || $0 > 5.5 }, "expected widened x ticks: \(numbers)")
    }
}
