/// Where each mixture parameter sits in the MDN head's output row.
///
/// One row of the network output for output dimension D and K components is
/// `[mu (K*D) | sigma (K*D) | pi logits (K)]`, the tutorial's order: the mean of component k
/// in dimension d is at `mu(k, d) = k*D + d`, its standard deviation at `K*D + k*D + d`, and
/// its mixing logit at `2*K*D + k`. Sigmas are already positive (ELU + 1 + epsilon).
public struct MixtureLayout: Hashable, Sendable, Codable {
    /// Number of Gaussian components K.
    public let components: Int
    /// Output dimension D.
    public let dimension: Int

    /// A layout for K components in D dimensions; both must be at least 1.
    public init(components: Int, dimension: Int = 1) {
        precondition(components >= 1, "a mixture needs at least one component")
        precondition(dimension >= 1, "a mixture needs output dimension >= 1")
        self.components = components
        self.dimension = dimension
    }

    /// Width of one parameter row: 2*K*D + K.
    public var width: Int { 2 * components * dimension + components }
    /// Offset of mu for component k, dimension d.
    @inline(__always) public func mu(_ k: Int, _ d: Int = 0) -> Int { k * dimension + d }
    /// Offset of sigma for component k, dimension d.
    @inline(__always) public func sigma(_ k: Int, _ d: Int = 0) -> Int {
        components * dimension + k * dimension + d
    }
    /// Offset of the mixing logit for component k.
    @inline(__always) public func logit(_ k: Int) -> Int { 2 * components * dimension + k }
}
