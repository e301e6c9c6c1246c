import ArgumentParser
import Foundation
import MDNCore

/// `mdnx train`: train the MSE network and/or the MDN on a data set, printing Keras-style
/// epoch lines (or JSON lines with `--json`).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the MSE network and/or the mixture density network headlessly.",
        discussion: """
        Prints one line per epoch (loss, val_loss, learning rate, time) and a summary.
        With --json, prints JSON lines instead: one object per epoch ({"event":"epoch",...})
        and one per finished model ({"event":"summary",...}).
        With --holdout N, the last N rows are kept out of training and scored at the end
        (mean NLL for the MDN, MSE for the MSE network), e.g.
          mdnx train --dataset spiral --count 20000 --holdout 10000 --model both
        """)

    /// Built-in data sets.
    enum DatasetName: String, ExpressibleByArgument, CaseIterable {
        case spiral, bishop
    }

    /// Learning-rate schedules selectable from the command line.
    enum ScheduleName: String, ExpressibleByArgument, CaseIterable {
        case constant, cosine
    }

    /// Which models to train.
    enum ModelChoice: String, ExpressibleByArgument, CaseIterable {
        case mdn, mse, both
    }

    @Option(help: "Built-in data set: spiral | bishop.")
    var dataset: DatasetName = .spiral

    // --- CSV input (wired by the lead after merging the data helper) ---
    // @Option(help: "Train on a CSV file instead of a built-in data set.") var data: String?
    // @Option(help: "Input column (name or 1-based index).") var x: String?
    // @Option(help: "Target column(s) (name or 1-based index).") var y: String?
    // --- Checkpoint output (wired by the lead) ---
    // @Option(help: "Write the trained model to this checkpoint file.") var save: String?
    // @Flag(help: "Overwrite an existing --save file.") var force = false

    @Option(help: "Rows to generate for a built-in data set.")
    var count: Int = 10_000

    @Option(help: "Seed for the data, the initial weights and the batch order.")
    var seed: UInt64 = 42

    @Option(help: "Model: mdn | mse | both.")
    var model: ModelChoice = .mdn

    @Option(help: "Mixture components K (default: the preset's, 20).")
    var mixtures: Int?

    @Option(help: "Training recipe: tutorial | default.")
    var preset: Preset = .default

    @Option(help: "Maximum epochs (default: the preset's).")
    var epochs: Int?

    @Option(name: .customLong("batch-size"), help: "Rows per gradient step (default: the preset's).")
    var batchSize: Int?

    @Option(name: .customLong("learning-rate"), help: "Initial learning rate (default: the preset's).")
    var learningRate: Float?

    @Option(help: "Learning-rate schedule: constant | cosine (default: the preset's).")
    var schedule: ScheduleName?

    @Option(help: "Early-stopping patience in epochs (default: the preset's).")
    var patience: Int?

    @Option(name: .customLong("plateau-patience"), help: "ReduceLROnPlateau patience; 0 turns it off (default: the preset's).")
    var plateauPatience: Int?

    @Option(help: "Weight-average momentum per step, e.g. 0.99; 0 turns it off (default: the preset's).")
    var averaging: Float?

    @Option(name: .customLong("validation-split"), help: "Fraction of rows (the last ones) held out for val_loss (default: the preset's).")
    var validationSplit: Double?

    @Option(name: .customLong("restore-best"), help: "Restore the best epoch's weights at the end: true | false (default: the preset's).")
    var restoreBest: Bool?

    @Option(help: "Quantity watched by early stopping and plateau reduction: loss | val_loss (default: the preset's).")
    var monitor: Monitor?

    @Option(help: "Keep the last N rows out of training and score them at the end.")
    var holdout: Int = 0

    @Flag(help: "Print JSON lines (one object per epoch, one summary per model).")
    var json = false

    @Flag(help: "Print only the summary.")
    var quiet = false

    func validate() throws {
        if let mixtures, mixtures < 1 { throw ValidationError("--mixtures must be at least 1 (got \(mixtures))") }
        if let mixtures, mixtures > 1000 { throw ValidationError("--mixtures must be at most 1000 (got \(mixtures))") }
        if count < 2 { throw ValidationError("--count must be at least 2 (got \(count))") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate))")
        }
        if let averaging, !(averaging >= 0 && averaging < 1) { throw ValidationError("--averaging must be in [0, 1) (got \(averaging))") }
        if let validationSplit, !(validationSplit >= 0 && validationSplit < 1) {
            throw ValidationError("--validation-split must be in [0, 1) (got \(validationSplit))")
        }
        if let patience, patience < 0 { throw ValidationError("--patience must be >= 0 (got \(patience))") }
        if holdout < 0 || holdout >= count {
            throw ValidationError("--holdout must be in 0..<\(count) (got \(holdout))")
        }
        let split = validationSplit ?? preset.config(for: .mdn).validationSplit
        let trainRows = Int((Double(count - holdout) * (1 - split)).rounded(.down))
        if trainRows < 1 { throw ValidationError("too few rows to train on: \(count - holdout) minus the validation split") }
    }

    func run() throws {
        let all: Dataset
        // CSV SPOT (lead): when --data is given, load it here instead
        // (`CSVLoader.load(path:x:y:dropMissing:)`, then normalise), and skip the built-in sets.
        switch dataset {
        case .spiral: all = Datasets.spiral(count: count, seed: seed)
        case .bishop: all = Datasets.bishop(count: count, seed: seed)
        }
        let data = all.rows(0..<(all.count - holdout))
        let held = holdout > 0 ? all.rows((all.count - holdout)..<all.count) : nil
        let kinds: [ModelKind] = model == .both ? [.mse, .mdn] : [model == .mse ? .mse : .mdn]
        let start = ContinuousClock.now
        for kind in kinds {
            try train(kind: kind, data: data, held: held)
        }
        if kinds.count > 1 && !json {
            print(String(format: "total wall time: %.0f ms", TrainCommand.ms(ContinuousClock.now - start)))
        }
    }

    /// Trains one model and prints its epochs and summary.
    func train(kind: ModelKind, data: Dataset, held: Dataset?) throws {
        var config = preset.config(for: kind)
        if let epochs { config.maxEpochs = epochs }
        if let batchSize { config.batchSize = batchSize }
        if let learningRate { config.learningRate = learningRate }
        switch schedule {
        case .constant?: config.schedule = .constant
        case .cosine?: config.schedule = .cosine(finalFactor: 0.01)
        case nil: break
        }
        if let patience {
            config.earlyStopping = config.earlyStopping ?? EarlyStoppingConfig(monitor: .valLoss, patience: patience, restoreBestWeights: true)
            config.earlyStopping?.patience = patience
        }
        if let validationSplit { config.validationSplit = validationSplit }
        if let restoreBest { config.earlyStopping?.restoreBestWeights = restoreBest }
        if let averaging { config.averaging = averaging > 0 ? averaging : nil }
        if let plateauPatience {
            if plateauPatience == 0 {
                config.reduceLROnPlateau = nil
            } else {
                config.reduceLROnPlateau = config.reduceLROnPlateau ?? ReduceLROnPlateauConfig(monitor: .valLoss, patience: plateauPatience)
                config.reduceLROnPlateau?.patience = plateauPatience
            }
        }
        if let monitor {
            config.earlyStopping?.monitor = monitor
            config.reduceLROnPlateau?.monitor = monitor
        }
        let k = mixtures ?? preset.mixtures
        let t0 = ContinuousClock.now
        var rng = SeededRNG(seed: seed)
        let net = Network(kind: kind, inputDimension: data.inputDimension, hidden: preset.hidden,
                          outputDimension: data.outputDimension, mixtures: k, rng: &rng)
        let trainer = Trainer(network: net, data: data, config: config, seed: seed &+ 1)
        let tty = isatty(STDOUT_FILENO) == 1 && !json
        if !json && !quiet {
            print("\(kind.rawValue): \(trainer.trainingCount) training rows, \(trainer.validationCount) validation rows, "
                  + "\(net.parameterCount) parameters, preset \(preset.rawValue)\(kind == .mdn ? ", K=\(k)" : "")")
        }
        let stop = SignalFlag.installInterruptHandler()
        let summary = trainer.fit(shouldStop: { stop.isSet }) { r in
            if quiet { return }
            if json {
                TrainCommand.emit(TrainCommand.epochJSON(kind: kind, r))
                return
            }
            if tty { print("\r\u{1B}[K", terminator: "") }
            print(TrainCommand.epochLine(r, max: config.maxEpochs))
            if tty {
                print(TrainCommand.progressBar(r.epoch, config.maxEpochs), terminator: "")
                fflush(nil)
            }
        }
        if tty && !quiet { print("\r\u{1B}[K", terminator: "") }
        let wall = TrainCommand.ms(ContinuousClock.now - t0)
        let heldScore = held.map { Evaluation.loss(network: trainer.network, dataset: $0) }
        if json {
            var obj: [String: Any] = [
                "event": "summary", "model": kind.rawValue, "preset": preset.rawValue, "epochs": summary.epochs,
                "stop_reason": summary.stopReason.rawValue, "wall_ms": wall, "seed": seed,
                "parameters": trainer.network.parameterCount,
            ]
            if kind == .mdn { obj["mixtures"] = k }
            if let e = summary.restoredEpoch { obj["restored_epoch"] = e }
            if let last = summary.last {
                obj["final_loss"] = last.loss
                if let v = last.valLoss { obj["final_val_loss"] = v }
            }
            if let heldScore { obj[kind == .mdn ? "holdout_nll" : "holdout_mse"] = heldScore; obj["holdout_rows"] = holdout }
            TrainCommand.emit(obj)
        } else {
            var line = "\(kind.rawValue) done: \(summary.epochs) epochs (\(summary.stopReason.rawValue.replacingOccurrences(of: "_", with: " ")))"
            if let e = summary.restoredEpoch { line += ", best weights from epoch \(e)" }
            line += String(format: ", %.0f ms", wall)
            if let heldScore {
                line += String(format: ", held-out %@ on %d rows: %.4f", kind == .mdn ? "NLL" : "MSE", holdout, heldScore)
            }
            print(line)
        }
        // CHECKPOINT SPOT (lead): with --save, write `trainer.network.namedTensors()` plus
        // kind, preset.hidden, k, D, epochs, seed and the normaliser as a Checkpoint here
        // (AtomicFile, no-clobber unless --force). With --model both, save the mdn.
        if summary.stopReason == .cancelled { throw ExitCode(130) }
    }

    /// Keras-like: "Epoch 12/300 - 16 ms - loss: 0.1234 - val_loss: 0.2345 - learning_rate: 1.0000e-03".
    static func epochLine(_ r: EpochReport, max: Int) -> String {
        var s = "Epoch \(r.epoch)/\(max) - " + String(format: "%.0f ms - loss: %.4f", r.milliseconds, r.loss)
        if let v = r.valLoss { s += String(format: " - val_loss: %.4f", v) }
        s += String(format: " - learning_rate: %.4e", Double(r.learningRate))
        return s
    }

    static func progressBar(_ epoch: Int, _ total: Int) -> String {
        let width = 30
        let filled = min(width, epoch * width / max(total, 1))
        return "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] \(epoch)/\(total)"
    }

    static func epochJSON(kind: ModelKind, _ r: EpochReport) -> [String: Any] {
        var o: [String: Any] = ["event": "epoch", "model": kind.rawValue, "epoch": r.epoch, "loss": r.loss,
                                "learning_rate": Double("\(r.learningRate)") ?? Double(r.learningRate), "ms": r.milliseconds]
        if let v = r.valLoss { o["val_loss"] = v }
        return o
    }

    static func emit(_ obj: [String: Any]) {
        if let d = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
            print(String(decoding: d, as: UTF8.self))
        }
    }

    static func ms(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) * 1000 + Double(atto) / 1e15
    }
}

extension Preset: ExpressibleByArgument {}
extension Monitor: ExpressibleByArgument {}
