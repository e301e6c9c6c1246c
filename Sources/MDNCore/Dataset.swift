/// A regression data set: n rows of inputs x (n x inputDimension) and targets y
/// (n x outputDimension), row-major float32, with column names for labels.
public struct Dataset: Sendable, Equatable {
    /// Inputs, row-major, `count * inputDimension` values.
    public var x: [Float]
    /// Targets, row-major, `count * outputDimension` values.
    public var y: [Float]
    /// Columns per input row.
    public let inputDimension: Int
    /// Columns per target row.
    public let outputDimension: Int
    /// Input column names (for axis labels), `inputDimension` of them.
    public var xNames: [String]
    /// Target column names, `outputDimension` of them.
    public var yNames: [String]

    /// Number of rows.
    public var count: Int { x.count / max(inputDimension, 1) }

    /// Creates a data set; x and y must hold the same number of rows.
    public init(
        x: [Float], y: [Float], inputDimension: Int = 1, outputDimension: Int = 1,
        xNames: [String]? = nil, yNames: [String]? = nil
    ) {
        precondition(inputDimension >= 1 && outputDimension >= 1, "dimensions must be >= 1")
        precondition(x.count % inputDimension == 0, "x holds a partial row")
        precondition(y.count % outputDimension == 0, "y holds a partial row")
        precondition(x.count / inputDimension == y.count / outputDimension, "x and y row counts differ")
        self.x = x
        self.y = y
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        self.xNames = xNames ?? (inputDimension == 1 ? ["x"] : (0..<inputDimension).map { "x\($0 + 1)" })
        self.yNames = yNames ?? (outputDimension == 1 ? ["y"] : (0..<outputDimension).map { "y\($0 + 1)" })
    }

    /// Rows `range` as a new data set (names kept).
    public func rows(_ range: Range<Int>) -> Dataset {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "row range out of bounds")
        return Dataset(
            x: Array(x[(range.lowerBound * inputDimension)..<(range.upperBound * inputDimension)]),
            y: Array(y[(range.lowerBound * outputDimension)..<(range.upperBound * outputDimension)]),
            inputDimension: inputDimension, outputDimension: outputDimension,
            xNames: xNames, yNames: yNames)
    }
}
