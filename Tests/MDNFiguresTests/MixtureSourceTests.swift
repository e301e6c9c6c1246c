import MDNCore
import MDNFigures
import Testing

@Suite struct MixtureSourceTests {
    /// One component per row whose mean is the row's index: mu tells which row was taken.
    static func rows(_ n: Int) -> MixtureBatch {
        MixtureBatch(layout: MixtureLayout(components: 1), rows: (0..<n).flatMap { [Float($0), 1, 0] })
    }

    @Test func gridTakesTheNearestRow() {
        let source = MixtureSource.grid(xs: [0, 1, 2, 4], batch: Self.rows(4))
        let picked = source.mixtures(at: [-5, 0.4, 0.6, 1.5, 2.9, 3.1, 9, .nan]).means()
        // 1.5 is half way between rows 1 and 2: ties go to the lower row.
        #expect(picked == [0, 0, 1, 1, 2, 3, 3, 0])
        #expect(source.components == 1)
    }

    @Test func functionIsCalledWithTheXValues() {
        let source = MixtureSource.function(layout: MixtureLayout(components: 1)) { xs in
            MixtureBatch(layout: MixtureLayout(components: 1), rows: xs.flatMap { [2 * $0, 1, 0] })
        }
        #expect(source.mixtures(at: [0.5, 3]).means() == [1, 6])
    }
}
