import ArgumentParser
import Dispatch
import Foundation
import MDNCore
import Signals
import Synchronization

/// `mdnx train --model both` on two cores: the MSE network trains on this thread and the MDN
/// (with its `--mixtures auto` search) on a second one; the MDN's lines are held until the
/// MSE network's are done, so the output reads as it does one model after the other.
extension TrainCommand {
    /// Whether both models train at once: two models and at least two threads. They share
    /// the threads (`CoreShare`): one each while both train, all of them for the one left.
    var trainsConcurrently: Bool { kinds.count > 1 && threadCount >= 2 }

    /// Chooses K first with `--mixtures auto` (mdn), then trains `kind` (see `train`),
    /// counted as training in `share` until it is done.
    func searchAndTrain(
        _ kind: ModelKind, data: Dataset, held: Dataset?, source: LoadedSource, stop: SignalFlag,
        recorder: HistoryRecorder?, share: CoreShare
    ) throws {
        share.begin()
        defer { share.end() }
        let search =
            kind == .mdn && mixtures == .auto ? try chooseMixtures(data: data, stop: stop, share: share) : nil
        try train(
            kind, data: data, held: held, source: source, stop: stop, search: search, recorder: recorder, share: share)
    }

    /// Trains the MSE network here and the MDN on another thread; throws the MSE network's
    /// error first, then the MDN's. With `--history` the MDN records into a recorder of its
    /// own, whose timeline joins `recorder`'s when both are done.
    func trainConcurrently(
        data: Dataset, held: Dataset?, source: LoadedSource, stop: SignalFlag, recorder: HistoryRecorder?,
        share: CoreShare
    ) throws {
        let output = HeldOutput()
        let failure = Mutex<(any Error)?>(nil)
        let mdnTimeline = Mutex<ModelTimeline?>(nil)
        let done = DispatchSemaphore(value: 0)
        let command = self
        let historyPath = recorder?.path
        let thread = Thread {
            Thread.current.name = "mdnx train mdn"
            Console.$held.withValue(output) {
                let own = historyPath.map(HistoryRecorder.init)
                do {
                    try command.searchAndTrain(
                        .mdn, data: data, held: held, source: source, stop: stop, recorder: own, share: share)
                } catch {
                    failure.withLock { $0 = error }
                }
                let timeline = own?.history.mdn
                mdnTimeline.withLock { $0 = timeline }
            }
            done.signal()
        }
        thread.start()
        var first: (any Error)? = nil
        do {
            try searchAndTrain(
                .mse, data: data, held: held, source: source, stop: stop, recorder: recorder, share: share)
        } catch {
            first = error
        }
        output.release()
        done.wait()
        if let first { throw first }
        if let error = failure.withLock({ $0 }) { throw error }
        if let timeline = mdnTimeline.withLock({ $0 }) { recorder?.adopt(timeline) }
    }

    /// Standard output for `train`'s lines (a member, so that it, not `Swift.print`, serves
    /// the command's own `print` calls): held while the model trains on the second thread.
    func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
        Console.out(items.map { "\($0)" }.joined(separator: separator), terminator: terminator)
    }
}
