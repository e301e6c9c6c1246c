import Foundation
import MDNCore
import MDNIO

/// What `w` writes: each model as shown (the viewed epoch of its timeline) as a checkpoint in
/// the format of `mdnx train --save`, with the data it was trained on recorded so that
/// `mdnx --model FILE` and `mdnx plot --model FILE` find it again.
///
/// The weights: an opened model's checkpoint is written back exactly as read; a trained
/// model at the epoch its training ended with is written in full precision (the session
/// keeps that network); any other epoch comes from the timeline, whose weights are kept in
/// half precision (the checkpoint says so under `weights`).
enum ModelWriter {
    /// One checkpoint to write: the model, its checkpoint, the epoch and how exact it is.
    struct Item {
        /// mse or mdn.
        var kind: ModelKind
        /// The checkpoint.
        var checkpoint: Checkpoint
        /// The epoch shown.
        var epoch: Int
        /// The weights are the trained ones bit for bit (else half precision).
        var exact: Bool
    }

    /// The metadata key saying where the weights came from.
    static let weightsKey = "weights"

    /// The checkpoints of the models `state` shows.
    static func items(
        _ state: ExplorerState, options: ExplorerOptions, data: Dataset,
        finalModel: (ModelKind, Int) -> FinalModel?
    ) -> [Item] {
        var items: [Item] = []
        for kind in [ModelKind.mse, .mdn] {
            guard let t = state.history[kind], t.count > 0 else { continue }
            if let opened = options.models.first(where: { $0.kind == kind }) {
                items.append(
                    Item(kind: kind, checkpoint: opened.checkpoint, epoch: opened.checkpoint.epochs, exact: true))
                continue
            }
            let epoch = state.shownEpoch(kind)
            let finalEpoch = t.restoredEpoch ?? t.lastEpoch
            var extra = ["data": options.dataMetadata, "data_rows": String(data.count)]
            if t.isFinished, epoch == finalEpoch, let final = finalModel(kind, t.generation) {
                // As `mdnx train --save` writes it: epochs trained, the restored epoch, the
                // row counts, an mse model's validation RMSE.
                extra[weightsKey] = "trained"
                extra["training_rows"] = String(final.trainingRows)
                extra["validation_rows"] = String(final.validation.count)
                if let r = t.restoredEpoch { extra["restored_epoch"] = String(r) }
                var checkpoint = Checkpoint(
                    network: final.network, preset: options.preset.rawValue, epochs: final.epochs, seed: state.seed,
                    normalizer: t.normalizer, xNames: data.xNames, yNames: data.yNames, extra: extra)
                if kind == .mse, final.validation.count > 0,
                    let withRMSE = try? checkpoint.addingValidationRMSE(on: final.validation)
                {
                    checkpoint = withRMSE
                }
                items.append(Item(kind: kind, checkpoint: checkpoint, epoch: epoch, exact: true))
                continue
            }
            extra[weightsKey] = "half precision (the explorer's timeline, epoch \(epoch))"
            let checkpoint = Checkpoint(
                network: t.network(atEpoch: epoch).network, preset: options.preset.rawValue, epochs: epoch,
                seed: state.seed, normalizer: t.normalizer, xNames: data.xNames, yNames: data.yNames, extra: extra)
            items.append(Item(kind: kind, checkpoint: checkpoint, epoch: epoch, exact: false))
        }
        return items
    }

    /// Writes `items` into `directory` as mdnx-KIND-STAMP.safetensors (a free name: never
    /// over a file that is there; each file written atomically); returns the status line.
    static func write(_ items: [Item], directory: String, stamp: String) -> String {
        var written: [String] = []
        for item in items {
            let path = ExplorerLoop.unusedPath("\(directory)/mdnx-\(item.kind.rawValue)-\(stamp)", ext: "safetensors")
            do {
                try item.checkpoint.save(to: path, overwrite: false)
            } catch {
                return "writing the \(item.kind.rawValue) model failed: \(error)"
                    + (written.isEmpty ? "" : " (wrote \(written.joined(separator: ", ")))")
            }
            let note = item.exact ? "" : ", half precision"
            written.append("\(path) (epoch \(item.epoch)\(note))")
        }
        return "wrote " + written.joined(separator: ", ")
    }
}
