import MDNFigures
import Testing

@Suite struct FigureViewTests {
    @Test func namesAndAliases() {
        #expect(FigureView.allCases.map(\.rawValue) == ["overlay", "side-by-side", "density", "components"])
        #expect(FigureView(name: "side") == .sideBySide && FigureView(name: "side-by-side") == .sideBySide)
        #expect(FigureView(name: "Side") == nil && FigureView(name: "loss") == nil)
        #expect(FigureView.acceptedNames == ["overlay", "side-by-side", "density", "components", "side"])
    }

    @Test func cycleAndNeeds() {
        #expect(FigureView.allCases.map(\.next) == [.sideBySide, .density, .components, .overlay])
        #expect(FigureView.allCases.filter(\.needsMDN) == [.density, .components])
    }
}
