/// How finely a figure's computed layers are evaluated, chosen for the target it is drawn
/// on: a terminal area, a vector export.
public struct FigureResolution: Hashable, Sendable {
    /// p(y|x) grid columns (along x).
    public var densityColumns: Int
    /// p(y|x) grid rows (along y).
    public var densityRows: Int
    /// x values the component curves are evaluated at.
    public var componentPoints: Int

    /// Creates a resolution.
    public init(densityColumns: Int, densityRows: Int, componentPoints: Int = 400) {
        precondition(densityColumns >= 1 && densityRows >= 1, "a density grid needs at least one column and one row")
        precondition(componentPoints >= 2, "component curves need at least two points")
        self.densityColumns = densityColumns
        self.densityRows = densityRows
        self.componentPoints = componentPoints
    }

    /// For a terminal area of `width` x `height` cells: one density value per cell (a cell
    /// shows one background colour), at least 8 each way.
    public static func cells(width: Int, height: Int) -> FigureResolution {
        FigureResolution(densityColumns: max(8, width), densityRows: max(8, height))
    }

    /// For vector exports (svg, png): 240 x 240 density values.
    public static let vector = FigureResolution(densityColumns: 240, densityRows: 240)
}
