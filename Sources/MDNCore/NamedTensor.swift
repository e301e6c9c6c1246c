/// A named parameter tensor, as stored in a checkpoint.
public struct NamedTensor: Sendable, Equatable {
    /// Tensor name, e.g. "trunk.0.kernel", "head.bias".
    public var name: String
    /// Shape, row-major.
    public var shape: [Int]
    /// Values, row-major, product(shape) of them.
    public var values: [Float]

    /// A tensor; values must match the shape.
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(
            shape.reduce(1, *) == values.count,
            "tensor \(name): shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
        self.name = name
        self.shape = shape
        self.values = values
    }
}
