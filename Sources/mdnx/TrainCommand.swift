import ArgumentParser
import Foundation
import MDNCore
import MDNIO
import Signals

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

        /// The schedule: cosine decays to 1% of the initial rate.
        var schedule: LearningRateSchedule {
            switch self {
            case .constant: .constant
            case .cosine: .cosine(finalFactor: 0.01)
            }
        }
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

    @Option(
        help:
            "Write the trained model to this checkpoint (safetensors) file; with --model both, two files: NAME-mse.EXT and NAME-mdn.EXT (e.g. spiral.safetensors -> spiral-mse.safetensors, spiral-mdn.safetensors)."
    )
    var save: String?

    @Option(help: "Record every epoch (losses, learning rate, weights) to this file, for mdnx plot --animate.")
    var history: String?

    @Flag(help: "Overwrite an existing --save or --history file.")
    var force = false

    @Option(
        parsing: .unconditional, help: "Seed for the data, the initial weights and the batch order. (default: 42)",
        transform: OptionValue.seed())
    var seed: UInt64 = 42

    @Option(help: "Model: mdn | mse | both.")
    var model: ModelChoice = .mdn

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Mixture components K, or auto to choose K by validation NLL (default: the preset's: 20; 5 under 2,000 rows with the default preset).",
            valueName: "k|auto"),
        transform: MixturesOption.parse)
    var mixtures: MixturesOption?

    @Option(help: "Training recipe: tutorial | default.")
    var preset: Preset = .default

    @Option(
        parsing: .unconditional, help: "Maximum epochs (default: the preset's).",
        transform: OptionValue.integer("--epochs", 1...1_000_000))
    var epochs: Int?

    @Option(
        name: .customLong("batch-size"), parsing: .unconditional,
        help: "Rows per gradient step (default: the preset's).",
        transform: OptionValue.integer("--batch-size", 1...Datasets.maximumCount))
    var batchSize: Int?

    @Option(
        name: .customLong("learning-rate"), parsing: .unconditional,
        help: "Initial learning rate (default: the preset's).",
        transform: OptionValue.float("--learning-rate", .positive))
    var learningRate: Float?

    @Option(help: "Learning-rate schedule: constant | cosine (default: the preset's).")
    var schedule: ScheduleName?

    @Option(
        parsing: .unconditional, help: "Early-stopping patience in epochs (default: the preset's).",
        transform: OptionValue.integer("--patience", 0...1_000_000))
    var patience: Int?

    @Option(
        name: .customLong("plateau-patience"), parsing: .unconditional,
        help: "ReduceLROnPlateau patience; 0 turns it off (default: the preset's).",
        transform: OptionValue.integer("--plateau-patience", 0...1_000_000))
    var plateauPatience: Int?

    @Option(
        parsing: .unconditional,
        help: "Weight-average momentum per step, e.g. 0.99; 0 turns it off (default: the preset's).",
        transform: OptionValue.float("--averaging", .fraction))
    var averaging: Float?

    @Option(
        name: .customLong("validation-split"), parsing: .unconditional,
        help: "Fraction of rows held out for val_loss (default: the preset's).",
        transform: OptionValue.double("--validation-split", .fraction))
    var validationSplit: Double?

    @Option(
        name: .customLong("validation-rows"),
        help: "Which rows validate: last (Keras's rule) | random (seeded) (default: the preset's).")
    var validationRows: ValidationRows?

    @Option(
        name: .customLong("steps-per-epoch"), parsing: .unconditional,
        help: "Gradient steps per epoch; 0 means one pass over the training rows (default: the preset's).",
        transform: OptionValue.integer("--steps-per-epoch", 0...100_000_000))
    var stepsPerEpoch: Int?

    @Option(
        name: .customLong("restore-best"),
        help: "Restore the best epoch's weights at the end: true | false (default: the preset's).")
    var restoreBest: Bool?

    @Option(help: "Quantity watched by early stopping and plateau reduction: loss | val_loss (default: the preset's).")
    var monitor: Monitor?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Threads that share each training step (default: all cores).",
            discussion: """
                The model is the same, bit for bit, for every thread count. With two idle \
                cores an MDN epoch took 0.75x the time on 2 threads \
                (`mdnx bench --only mdn_epoch_2t`); a trainer times its steps both ways now \
                and then and keeps the faster, and a thread that cannot run leaves its part \
                to the others. With --model both the models share the \
                threads: one each while both train, all of them for the one left.
                """),
        transform: OptionValue.integer("--threads", 1...64))
    var threads: Int?

    /// `--threads`, or every core this process may use (at most 64).
    var threadCount: Int { threads ?? min(64, ProcessInfo.processInfo.activeProcessorCount) }

    @Option(
        parsing: .unconditional, help: "Keep the last N rows out of training and score them at the end. (default: 0)",
        transform: OptionValue.integer("--holdout", 0...Datasets.maximumCount))
    var holdout: Int = 0

    @Flag(help: "Print JSON lines (one object per epoch, one summary per model).")
    var json = false

    @Flag(help: "Print only the summary.")
    var quiet = false

    func validate() throws {
        if mixtures == .auto && model == .mse {
            throw ValidationError("--mixtures auto needs an mdn (--model mdn or both)")
        }
        try source.check(minimumCount: 2, columns: .several, command: "train")
        if source.data == nil {
            let n = source.rowCount
            if holdout >= n { throw ValidationError("--holdout must be in 0..<\(n) (got \(holdout))") }
            do {
                try checkRows(n - holdout, path: nil)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    /// The models to train, in order.
    var kinds: [ModelKind] { model == .both ? [.mse, .mdn] : [model == .mse ? .mse : .mdn] }

    /// How the trainers are made: the preset, K, seed and scaling with the command-line
    /// overrides (the explorer makes its trainers with the same recipe). With `--mixtures auto`
    /// K is the preset's here; the search's screening runs and the final run set their own.
    var recipe: TrainerRecipe {
        var r = TrainerRecipe(
            preset: preset, mixtures: mixtures?.fixed, seed: seed, normalization: normalization, overrides: overrides)
        r.threads = threadCount
        return r
    }

    /// The training flags that change the preset's configuration.
    var overrides: TrainingOverrides {
        TrainingOverrides(
            maxEpochs: epochs, batchSize: batchSize, learningRate: learningRate, schedule: schedule?.schedule,
            patience: patience, plateauPatience: plateauPatience, averaging: averaging,
            validationSplit: validationSplit, validationRows: validationRows, stepsPerEpoch: stepsPerEpoch,
            restoreBestWeights: restoreBest, monitor: monitor)
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

    func run() throws {
        // Fail before any work if a checkpoint could not be written at the end.
        for kind in kinds { if let path = savePath(kind) { try OutputCheck.ensureWritable(path, force: force) } }
        if let history { try OutputCheck.ensureWritable(history, force: force) }
        let loaded = try source.load(seed: seed)
        if history != nil, loaded.dataset.inputDimension != 1 || loaded.dataset.outputDimension != 1 {
            throw CommandError.historyNeedsOneXOneY(
                inputs: loaded.dataset.inputDimension, outputs: loaded.dataset.outputDimension)
        }
        let recorder = history.map(HistoryRecorder.init)
        if let report = loaded.report, !json {
            printToStandardError(ReadFigures.line(report, path: loaded.description))
        }
        let (trainable, held) = try split(loaded.dataset)
        let start = ContinuousClock.now
        let stop = SignalFlag(catching: [SIGINT])
        let share = CoreShare(cores: threadCount)
        if trainsConcurrently {
            try trainConcurrently(
                data: trainable, held: held, source: loaded, stop: stop, recorder: recorder, share: share)
        } else {
            for kind in kinds {
                try searchAndTrain(
                    kind, data: trainable, held: held, source: loaded, stop: stop, recorder: recorder, share: share)
            }
        }
        if let recorder {
            try recorder.save(
                data: trainable,
                dataName: source.data.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
                    ?? (source.dataset ?? .spiral).rawValue,
                equalAspect: source.builtin?.sharesUnits ?? false, seed: seed, preset: preset, overwrite: force)
            if !json { printToStandardError("saved the training history to \(recorder.path)") }
        }
        if kinds.count > 1 && !json {
            print(String(format: "total wall time: %.0f ms", (ContinuousClock.now - start) / .milliseconds(1)))
        }
    }

    /// The rows to train on and the --holdout rows (nil without --holdout), once a CSV file's
    /// rows are known to be enough (a built-in set's were checked by `validate()`).
    func split(_ all: Dataset) throws(CommandError) -> (train: Dataset, held: Dataset?) {
        if let path = source.data {
            if holdout >= all.count { throw .holdoutLeavesNoRows(holdout: holdout, path: path, rows: all.count) }
            try checkRows(all.count - holdout, path: path)
        }
        let trainable = all.rows(0..<(all.count - holdout))
        return (trainable, holdout > 0 ? all.rows((all.count - holdout)..<all.count) : nil)
    }

    /// Checks that `rows` rows (of the CSV file at `path`, or of the built-in set) leave at
    /// least one training row under every model's validation split.
    func checkRows(_ rows: Int, path: String?) throws(CommandError) {
        for kind in kinds {
            let split = recipe.config(for: kind, rows: rows).validationSplit
            if Trainer.trainingRowCount(count: rows, validationSplit: split) < 1 {
                throw .tooFewTrainingRows(rows: rows, path: path, afterHoldout: holdout > 0, validationSplit: split)
            }
        }
    }

    /// Trains one model, prints its epochs and summary, and saves it with --save; `stop` (set
    /// by SIGINT) cancels training; `search` is the `--mixtures auto` choice, whose K the mdn
    /// trains with; `recorder` (--history) records every epoch.
    func train(
        _ kind: ModelKind, data: Dataset, held: Dataset?, source: LoadedSource, stop: SignalFlag,
        search: MixtureSearch.Choice? = nil, recorder: HistoryRecorder? = nil, share: CoreShare
    ) throws {
        let start = ContinuousClock.now
        var recipe = recipe
        if let search { recipe.mixtures = search.chosen }
        let prepared = recipe.trainer(kind, data: data)
        prepared.trainer.coreShare = share
        announce(prepared, data: data, automaticK: search != nil)
        recorder?.begin(prepared)
        let summary = fit(prepared, stop: stop) { recorder?.record(prepared, $0) }
        recorder?.finish(kind, summary)
        if summary.stopReason == .nonFinite { try diverged(kind, last: summary.last) }
        let model = TrainedModel(
            prepared: prepared, summary: summary, wallMilliseconds: (ContinuousClock.now - start) / .milliseconds(1),
            search: search)
        let checkpoint = try checkpoint(model, data: data, source: source)
        // Held-out scores in the data's own units (the same numbers `mdnx eval` reports).
        let heldScore = try held.map { try heldOutScore(checkpoint, rows: $0) }
        if json {
            try? JSONOutput.printLine(summaryRecord(model, heldScore: heldScore, source: source))
        } else {
            print(summaryLine(model, heldScore: heldScore))
        }
        if summary.stopReason == .cancelled { throw ExitCode(130) }
        if let path = savePath(kind) {
            try checkpoint.save(to: path, overwrite: force)
            if !json { printToStandardError("saved the \(kind.rawValue) model to \(path)") }
        }
    }

    /// Ends the run after a non-finite loss: a JSON error record with --json, then the
    /// one-line error (exit 1); nothing is saved.
    func diverged(_ kind: ModelKind, last: EpochReport?) throws -> Never {
        let error = CommandError.trainingDiverged(
            model: kind.rawValue, epoch: last?.epoch ?? 0, loss: last?.loss ?? .nan, valLoss: last?.valLoss)
        if json {
            try JSONOutput.printLine(
                TrainErrorRecord(
                    model: kind.rawValue, epoch: last?.epoch ?? 0, reason: "non_finite", message: error.description))
        }
        throw error
    }

    /// Prints what is about to train (rows, parameters, batches, scaling, K and whether
    /// `--mixtures auto` chose it), and a note on standard error when no rows are left for
    /// validation or the last rows of data sorted by x validate.
    func announce(_ prepared: PreparedTrainer, data: Dataset, automaticK: Bool = false) {
        let rows = data.count
        let (kind, trainer) = (prepared.kind, prepared.trainer)
        if !json && !quiet {
            let k = trainer.network.layout.map { ", K=\($0.components)\(automaticK ? " (chosen automatically)" : "")" }
            print(
                "\(kind.rawValue): \(trainer.trainingCount) training rows, \(trainer.validationCount) validation rows "
                    + "(\(trainer.config.validationRows.rawValue)), \(trainer.network.parameterCount) parameters, "
                    + "preset \(preset.rawValue)" + (k ?? ""))
            let (steps, epochs) = (trainer.stepsPerEpoch, trainer.config.maxEpochs)
            print(
                "  batch \(min(trainer.config.batchSize, trainer.trainingCount)), \(steps) steps per epoch, "
                    + "at most \(epochs) epochs (\(steps * epochs) steps)")
            if normalization.zscore {
                let offset = String(format: " (NLL in the data's units = loss %+.4f)", prepared.normalizer.logJacobian)
                print(
                    "  data z-scored with the training rows' mean and std; epoch losses are in those units"
                        + (kind == .mdn ? offset : ""))
            }
        }
        if let note = TrainCommand.sortedNote(data: data, trainer: trainer), !json {
            printToStandardError(note)
        }
        if trainer.validationCount == 0 && !json {
            printToStandardError(
                "note: no validation rows (validation split \(trainer.config.validationSplit) of \(rows) rows): "
                    + "val_loss is not measured and early stopping watches the training loss")
        }
    }

    /// Runs the trainer to the end (or until `stop` is set), printing each epoch: a line and a
    /// progress bar on a terminal, a JSON line with --json, nothing with --quiet; `record`
    /// sees every epoch first.
    func fit(
        _ prepared: PreparedTrainer, stop: SignalFlag, record: (EpochReport) -> Void = { _ in }
    ) -> TrainingSummary {
        let kind = prepared.kind
        let maxEpochs = prepared.trainer.config.maxEpochs
        let tty = isatty(STDOUT_FILENO) == 1 && !json
        let start = ContinuousClock.now
        let summary = prepared.trainer.fit(
            shouldStop: { stop.isSet },
            onEpoch: { report in
                record(report)
                if quiet { return }
                if json {
                    try? JSONOutput.printLine(TrainEpochRecord(kind: kind, report))
                    return
                }
                let progress = TrainProgress(
                    epoch: report.epoch, maxEpochs: maxEpochs, elapsed: (ContinuousClock.now - start) / .seconds(1))
                if tty { print("\r\u{1B}[K", terminator: "") }
                print(TrainCommand.epochLine(report, max: maxEpochs, eta: progress.eta))
                if tty {
                    print(progress.bar, terminator: "")
                    fflush(nil)
                }
            })
        if tty && !quiet { print("\r\u{1B}[K", terminator: "") }
        return summary
    }

    /// The checkpoint of a trained model: its weights, normaliser, column names, where the
    /// data came from, the `--mixtures auto` choice, and an mse model's validation RMSE (its
    /// predictive sigma for `mdnx eval`). `data` are the rows it trained on, in the data's units.
    func checkpoint(_ model: TrainedModel, data: Dataset, source: LoadedSource) throws(CheckpointError) -> Checkpoint {
        let trainer = model.prepared.trainer
        var extra = source.metadata
        extra["training_rows"] = String(trainer.trainingCount)
        extra["validation_rows"] = String(trainer.validationCount)
        if let e = model.summary.restoredEpoch { extra["restored_epoch"] = String(e) }
        if let search = model.search { extra.merge(TrainCommand.metadata(search)) { $1 } }
        let checkpoint = Checkpoint(
            network: trainer.network, preset: preset.rawValue, epochs: model.summary.epochs, seed: seed,
            normalizer: model.prepared.normalizer, xNames: data.xNames, yNames: data.yNames, extra: extra)
        guard model.prepared.kind == .mse, trainer.validationCount > 0 else { return checkpoint }
        // The trainer's validation rows (the last ones or a random choice: `RowSplit`), here in
        // the data's units.
        return try checkpoint.addingValidationRMSE(on: data.rows(at: trainer.split.validation))
    }

    /// The --holdout score of `checkpoint` in the data's units: mean NLL (mdn) or MSE (mse).
    func heldOutScore(_ checkpoint: Checkpoint, rows: Dataset) throws -> Double {
        let score = try Predictor(checkpoint: checkpoint, path: save ?? "(trained model)").score(rows)
        return checkpoint.kind == .mdn ? (score.nll ?? .nan) : score.mse
    }

    /// The text summary: "mdn done: 12 epochs (max epochs), best weights from epoch 11, 840 ms".
    func summaryLine(_ model: TrainedModel, heldScore: Double?) -> String {
        let summary = model.summary
        let kind = model.prepared.kind
        var line =
            "\(kind.rawValue) done: \(summary.epochs) epochs "
            + "(\(summary.stopReason.rawValue.replacingOccurrences(of: "_", with: " ")))"
        if let e = summary.restoredEpoch { line += ", best weights from epoch \(e)" }
        line += String(format: ", %.0f ms", model.wallMilliseconds)
        if let heldScore {
            line += String(format: ", held-out %@ on %d rows: %.4f", kind == .mdn ? "NLL" : "MSE", holdout, heldScore)
        }
        return line
    }

    /// The --json summary record.
    func summaryRecord(_ model: TrainedModel, heldScore: Double?, source: LoadedSource) -> TrainSummaryRecord {
        let (kind, trainer, summary) = (model.prepared.kind, model.prepared.trainer, model.summary)
        let zscores = normalization.zscore
        var record = TrainSummaryRecord(
            model: kind.rawValue, preset: preset.rawValue, epochs: summary.epochs,
            stopReason: summary.stopReason.rawValue, wallMs: model.wallMilliseconds, seed: seed,
            parameters: trainer.network.parameterCount, normalized: zscores, trainingRows: trainer.trainingCount,
            validationRows: trainer.validationCount)
        if zscores && kind == .mdn { record.nllOffset = model.prepared.normalizer.logJacobian }
        if let report = source.report {
            record.csvRows = report.rowsRead
            record.csvRowsDropped = report.rowsDropped
            record.csvRowsPerSecond = JSONNumber(report.rowsPerSecond)
        }
        if kind == .mdn {
            record.mixtures = trainer.network.layout?.components
            record.mixturesAuto = model.search != nil
        }
        record.restoredEpoch = summary.restoredEpoch
        record.finalLoss = summary.last?.loss
        record.finalValLoss = summary.last?.valLoss
        if let heldScore {
            if kind == .mdn {
                record.holdoutNLL = JSONNumber(heldScore)
            } else {
                record.holdoutMSE = JSONNumber(heldScore)
            }
            record.holdoutRows = holdout
        }
        record.saved = savePath(kind)
        return record
    }

    /// Where --save writes `kind`'s checkpoint: the path itself for one model; with --model
    /// both, the path with "-mse" or "-mdn" before its extension.
    func savePath(_ kind: ModelKind) -> String? {
        guard let save else { return nil }
        return model == .both ? Self.path(save, suffix: "-" + kind.rawValue) : save
    }

    /// `path` with `suffix` before the file name's extension ("a/m.safetensors", "-mse" ->
    /// "a/m-mse.safetensors"; no extension: at the end).
    static func path(_ path: String, suffix: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + suffix }
        return String(path[..<dot]) + suffix + String(path[dot...])
    }

    /// Keras-like: "Epoch 12/300 - 16 ms - loss: 0.1234 - val_loss: 0.2345 - learning_rate: 1.0000e-03",
    /// then " - eta 0:05" when `eta` is not empty.
    static func epochLine(_ r: EpochReport, max: Int, eta: String = "") -> String {
        var s = "Epoch \(r.epoch)/\(max) - " + String(format: "%.0f ms - loss: %.4f", r.milliseconds, r.loss)
        if let v = r.valLoss { s += String(format: " - val_loss: %.4f", v) }
        s += String(format: " - learning_rate: %.4e", Double(r.learningRate))
        if !eta.isEmpty { s += " - " + eta }
        return s
    }

    /// A one-line note when the validation rows are the last ones of data sorted by x: they
    /// then sit at one end of the x range (nil otherwise).
    static func sortedNote(data: Dataset, trainer: Trainer) -> String? {
        guard trainer.config.validationRows == .last, trainer.validationCount > 0, RowSplit.isSortedByX(data)
        else { return nil }
        let from = data.x[trainer.trainingCount * data.inputDimension]
        return "note: the rows are sorted by x and this preset validates on the last \(trainer.validationCount) "
            + "(Keras's rule), so val_loss watches an extrapolation from x = \(from) on; "
            + "the default preset draws validation rows at random"
    }
}

/// One model `mdnx train` trained: what the recipe made, how training ended and how long
/// it took, for the summary and the checkpoint.
struct TrainedModel {
    /// The trainer (finished) and its normaliser.
    let prepared: PreparedTrainer
    /// How training ended.
    let summary: TrainingSummary
    /// Wall time from making the trainer to the end of training, milliseconds.
    let wallMilliseconds: Double
    /// The `--mixtures auto` choice the mdn's K came from (nil for a fixed K and for an mse model).
    var search: MixtureSearch.Choice? = nil
}

extension Preset: ExpressibleByArgument {}
extension ValidationRows: ExpressibleByArgument {}
extension Monitor: ExpressibleByArgument {}
