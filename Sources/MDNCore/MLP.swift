/// A stack of Dense layers whose shapes chain: widths [in, h1, ..., out], each layer with
/// its own activation (the network's trunk is all ReLU).
public struct MLP: Sendable, Equatable {
    /// The layers, input side first.
    public var layers: [Dense]

    /// Layers with the given values (consecutive shapes must chain).
    public init(layers: [Dense]) {
        for (a, b) in zip(layers, layers.dropFirst()) {
            precondition(a.outputs == b.inputs, "layer shapes do not chain: \(a.outputs) -> \(b.inputs)")
        }
        self.layers = layers
    }

    /// Widths [in, h1, ..., out].
    public var widths: [Int] { layers.isEmpty ? [] : [layers[0].inputs] + layers.map(\.outputs) }

    /// Forward pass of a rows x inputs matrix.
    public func forward(_ x: Matrix) -> Matrix {
        layers.reduce(x) { $1.forward($0) }
    }
}
