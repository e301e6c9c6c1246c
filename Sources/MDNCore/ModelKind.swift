// TEMPORARY: identical to the ModelKind in core's Network.swift (branch `core`). Delete this
// file when merging main after core has landed.

/// Which model a network is: a plain regression MLP or a mixture density network.
public enum ModelKind: String, Sendable, Codable, CaseIterable {
    /// Mean-squared-error regression: the head outputs D means.
    case mse
    /// Mixture density network: the head outputs [mu K*D | sigma K*D | logits K].
    case mdn
}
