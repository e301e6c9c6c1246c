/// The default preset's size rule: which fraction of `rows` rows validates, the batch size,
/// the learning rate, and a budget of optimizer steps turned into epochs and patience. Pure
/// arithmetic on the row count; `Preset` documents the experiments behind each constant.
///
///     validation = min(max(0.05, min(0.2, 100 / rows)), 20,000 / rows)
///     train      = floor(rows * (1 - validation))                         (Keras's count)
///     batch      = the power of two nearest train / 64 (in log scale), within 8...512
///                  (and at most train)
///     lr         = 3e-3 * min(1, (batch / 128)^(1/4))
///     pass       = ceil(train / batch) steps;  an epoch is one pass, or 1,000 steps if longer
///     maxEpochs  = round(steps / epoch steps), steps = 45,000 (mdn) or 18,750 (mse)
///     patience   = min(200, round(0.25 (mdn) or 0.32 (mse) * maxEpochs)) epochs
public struct Budget: Sendable, Equatable {
    /// Optimizer steps at the epoch limit for the MDN (the spiral's 600 epochs of 75 steps).
    public static let mdnSteps = 45_000
    /// Optimizer steps at the epoch limit for the MSE network (250 epochs of 75 steps).
    public static let mseSteps = 18_750
    /// An epoch is one pass over the training rows, or this many steps if a pass is longer.
    public static let longestEpoch = 1_000
    /// Training rows per step that set the batch size (before rounding and clamping).
    public static let rowsPerStep = 64
    /// The batch size's bounds.
    public static let batchRange = 8...512
    /// Early-stopping patience at most, in epochs.
    public static let maximumPatience = 200

    /// Fraction of the rows that validate.
    public let validationSplit: Double
    /// Rows that train.
    public let trainingRows: Int
    /// Rows per gradient step.
    public let batchSize: Int
    /// Adam's initial learning rate.
    public let learningRate: Float
    /// Steps in one pass over the training rows.
    public let stepsPerPass: Int
    /// Steps per epoch when a pass is longer than `longestEpoch` steps, else nil (one pass).
    public let stepsPerEpoch: Int?
    /// Epoch limit.
    public let maxEpochs: Int
    /// Early-stopping patience in epochs.
    public let patience: Int

    /// Total optimizer steps at the epoch limit.
    public var steps: Int { maxEpochs * (stepsPerEpoch ?? stepsPerPass) }

    /// The rule for `kind` on `rows` rows.
    public init(kind: ModelKind, rows: Int) {
        precondition(rows >= 1, "a budget needs at least one row")
        let n = Double(rows)
        let small = max(0.05, min(Preset.maximumSmallDataValidationSplit, Double(Preset.minimumValidationRows) / n))
        validationSplit = min(small, Double(Preset.maximumValidationRows) / n)
        let train = max(1, Trainer.trainingRowCount(count: rows, validationSplit: validationSplit))
        trainingRows = train
        // The power of two nearest train / 64 in log scale: step up while above the geometric
        // midpoint between b and 2b.
        let wanted = Double(train) / Double(Budget.rowsPerStep)
        var batch = Budget.batchRange.lowerBound
        while batch < Budget.batchRange.upperBound && wanted >= Double(batch) * 2.0.squareRoot() { batch *= 2 }
        batch = min(batch, train)
        batchSize = batch
        let ratio = min(1, Double(batch) / 128)
        learningRate = Float(3e-3 * ratio.squareRoot().squareRoot())
        let pass = (train + batch - 1) / batch
        stepsPerPass = pass
        stepsPerEpoch = pass > Budget.longestEpoch ? Budget.longestEpoch : nil
        let total = Double(kind == .mdn ? Budget.mdnSteps : Budget.mseSteps)
        maxEpochs = max(1, Int((total / Double(stepsPerEpoch ?? pass)).rounded()))
        let fraction = kind == .mdn ? 0.25 : 0.32
        patience = max(1, min(Budget.maximumPatience, Int((fraction * Double(maxEpochs)).rounded())))
    }
}
