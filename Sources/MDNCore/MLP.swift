/// A stack of Dense layers: widths [in, h1, ..., out], the hidden activation on every layer
/// but the last, which uses `outputActivation`.
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

    /// Glorot-initialised layers for `widths` (at least two entries).
    public init(widths: [Int], hiddenActivation: Activation = .relu, outputActivation: Activation = .linear,
                rng: inout SeededRNG) {
        precondition(widths.count >= 2, "an MLP needs at least input and output widths")
        var layers: [Dense] = []
        for i in 0..<(widths.count - 1) {
            let act = i == widths.count - 2 ? outputActivation : hiddenActivation
            layers.append(Dense(inputs: widths[i], outputs: widths[i + 1], activation: act, rng: &rng))
        }
        self.init(layers: layers)
    }

    /// Widths [in, h1, ..., out].
    public var widths: [Int] { layers.isEmpty ? [] : [layers[0].inputs] + layers.map(\.outputs) }

    /// Forward pass of a rows x inputs matrix.
    public func forward(_ x: Matrix) -> Matrix {
        layers.reduce(x) { $1.forward($0) }
    }
}
