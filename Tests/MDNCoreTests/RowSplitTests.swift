import Testing

@testable import MDNCore

/// Which rows validate: Keras's last rows (the tutorial) or a seeded random choice (default).
@Suite struct RowSplitTests {
    @Test func lastRowsAreKerasSplit() {
        // floor(10 * 0.8) = 8 rows train: 0...7; 8 and 9 validate.
        let s = RowSplit(count: 10, validationSplit: 0.2, rule: .last, seed: 7)
        #expect(s.training == Array(0..<8) && s.validation == [8, 9])
    }

    @Test(arguments: [(1000, 0.15), (37, 0.2), (10_000, 0.05), (5, 0.0)])
    func randomRowsAreDisjointCompleteAndKerasSized(count: Int, fraction: Double) {
        let s = RowSplit(count: count, validationSplit: fraction, rule: .random, seed: 3)
        let keras = RowSplit(count: count, validationSplit: fraction, rule: .last, seed: 3)
        #expect(s.training.count == keras.training.count && s.validation.count == keras.validation.count)
        #expect(Set(s.training).isDisjoint(with: s.validation))
        #expect((s.training + s.validation).sorted() == Array(0..<count))
        #expect(s.training == s.training.sorted() && s.validation == s.validation.sorted())
    }

    @Test func randomRowsAreSeeded() {
        let a = RowSplit(count: 1000, validationSplit: 0.1, rule: .random, seed: 1)
        #expect(a == RowSplit(count: 1000, validationSplit: 0.1, rule: .random, seed: 1))
        #expect(a.validation != RowSplit(count: 1000, validationSplit: 0.1, rule: .random, seed: 2).validation)
        // Not the tail: the validation rows spread over the whole file (both halves).
        #expect(a.validation.contains { $0 < 500 } && a.validation.contains { $0 >= 500 })
    }

    @Test func randomRowsAreUniform() {
        // Over many seeds each of 20 rows validates with probability 5 / 20; 4,000 draws give
        // each row 1,000 on average (binomial sd ~27); every count within 150 of it.
        var counts = [Int](repeating: 0, count: 20)
        for seed in 0..<4000 {
            for r in RowSplit(count: 20, validationSplit: 0.25, rule: .random, seed: UInt64(seed)).validation {
                counts[r] += 1
            }
        }
        #expect(counts.allSatisfy { abs($0 - 1000) < 150 }, "\(counts)")
    }

    @Test func sortedByX() {
        #expect(RowSplit.isSortedByX(Dataset(x: [1, 2, 2, 3], y: [0, 0, 0, 0])))
        #expect(RowSplit.isSortedByX(Dataset(x: [3, 1, 0], y: [0, 0, 0])))
        #expect(!RowSplit.isSortedByX(Dataset(x: [1, 3, 2], y: [0, 0, 0])))
        #expect(!RowSplit.isSortedByX(Dataset(x: [2, 2, 2], y: [0, 0, 0])))
        #expect(!RowSplit.isSortedByX(Dataset(x: [1], y: [0])))
        // Two input columns: the first one decides.
        #expect(RowSplit.isSortedByX(Dataset(x: [1, 9, 2, 0, 3, 5], y: [0, 0, 0], inputDimension: 2)))
    }

    @Test func rowsAtIndicesKeepsOrderAndNames() {
        let d = Dataset(x: [0, 1, 2, 3, 4, 5], y: [10, 11, 12], inputDimension: 2, xNames: ["a", "b"], yNames: ["t"])
        let r = d.rows(at: [2, 0])
        #expect(r.x == [4, 5, 0, 1] && r.y == [12, 10] && r.xNames == ["a", "b"] && r.yNames == ["t"])
    }
}
