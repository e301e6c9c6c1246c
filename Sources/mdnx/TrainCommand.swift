import ArgumentParser
import Foundation
import MDNCore
import MDNIO

/// `mdnx train`: train the MSE network and/or the MDN on a data set, printing Keras-style
/// epoch lines (or JSON lines with `--json`).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the MSE network and/or the mixture density network headlessly.",
        discussion: """
            Prints one line per epoch (loss, val_loss, learning rate, time) and a summary. \
            With --json, prints JSON lines instead: one object per epoch ({"event":"epoch",...}) \
            and one per finished model ({"event":"summary",...}).

            With --holdout N, the last N rows are kept out of training and scored at the end \
            (mean NLL for the MDN, MSE for the MSE network), e.g.
              mdnx train --dataset spiral --count 20000 --holdout 10000 --model both

            Train on your own data with --data FILE.csv --x COLUMN --y COLUMN (names or 1-based \
            positions; repeat --x/--y for several columns) and keep the model with --save, e.g.
              mdnx train --data faithful.csv --x waiting --y eruptions --save m.safetensors

            CSV columns are z-scored with statistics of the training rows only (not the validation \
            rows, not the holdout); the checkpoint stores that normalisation, so `mdnx sample` and \
            `mdnx eval` answer in the file's own units. Epoch losses are in the training units; \
            held-out scores and `mdnx eval` are in the data's units.
            """)

    /// How the data are scaled before training.
    ///
    /// `auto` z-scores except for a built-in data set under `--preset tutorial`, which
    /// trains on the raw [0, 5] spiral units as the tutorial does. CSV data are always
    /// z-scored (a user's units can be anything). For the built-in sets under the default
    /// preset we measured (spiral, 20,000 rows, train on the first 10,000, score the last
    /// 10,000, held-out NLL raw -> z-scored): seed 1 -0.3706 -> -0.3717, 2 -0.3519 -> -0.3614,
    /// 3 -0.3537 -> -0.3657, 4 -0.3699 -> -0.3795, 5 -0.3709 -> -0.3795 (Bayes-optimal about
    /// -0.38 to -0.40), and MSE 0.9456 -> 0.9427, 0.9651 -> 0.9646, 0.9279 -> 0.9266; z-scored
    /// runs also stopped earlier (fewer epochs to the best val_loss). So z-scoring helps a
    /// little and never hurt: the default preset z-scores everything.
    enum NormalizationChoice: String, ExpressibleByArgument, CaseIterable {
        /// z-score, except built-in data under the tutorial preset (raw, like the tutorial).
        case auto
        /// Per-column z-scoring fitted on the training rows.
        case zscore
        /// Train on the raw values.
        case none
    }

    /// Learning-rate schedules selectable from the command line.
    enum ScheduleName: String, ExpressibleByArgument, CaseIterable {
        case constant, cosine
    }

    /// Which models to train.
    enum ModelChoice: String, ExpressibleByArgument, CaseIterable {
        case mdn, mse, both
    }

    @OptionGroup(title: "Data")
    var source: DataSourceOptions

    @Option(
        help:
            "Scaling before training: auto (z-score, except built-in data with --preset tutorial, which trains on raw units like the tutorial) | zscore | none."
    )
    var normalize: NormalizationChoice = .auto

    @Option(help: "Write the trained model to this checkpoint (safetensors) file; with --model both, the mdn.")
    var save: String?

    @Flag(help: "Overwrite an existing --save file.")
    var force = false

    @Option(help: "Seed for the data, the initial weights and the batch order.")
    var seed: UInt64 = 42

    @Option(help: "Model: mdn | mse | both.")
    var model: ModelChoice = .mdn

    @Option(
        help: ArgumentHelp(
            "Mixture components K, or auto to choose K by validation NLL (default: the preset's, 20).",
            valueName: "k|auto"))
    var mixtures: MixturesOption?

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

    @Option(
        name: .customLong("plateau-patience"),
        help: "ReduceLROnPlateau patience; 0 turns it off (default: the preset's).")
    var plateauPatience: Int?

    @Option(help: "Weight-average momentum per step, e.g. 0.99; 0 turns it off (default: the preset's).")
    var averaging: Float?

    @Option(
        name: .customLong("validation-split"),
        help: "Fraction of rows (the last ones) held out for val_loss (default: the preset's).")
    var validationSplit: Double?

    @Option(
        name: .customLong("restore-best"),
        help: "Restore the best epoch's weights at the end: true | false (default: the preset's).")
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
        if let k = mixtures?.fixed, k < 1 { throw ValidationError("--mixtures must be at least 1 (got \(k))") }
        if let k = mixtures?.fixed, k > 1000 { throw ValidationError("--mixtures must be at most 1000 (got \(k))") }
        if mixtures == .auto && model == .mse {
            throw ValidationError("--mixtures auto needs an mdn (--model mdn or both)")
        }
        try source.check(minimumCount: 2, columns: .several, command: "train")
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate))")
        }
        if let averaging, !(averaging >= 0 && averaging < 1) {
            throw ValidationError("--averaging must be in [0, 1) (got \(averaging))")
        }
        if let validationSplit, !(validationSplit >= 0 && validationSplit < 1) {
            throw ValidationError("--validation-split must be in [0, 1) (got \(validationSplit))")
        }
        if let patience, patience < 0 { throw ValidationError("--patience must be >= 0 (got \(patience))") }
        if holdout < 0 { throw ValidationError("--holdout must be >= 0 (got \(holdout))") }
        if source.data == nil {
            let n = source.rowCount
            if holdout >= n { throw ValidationError("--holdout must be in 0..<\(n) (got \(holdout))") }
            do {
                _ = try TrainCommand.checkRows(
                    n - holdout, configs: kinds.map { config(for: $0, rows: n - holdout) },
                    source: "\(n - holdout) rows")
            } catch {
                throw ValidationError(String(describing: error))
            }
        }
    }

    /// The models to train, in order.
    var kinds: [ModelKind] { model == .both ? [.mse, .mdn] : [model == .mse ? .mse : .mdn] }

    func run() throws {
        // Fail before any work if the checkpoint could not be written at the end.
        if let save { try OutputCheck.ensureWritable(save, force: force) }
        let loaded = try source.load(seed: seed)
        let all = loaded.dataset
        if let report = loaded.report, !json {
            printToStandardError(ReadFigures.line(report, path: loaded.description))
        }
        if let path = source.data {
            if holdout >= all.count {
                throw ModelIO.Failure(
                    "--holdout \(holdout) leaves no rows to train on: \(path) has \(all.count) usable rows")
            }
            _ = try TrainCommand.checkRows(
                all.count - holdout, configs: kinds.map { config(for: $0, rows: all.count - holdout) },
                source: "\(path) has \(all.count - holdout) usable rows\(holdout > 0 ? " after --holdout" : "")")
        }
        let trainable = all.rows(0..<(all.count - holdout))
        let held = holdout > 0 ? all.rows((all.count - holdout)..<all.count) : nil
        let start = ContinuousClock.now
        let stop = SignalFlag.installInterruptHandler()
        for kind in kinds {
            let search = kind == .mdn && mixtures == .auto ? try chooseMixtures(data: trainable, stop: stop) : nil
            try train(kind: kind, data: trainable, held: held, source: loaded, stop: stop, search: search)
        }
        if kinds.count > 1 && !json {
            print(String(format: "total wall time: %.0f ms", TrainCommand.ms(ContinuousClock.now - start)))
        }
    }

    /// Checks that `rows` leave at least one training row under every config's validation
    /// split; returns the smallest validation row count.
    static func checkRows(_ rows: Int, configs: [TrainingConfig], source: String) throws -> Int {
        var smallest = Int.max
        for config in configs {
            let train = Trainer.trainingRowCount(count: rows, validationSplit: config.validationSplit)
            if train < 1 {
                throw ModelIO.Failure(
                    "too few rows to train on: \(source), and the validation split "
                        + "(\(config.validationSplit)) leaves none for training")
            }
            smallest = min(smallest, rows - train)
        }
        return smallest
    }

    /// The training configuration for `kind` on `rows` rows: the preset's (whose default
    /// validation split grows for small data sets), with the command-line overrides.
    func config(for kind: ModelKind, rows: Int) -> TrainingConfig {
        var config = preset.config(for: kind, rows: rows)
        if let epochs { config.maxEpochs = epochs }
        if let batchSize { config.batchSize = batchSize }
        if let learningRate { config.learningRate = learningRate }
        switch schedule {
        case .constant?: config.schedule = .constant
        case .cosine?: config.schedule = .cosine(finalFactor: 0.01)
        case nil: break
        }
        if let patience {
            config.earlyStopping =
                config.earlyStopping
                ?? EarlyStoppingConfig(monitor: .valLoss, patience: patience, restoreBestWeights: true)
            config.earlyStopping?.patience = patience
        }
        if let validationSplit { config.validationSplit = validationSplit }
        if let restoreBest { config.earlyStopping?.restoreBestWeights = restoreBest }
        if let averaging { config.averaging = averaging > 0 ? averaging : nil }
        if let plateauPatience {
            if plateauPatience == 0 {
                config.reduceLROnPlateau = nil
            } else {
                config.reduceLROnPlateau =
                    config.reduceLROnPlateau ?? ReduceLROnPlateauConfig(monitor: .valLoss, patience: plateauPatience)
                config.reduceLROnPlateau?.patience = plateauPatience
            }
        }
        if let monitor {
            config.earlyStopping?.monitor = monitor
            config.reduceLROnPlateau?.monitor = monitor
        }
        return config
    }

    /// The scaling rule (see `NormalizationChoice` for the measurements behind `auto`, which
    /// is `NormalizationPolicy.automatic`, the rule the explorer uses too).
    var normalization: NormalizationPolicy {
        switch normalize {
        case .auto: return .automatic(preset: preset, isUserData: source.data != nil)
        case .zscore: return NormalizationPolicy(zscore: true)
        case .none: return NormalizationPolicy(zscore: false)
        }
    }

    /// Whether to z-score.
    var zscores: Bool { normalization.zscore }

    /// Trains one model, prints its epochs and summary, and saves it with --save; `stop` (set
    /// by SIGINT) cancels training; `search` is the `--mixtures auto` choice.
    func train(
        kind: ModelKind, data: Dataset, held: Dataset?, source: LoadedSource, stop: SignalFlag,
        search: MixtureSearch.Choice? = nil
    ) throws {
        let config = config(for: kind, rows: data.count)
        let k = search?.chosen ?? mixtures?.fixed ?? preset.mixtures
        let t0 = ContinuousClock.now
        // The normaliser sees the training rows only: not the validation tail, not the holdout.
        let normalizer = normalization.normalizer(for: data, validationSplit: config.validationSplit)
        var rng = SeededRNG(seed: seed)
        let net = Network(
            kind: kind, inputDimension: data.inputDimension, hidden: preset.hidden,
            outputDimension: data.outputDimension, mixtures: k, rng: &rng)
        let trainer = Trainer(
            network: net, data: zscores ? normalizer.normalize(data) : data, config: config, seed: seed &+ 1)
        let tty = isatty(STDOUT_FILENO) == 1 && !json
        if !json && !quiet {
            print(
                "\(kind.rawValue): \(trainer.trainingCount) training rows, \(trainer.validationCount) validation rows, "
                    + "\(net.parameterCount) parameters, preset \(preset.rawValue)"
                    + (kind == .mdn ? ", K=\(k)\(search != nil ? " (chosen automatically)" : "")" : ""))
            if zscores {
                print(
                    "  data z-scored with the training rows' mean and std; epoch losses are in those units"
                        + (kind == .mdn
                            ? String(format: " (NLL in the data's units = loss %+.4f)", normalizer.logJacobian) : ""))
            }
        }
        if trainer.validationCount == 0 && !json {
            printToStandardError(
                "note: no validation rows (validation split \(config.validationSplit) of \(data.count) rows): "
                    + "val_loss is not measured and early stopping watches the training loss")
        }
        let summary = trainer.fit(
            shouldStop: { stop.isSet },
            onEpoch: { r in
                if quiet { return }
                if json {
                    try? JSONOutput.printLine(TrainCommand.epochJSON(kind: kind, r))
                    return
                }
                if tty { print("\r\u{1B}[K", terminator: "") }
                print(TrainCommand.epochLine(r, max: config.maxEpochs))
                if tty {
                    print(TrainCommand.progressBar(r.epoch, config.maxEpochs), terminator: "")
                    fflush(nil)
                }
            })
        if tty && !quiet { print("\r\u{1B}[K", terminator: "") }
        let wall = TrainCommand.ms(ContinuousClock.now - t0)
        var extra = source.metadata
        extra["training_rows"] = String(trainer.trainingCount)
        extra["validation_rows"] = String(trainer.validationCount)
        if let e = summary.restoredEpoch { extra["restored_epoch"] = String(e) }
        if let search { extra.merge(TrainCommand.metadata(search)) { $1 } }
        var checkpoint = Checkpoint(
            network: trainer.network, preset: preset.rawValue, epochs: summary.epochs, seed: seed,
            normalizer: normalizer, xNames: data.xNames, yNames: data.yNames, extra: extra)
        // The mse model's predictive sigma for `mdnx eval`: its validation RMSE in the data's units.
        if kind == .mse, let v = trainer.validationData {
            checkpoint = try checkpoint.addingValidationRMSE(on: zscores ? normalizer.denormalize(v) : v)
        }
        // Held-out scores in the data's own units (the same numbers `mdnx eval` reports).
        let heldScore = try held.map { (h) -> Double in
            let score = try Predictor(checkpoint: checkpoint, path: save ?? "(trained model)").score(h)
            return kind == .mdn ? score.nll! : score.mse
        }
        if json {
            var obj: [String: Any] = [
                "event": "summary", "model": kind.rawValue, "preset": preset.rawValue, "epochs": summary.epochs,
                "stop_reason": summary.stopReason.rawValue, "wall_ms": wall, "seed": seed,
                "parameters": trainer.network.parameterCount, "normalized": zscores,
                "training_rows": trainer.trainingCount, "validation_rows": trainer.validationCount,
            ]
            if zscores && kind == .mdn { obj["nll_offset"] = normalizer.logJacobian }
            if let report = source.report {
                obj["csv_rows"] = report.rowsRead
                obj["csv_rows_dropped"] = report.rowsDropped
                obj["csv_rows_per_second"] = JSONOutput.number(report.rowsPerSecond)
            }
            if kind == .mdn {
                obj["mixtures"] = k
                obj["mixtures_auto"] = search != nil
            }
            if let e = summary.restoredEpoch { obj["restored_epoch"] = e }
            if let last = summary.last {
                obj["final_loss"] = last.loss
                if let v = last.valLoss { obj["final_val_loss"] = v }
            }
            if let heldScore {
                obj[kind == .mdn ? "holdout_nll" : "holdout_mse"] = JSONOutput.number(heldScore)
                obj["holdout_rows"] = holdout
            }
            if let save, saves(kind) { obj["saved"] = save }
            try? JSONOutput.printLine(obj)
        } else {
            var line =
                "\(kind.rawValue) done: \(summary.epochs) epochs (\(summary.stopReason.rawValue.replacingOccurrences(of: "_", with: " ")))"
            if let e = summary.restoredEpoch { line += ", best weights from epoch \(e)" }
            line += String(format: ", %.0f ms", wall)
            if let heldScore {
                line += String(
                    format: ", held-out %@ on %d rows: %.4f", kind == .mdn ? "NLL" : "MSE", holdout, heldScore)
            }
            print(line)
        }
        if summary.stopReason == .cancelled { throw ExitCode(130) }
        if let save, saves(kind) {
            try checkpoint.save(to: save, overwrite: force)
            if !json { printToStandardError("saved the \(kind.rawValue) model to \(save)") }
        }
    }

    /// Whether `kind` is the model --save writes (the mdn when both are trained).
    func saves(_ kind: ModelKind) -> Bool { model == .both ? kind == .mdn : true }

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
        return "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            + "] \(epoch)/\(total)"
    }

    static func epochJSON(kind: ModelKind, _ r: EpochReport) -> [String: Any] {
        var o: [String: Any] = [
            "event": "epoch", "model": kind.rawValue, "epoch": r.epoch, "loss": r.loss,
            "learning_rate": Double("\(r.learningRate)") ?? Double(r.learningRate), "ms": r.milliseconds,
        ]
        if let v = r.valLoss { o["val_loss"] = v }
        return o
    }

    static func ms(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) * 1000 + Double(atto) / 1e15
    }
}

extension Preset: ExpressibleByArgument {}
extension Monitor: ExpressibleByArgument {}
