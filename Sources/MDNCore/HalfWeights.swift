/// A network's parameters in half precision (IEEE binary16): what a recording of training
/// keeps per epoch, at half the bytes of `Float` and enough to redraw that epoch.
///
/// Rounding every weight to 11 significant bits changes a default MDN's outputs by about 1e-3
/// of their scale (see `HalfWeightsTests`), far below what a plot can show. The values are in
/// the order `Network.withParameterBuffers` visits them (each layer's kernel, then its bias,
/// input side first); only a network of the same shape can take them back.
public struct HalfWeights: Sendable, Equatable {
    /// The parameters, rounded to the nearest half-precision value.
    public let values: [Float16]

    /// The parameters of `network`, rounded to half precision.
    public init(_ network: Network) {
        var out = [Float16]()
        out.reserveCapacity(network.parameterCount)
        for layer in network.layers {
            layer.weights.storage.withUnsafeBufferPointer { w in for v in w { out.append(Float16(v)) } }
            layer.bias.withUnsafeBufferPointer { b in for v in b { out.append(Float16(v)) } }
        }
        values = out
    }

    /// Weights read back from storage (`values` as written by `init(_:)`).
    public init(values: [Float16]) {
        self.values = values
    }

    /// Bytes the values occupy.
    public var byteCount: Int { values.count * MemoryLayout<Float16>.stride }

    /// `template` (a network of the same shape) with these weights, widened to `Float`.
    public func network(like template: Network) -> Network {
        precondition(
            values.count == template.parameterCount,
            "\(values.count) weights for a network of \(template.parameterCount) parameters")
        var network = template
        var offset = 0
        values.withUnsafeBufferPointer { src in
            network.withParameterBuffers { _, w in
                for i in 0..<w.count { w[i] = Float(src[offset + i]) }
                offset += w.count
            }
        }
        return network
    }
}
