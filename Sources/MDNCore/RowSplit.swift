/// Which rows of a data set the trainer holds out for validation.
public enum ValidationRows: String, Sendable, Codable, CaseIterable {
    /// The last rows, before any shuffling: Keras's `validation_split`. On a file sorted by
    /// x the model then never trains on the right end of the x range, and val_loss measures
    /// an extrapolation.
    case last
    /// Rows drawn at random, seeded by the trainer's seed, so validation covers the data's
    /// whole range whatever the file's order.
    case random
}

/// The rows of a data set that train and the rows that validate: the one rule `Trainer` and
/// the normaliser (fitted on the training rows only) share.
///
/// Both rules keep `Trainer.trainingRowCount(count:validationSplit:)` rows for training, Keras's
/// count. `.last` validates on the rows after them; `.random` on a seeded random subset.
/// Both index lists are ascending, so the training rows keep the file's order.
public struct RowSplit: Sendable, Equatable {
    /// Indices of the training rows, ascending.
    public let training: [Int]
    /// Indices of the validation rows, ascending.
    public let validation: [Int]

    /// Salt mixed into the trainer's seed for the random choice, so it draws from a stream
    /// of its own and the batch order of a given seed is the same under either rule.
    static let salt: UInt64 = 0x7661_6C69_6461_7465

    /// The split of `count` rows under `rule`; `seed` (the trainer's) fixes the random choice.
    public init(count: Int, validationSplit: Double, rule: ValidationRows, seed: UInt64) {
        precondition(count >= 0, "row count must be >= 0")
        precondition(validationSplit >= 0 && validationSplit < 1, "validation split must be in [0, 1)")
        let trainCount = Trainer.trainingRowCount(count: count, validationSplit: validationSplit)
        switch rule {
        case .last:
            training = Array(0..<trainCount)
            validation = Array(trainCount..<count)
        case .random:
            // A partial Fisher-Yates shuffle picks the validation rows.
            var rng = SeededRNG(seed: seed ^ RowSplit.salt)
            var rows = Array(0..<count)
            let held = count - trainCount
            for i in 0..<held {
                rows.swapAt(i, i + rng.nextInt(below: count - i))
            }
            validation = rows[0..<held].sorted()
            var isValidation = [Bool](repeating: false, count: count)
            for r in validation { isValidation[r] = true }
            training = (0..<count).filter { !isValidation[$0] }
        }
    }

    /// The split `config` asks for on `count` rows, with the trainer's `seed`.
    public init(count: Int, config: TrainingConfig, seed: UInt64) {
        self.init(count: count, validationSplit: config.validationSplit, rule: config.validationRows, seed: seed)
    }

    /// Whether the rows of `data` are sorted by their first input column (ascending or
    /// descending, with at least two distinct values): the case in which `.last` validates
    /// on one end of the x range only.
    public static func isSortedByX(_ data: Dataset) -> Bool {
        let d = data.inputDimension
        let n = data.count
        guard n >= 2 else { return false }
        var ascending = true
        var descending = true
        var distinct = false
        for i in 1..<n {
            let a = data.x[(i - 1) * d]
            let b = data.x[i * d]
            if b < a { ascending = false }
            if b > a { descending = false }
            if b != a { distinct = true }
            if !ascending && !descending { return false }
        }
        return distinct
    }
}

extension Dataset {
    /// The rows at `indices`, in that order, as a new data set (names kept).
    public func rows(at indices: [Int]) -> Dataset {
        var xs = [Float]()
        var ys = [Float]()
        xs.reserveCapacity(indices.count * inputDimension)
        ys.reserveCapacity(indices.count * outputDimension)
        for i in indices {
            precondition(i >= 0 && i < count, "row index out of bounds")
            xs.append(contentsOf: x[(i * inputDimension)..<((i + 1) * inputDimension)])
            ys.append(contentsOf: y[(i * outputDimension)..<((i + 1) * outputDimension)])
        }
        return Dataset(
            x: xs, y: ys, inputDimension: inputDimension, outputDimension: outputDimension, xNames: xNames,
            yNames: yNames)
    }
}
