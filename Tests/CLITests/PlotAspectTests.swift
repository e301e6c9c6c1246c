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

    /// The x tick labels of a text plot: numbers on the row below the x axis (`┬` or, on an
    /// ASCII canvas, `-+-` tick marks).
    static func xTickLabels(_ text: String) -> [Double] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let axis = lines.firstIndex(where: { $0.contains("┬") || $0.contains("-+-") }), axis + 1 < lines.count
        else { return [] }
        return lines[axis + 1].split(separator: " ").compactMap { Double($0) }
    }

    /// Plots the spiral to text at `width` x `height` (ASCII canvas) with `extra` options.
    static func spiral(_ width: Int, _ height: Int, _ extra: [String] = []) throws -> String {
        let dir = try MDNXProcess.temporaryDirectory()
        let r = try MDNXProcess.run(
            [
                "plot", "--dataset", "spiral", "--count", "2000", "-o", "s.txt", "--width", "\(width)", "--height",
                "\(height)", "--canvas", "ascii",
            ] + extra, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOf: dir.appendingPathComponent("s.txt"), encoding: .utf8)
    }

    /// The spiral's drawn width over its drawn height in equal lengths (a cell is twice as
    /// tall as wide): the bounding box of the '.' marks inside the frame. About 1.15 when the
    /// spiral is drawn round (its data span 4.8 by 4.1), far from it when stretched.
    static func drawnAspect(_ text: String) -> Double {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var (top, bottom, left, right) = (Int.max, -1, Int.max, -1)
        for (row, line) in lines.enumerated() where line.contains("|") || line.contains("+") {
            guard let bar = line.firstIndex(where: { $0 == "|" || $0 == "+" }), bar + 1 < line.count else { continue }
            for col in (bar + 1)..<line.count where line[col] == "." {
                top = min(top, row)
                bottom = max(bottom, row)
                left = min(left, col)
                right = max(right, col)
            }
        }
        guard bottom >= top, right >= left else { return .nan }
        return Double(right - left + 1) / (2 * Double(bottom - top + 1))
    }

    @Test func theSpiralFillsAWidePlotAndStaysRoundWhereThatIsCheap() throws {
        // Wide (100 x 30 cells: about 95 x 50 units of equal length): equal scale would leave
        // half the width empty, so the axes fit the data (0.3-5.1 with a 3% margin) and the
        // spiral is stretched to fill the plot.
        let wide = try Self.spiral(100, 30)
        let ticks = Self.xTickLabels(wide)
        #expect(ticks.count >= 3 && ticks.allSatisfy { $0 >= 0 && $0 <= 5.5 }, "x ticks \(ticks)")
        #expect(Self.drawnAspect(wide) > 1.6)
        // Asked for equal aspect, the same plot widens x beyond the data and draws it round.
        let equal = try Self.spiral(100, 30, ["--axes", "equal"])
        #expect(Self.xTickLabels(equal).contains { $0 < -0.5 || $0 > 5.5 })
        #expect(abs(Self.drawnAspect(equal) - 1.17) < 0.15, "aspect \(Self.drawnAspect(equal))")
        // Nearly square (56 x 36 cells): equal scale costs under a third of the height, so the
        // default keeps the spiral round.
        let square = try Self.spiral(56, 36)
        #expect(abs(Self.drawnAspect(square) - 1.17) < 0.15, "aspect \(Self.drawnAspect(square))")
    }
}
