import ArgumentParser
import Foundation
import MDNCore
import Signals

/// `mdnx train --mixtures auto`: screens the ladder's Ks with `MixtureSearch`, reports the
/// ladder, and hands the choice to the full run.
extension TrainCommand {
    /// Screens every K of the default ladder on `data` (the rows the mdn will train on, in
    /// the data's units) and returns the choice; prints the ladder (text or JSON lines).
    /// Throws `ExitCode(130)` when `stop` (SIGINT) fires. The screening runs share `share`'s cores.
    func chooseMixtures(data: Dataset, stop: SignalFlag, share: CoreShare) throws -> MixtureSearch.Choice {
        let search = MixtureSearch()
        let full = recipe.config(for: .mdn, rows: data.count)
        let screening = search.screeningConfig(full)
        let validationRows =
            data.count - Trainer.trainingRowCount(count: data.count, validationSplit: full.validationSplit)
        guard validationRows > 0 else {
            throw CommandError.mixturesAutoWithoutValidationRows(validationSplit: full.validationSplit)
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
                    if json { try? JSONOutput.printLine(TrainScreeningRecord(s)) }
                }
            },
            screen: { k in
                // The recipe with this K and a screening budget: the same seed rule as the full run.
                let prepared = search.screeningTrainer(recipe, mixtures: k, data: data)
                prepared.trainer.coreShare = share
                return MixtureSearch.screen(
                    prepared.trainer, nllOffset: prepared.normalizer.logJacobian, shouldStop: { stop.isSet })
            })
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        if stop.isSet { throw ExitCode(130) }
        guard let choice else { throw CommandError.mixturesAutoFoundNoFiniteK }
        if json {
            try JSONOutput.printLine(TrainMixturesRecord(choice, seconds: seconds, fraction: search.screeningFraction))
        } else {
            if !quiet { for line in Self.ladderLines(choice) { print(line) } }
            print(Self.choiceLine(choice, seconds: seconds))
        }
        return choice
    }

    /// The ladder as a table: K, validation NLL, difference from the best with its standard
    /// error, screening epochs and seconds.
    static func ladderLines(_ choice: MixtureSearch.Choice) -> [String] {
        let best = choice.rungs.first { $0.mixtures == choice.best }?.validationNLL ?? .nan
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
        let ladder = (try? encoder.encode(choice.rungs.map(MixturesRungRecord.init))).map {
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
