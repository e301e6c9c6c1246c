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

    /// The component counts a layout accepts. Values from input (checkpoint metadata, flags)
    /// are checked against this where they enter, so `width` cannot overflow.
    public static let componentRange: ClosedRange<Int> = 1...10_000
    /// The output dimensions a layout accepts (checked where they enter, like `componentRange`).
    public static let dimensionRange: ClosedRange<Int> = 1...10_000

    /// A layout for K components in D dimensions, within `componentRange` and `dimensionRange`.
    public init(components: Int, dimension: Int = 1) {
        precondition(
            MixtureLayout.componentRange.contains(components),
            "a mixture needs 1 to \(MixtureLayout.componentRange.upperBound) components (got \(components))")
        precondition(
            MixtureLayout.dimensionRange.contains(dimension),
            "a mixture needs output dimension 1 to \(MixtureLayout.dimensionRange.upperBound) (got \(dimension))")
        self.components = components
        self.dimension = dimension
    }

    /// Width of one parameter row: 2*K*D + K (at most about 2e8 within the ranges).
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
