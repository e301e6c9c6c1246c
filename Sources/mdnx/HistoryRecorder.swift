import MDNCore
import MDNIO

/// `mdnx train --history FILE`: records every epoch of the models `train` runs (losses,
/// learning rate, weights in half precision) and writes them, with the data, as a
/// `TrainingRecording` for `mdnx plot --animate`.
final class HistoryRecorder {
    /// Where the recording goes.
    let path: String
    /// The recording so far (no byte budget: a headless run keeps every epoch's weights).
    private(set) var history = TrainingHistory(byteBudget: Int.max / 2)

    /// A recorder writing to `path`.
    init(path: String) {
        self.path = path
    }

    /// Starts the timeline of `prepared`'s model with its initial network.
    func begin(_ prepared: PreparedTrainer) {
        let trainer = prepared.trainer
        history.begin(
            ModelTimeline(
                template: trainer.network, normalizer: prepared.normalizer,
                monitor: trainer.config.earlyStopping?.monitor ?? .valLoss))
    }

    /// Records the epoch `report` of `prepared`'s model with the weights that epoch ended with
    /// (`Trainer.endOfEpochNetwork`): the last epoch is recorded as it was trained, not as the
    /// best epoch's weights a restore puts back (those are the best epoch's own entry).
    func record(_ prepared: PreparedTrainer, _ report: EpochReport) {
        let trainer = prepared.trainer
        history.record(prepared.kind, report, weights: HalfWeights(trainer.endOfEpochNetwork ?? trainer.network))
    }

    /// Takes over `timeline` (a model recorded by another recorder, on another thread).
    func adopt(_ timeline: ModelTimeline) {
        history.begin(timeline)
    }

    /// Marks the end of `kind`'s training.
    func finish(_ kind: ModelKind, _ summary: TrainingSummary) {
        history.finish(kind, summary.stopReason, restoredEpoch: summary.restoredEpoch)
    }

    /// Writes the recording over `data` (one x and one y column) atomically.
    func save(
        data: Dataset, dataName: String, equalAspect: Bool, seed: UInt64, preset: Preset, overwrite: Bool
    ) throws(CheckpointError) {
        let recording = TrainingRecording(
            history: history, x: data.x, y: data.y, dataName: dataName, xName: data.xNames.first ?? "x",
            yName: data.yNames.first ?? "y", equalAspect: equalAspect, seed: seed, preset: preset.rawValue)
        try recording.save(to: path, overwrite: overwrite)
    }
}
