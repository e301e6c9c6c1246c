import MDNCore
import MDNFigures
import Testing

@Suite struct DensityGridTests {
    static let layout = MixtureLayout(components: 2)

    @Test("p(y|x) peaks where the mixture's components sit (row 0 = lowest y)")
    func peaks() {
        let row: [Float] = [1, 3, 0.1, 0.1, 0, 0]
        let source = MixtureSource.grid(xs: [0, 1], batch: MixtureBatch(layout: Self.layout, rows: row + row))
        // 10 rows over y in [0, 4]: row r is centred on y = (r + 0.5) * 0.4 -> y 1.0 is row 2, y 3.0 is row 7.
        let h = DensityGrid.heatmap(source, temperatures: .neutral, xRange: 0...1, yRange: 0...4, columns: 3, rows: 10)
        #expect(h.columns == 3 && h.rows == 10 && h.xRange == 0...1 && h.yRange == 0...4)
        // Each component: pi 0.5, sigma 0.1: peak density 0.5 / (0.1 sqrt(2 pi)) = 1.99471.
        let peak: Float = 0.5 / (0.1 * (2 * Float.pi).squareRoot())
        for c in 0..<3 {
            let column = (0..<10).map { h.values[$0 * 3 + c] }
            #expect(abs(column[2] - peak) < 1e-3 && abs(column[7] - peak) < 1e-3)
            #expect(column[0] < 1e-6 && column[5] < 1e-6, "nothing at y 0.2 or y 2.2")
        }
    }

    @Test("the sigma temperature widens each component: peak / sqrt(S)")
    func followsTheSigmaTemperature() throws {
        let row: [Float] = [1, 3, 0.1, 0.1, 0, 0]
        let source = MixtureSource.grid(xs: [0], batch: MixtureBatch(layout: Self.layout, rows: row))
        let t = try Temperatures(sampling: 1, sigma: 4)
        let h = DensityGrid.heatmap(source, temperatures: t, xRange: 0...1, yRange: 0...4, columns: 1, rows: 10)
        // sigma 0.1 * sqrt(4) = 0.2: peak 0.5 / (0.2 sqrt(2 pi)) = 0.99736.
        #expect(abs(h.values[2] - 0.5 / (0.2 * (2 * Float.pi).squareRoot())) < 1e-3)
    }

    @Test func columnsAreEvaluatedAtTheirCentres() {
        #expect(DensityGrid.centres(0...4, 4) == [0.5, 1.5, 2.5, 3.5])
        // A model whose mixture at x is N(x, 0.1^2): column c (centre x = c + 0.5) peaks in
        // row c (centre y = c + 0.5) of 4 rows over [0, 4].
        let model = MixtureSource.function(layout: MixtureLayout(components: 1)) { xs in
            MixtureBatch(layout: MixtureLayout(components: 1), rows: xs.flatMap { [$0, 0.1, 0] })
        }
        let h = DensityGrid.heatmap(model, temperatures: .neutral, xRange: 0...4, yRange: 0...4, columns: 4, rows: 4)
        for c in 0..<4 {
            let column = (0..<4).map { h.values[$0 * 4 + c] }
            #expect(column.firstIndex(of: column.max()!) == c)
        }
    }
}
