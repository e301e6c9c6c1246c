/// One loss curve: a model's training or validation loss per epoch.
public struct LossSeries: Sendable {
    /// The model.
    public var model: LossModel
    /// Training or validation.
    public var split: LossSplit
    /// Epoch numbers (nil: 1, 2, 3, ...).
    public var epochs: [Float]?
    /// The loss per epoch.
    public var values: [Float]

    /// Creates a series.
    public init(model: LossModel, split: LossSplit, epochs: [Float]? = nil, values: [Float]) {
        precondition(epochs == nil || epochs?.count == values.count, "epochs and values must have equal counts")
        self.model = model
        self.split = split
        self.epochs = epochs
        self.values = values
    }

    /// "MDN train", "MSE val", ...
    public var label: String { "\(model == .mse ? "MSE" : "MDN") \(split == .train ? "train" : "val")" }
}
