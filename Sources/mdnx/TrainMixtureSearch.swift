import ArgumentParser
import Foundation
import MDNCore

/// `mdnx train --mixtures auto`: screens the ladder's Ks with `MixtureSearch`, reports the
/// ladder, and hands the choice to the full run.
extension TrainCommand {
    /// Screens every K of the default ladder on `data` (the rows the mdn will train on, in
    /// the data's units) and returns the choice; prints the ladder (text or JSON lines).
    /// Throws `ExitCode(130)` when `stop` (SIGINT) fires.
    func chooseMixtures(data: Dataset, stop: SignalFlag) throws -> MixtureSearch.Choice {
        let search = MixtureSearch()
        let full = config(for: .mdn, rows: data.count)
        let screening = search.screeningConfig(full)
        let normalizer = normalization.normalizer(for: data, validationSplit: full.validationSplit)
        let trainingData = zscores ? normalizer.normalize(data) : data
        let offset = zscores ? normalizer.logJacobian : 0
        // The same recipe as `train(kind:...)`: weights from `seed`, batch order from seed + 1.
        func trainer(_ k: Int) -> Trainer {
            var rng = SeededRNG(seed: seed)
            let net = Network(
                kind: .mdn, inputDimension: data.inputDimension, hidden: preset.hidden,
                outputDimension: data.outputDimension, mixtures: k, rng: &rng)
            return Trainer(network: net, data: trainingData, config: screening, seed: seed &+ 1)
        }
        let validationRows =
            data.count - Trainer.trainingRowCount(count: data.count, validationSplit: full.validationSplit)
        guard validationRows > 0 else {
            throw ModelIO.Failure(
                "--mixtures auto chooses K by validation NLL, but the validation split (\(full.validationSplit)) "
                    + "leaves no validation rows; give --validation-split a positive fraction")
        }
        let tty = isatty(STDOUT_FILENO) == 1 && !json
        if !json && !quiet {
            print(
                "mixtures auto: screening K = \(search.ladder.map(String.init).joined(separator: ", ")) for "
                    + "\(screening.maxEpochs) epochs each (\(Self.fraction(search.screeningFraction)) of the "
                    + "\(full.maxEpochs)-epoch budget), scored on \(validationRows) validation rows")
        }
        let start = ContinuousClock.now
        let choice = search.run(
            shouldStop: { stop.isSet },
            progress: { event in
                switch event {
                case .started(let k, let index, let count):
                    if tty && !quiet {
                        print("\r\u{1B}[K  screening K=\(k) (\(index + 1)/\(count))", terminator: "")
                        fflush(nil)
                    }
                case .finished(let s, _, _):
                    if tty && !quiet { print("\r\u{1B}[K", terminator: "") }
                    if json { try? JSONOutput.printLine(ScreeningRecord(s)) }
                }
            },
            screen: { k in MixtureSearch.screen(trainer(k), nllOffset: offset, shouldStop: { stop.isSet }) })
        let seconds = TrainCommand.ms(ContinuousClock.now - start) / 1000
        if stop.isSet { throw ExitCode(130) }
        guard let choice else {
            throw ModelIO.Failure("--mixtures auto: no K of the ladder trained to a finite validation NLL")
        }
        if json {
            try JSONOutput.printLine(SearchRecord(choice, seconds: seconds, fraction: search.screeningFraction))
        } else {
            if !quiet { for line in Self.ladderLines(choice) { print(line) } }
            print(Self.choiceLine(choice, seconds: seconds))
        }
        return choice
    }

    /// The ladder as a table: K, validation NLL, difference from the best with its standard
    /// error, screening epochs and seconds.
    static func ladderLines(_ choice: MixtureSearch.Choice) -> [String] {
        let best = choice.rungs.first { $0.mixtures == choice.best }!.validationNLL
        var lines = ["     K   val NLL   vs best (SE)         epochs  seconds"]
        for r in choice.rungs {
            let delta =
                r.mixtures == choice.best
                ? "best" : String(format: "%+.4f (%.4f)", r.validationNLL - best, r.standardError)
            let mark = r.mixtures == choice.chosen ? " <- chosen" : ""
            let padded = delta.padding(toLength: max(19, delta.count), withPad: " ", startingAt: 0)
            lines.append(
                String(format: "  %4d  %8.4f   ", r.mixtures, r.validationNLL) + padded
                    + String(format: "  %6d  %7.2f", r.epochs, r.seconds) + mark)
        }
        return lines
    }

    /// "K=8 chosen: the smallest K within one standard error of the best (K=12); screening 20.3 s".
    static func choiceLine(_ choice: MixtureSearch.Choice, seconds: Double) -> String {
        let why =
            choice.chosen == choice.best
            ? "the lowest validation NLL, and no smaller K within one standard error of it"
            : "the smallest K within one standard error of the best (K=\(choice.best))"
        return "K=\(choice.chosen) chosen: \(why); screening took " + String(format: "%.1f s", seconds)
    }

    /// Checkpoint metadata recording an automatic choice: `mixtures_auto` ("true"),
    /// `mixtures_best`, and `mixtures_ladder` (JSON list of the rungs).
    static func metadata(_ choice: MixtureSearch.Choice) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let ladder = (try? encoder.encode(choice.rungs.map(RungRecord.init))).map {
            String(decoding: $0, as: UTF8.self)
        }
        return ["mixtures_auto": "true", "mixtures_best": String(choice.best), "mixtures_ladder": ladder ?? "[]"]
    }

    /// 0.125 as "1/8"; other fractions as decimals.
    static func fraction(_ f: Double) -> String {
        let inverse = (1 / f).rounded()
        return abs(1 / inverse - f) < 1e-12 ? "1/\(Int(inverse))" : String(format: "%.3g", f)
    }
}

/// One rung of the ladder in JSON (`--json` and checkpoint metadata).
struct RungRecord: Encodable {
    /// The K.
    var mixtures: Int
    /// Mean validation NLL of the screening run, nats (nil if it diverged).
    var valNLL: Double?
    /// Standard error of its difference from the best K's (nil if not finite).
    var standardError: Double?
    /// Epochs of the screening run.
    var epochs: Int
    /// Its wall time, seconds.
    var seconds: Double

    /// The JSON keys (snake_case).
    enum CodingKeys: String, CodingKey {
        case mixtures, epochs, seconds
        case valNLL = "val_nll"
        case standardError = "standard_error"
    }

    /// The record of rung `r` (non-finite numbers left out).
    init(_ r: MixtureSearch.Rung) {
        mixtures = r.mixtures
        valNLL = r.validationNLL.isFinite ? r.validationNLL : nil
        standardError = r.standardError.isFinite ? r.standardError : nil
        epochs = r.epochs
        seconds = r.seconds
    }
}

/// `{"event":"mixtures_screened",...}`: one screening run finished (progress).
struct ScreeningRecord: Encodable {
    /// The event name.
    var event = "mixtures_screened"
    /// The K.
    var mixtures: Int
    /// Mean validation NLL, nats (nil if it diverged).
    var valNLL: Double?
    /// Epochs trained.
    var epochs: Int
    /// Wall time, seconds.
    var seconds: Double

    /// The JSON keys (snake_case).
    enum CodingKeys: String, CodingKey {
        case event, mixtures, epochs, seconds
        case valNLL = "val_nll"
    }

    /// The record of screening `s`.
    init(_ s: MixtureSearch.Screening) {
        mixtures = s.mixtures
        valNLL = s.meanNLL.isFinite ? s.meanNLL : nil
        epochs = s.epochs
        seconds = s.seconds
    }
}

/// `{"event":"mixtures",...}`: the choice and the whole ladder.
struct SearchRecord: Encodable {
    /// The event name.
    var event = "mixtures"
    /// The K trained in full.
    var chosen: Int
    /// The K with the lowest validation NLL.
    var best: Int
    /// How `chosen` follows from the ladder.
    var rule = "smallest K within one standard error of the best"
    /// Share of the full budget each screening run had.
    var screeningFraction: Double
    /// Every rung, in ladder order.
    var ladder: [RungRecord]
    /// Wall time of the whole screening, seconds.
    var seconds: Double

    /// The JSON keys (snake_case).
    enum CodingKeys: String, CodingKey {
        case event, chosen, best, rule, ladder, seconds
        case screeningFraction = "screening_fraction"
    }

    /// The record of `choice`, whose screening took `seconds` at `fraction` of the budget.
    init(_ choice: MixtureSearch.Choice, seconds: Double, fraction: Double) {
        chosen = choice.chosen
        best = choice.best
        screeningFraction = fraction
        ladder = choice.rungs.map(RungRecord.init)
        self.seconds = seconds
    }
}
