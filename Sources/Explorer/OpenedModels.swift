import MDNCore
import MDNIO
import SafeText
import Synchronization

/// A trained model the explorer opens from a checkpoint (`mdnx --model FILE`): the file's
/// checkpoint, kept exactly as read so that `w` writes the same tensors back.
public struct OpenedModel: Sendable {
    /// The file it came from (as given).
    public var path: String
    /// The checkpoint, as read.
    public var checkpoint: Checkpoint
    /// Its network, rebuilt.
    public var predictor: Predictor

    /// Reads and checks the checkpoint at `path`.
    public init(path: String) throws(CheckpointError) {
        self.path = path
        predictor = try Predictor(path: path)
        checkpoint = predictor.checkpoint
    }

    /// mse or mdn.
    public var kind: ModelKind { checkpoint.kind }

    /// The file's name for the header ("mdn.safetensors"), escaped and cut.
    public var fileName: String {
        SafeText.echo(path.split(separator: "/").last.map(String.init) ?? path, limit: SafeText.labelLimit)
    }
}

/// Why the explorer cannot open the given models; one line.
public enum OpenedModelsError: Error, CustomStringConvertible, Equatable {
    /// Two checkpoints of one kind.
    case twoOfAKind(ModelKind, first: String, second: String)
    /// A model that is not one x column to one y column.
    case unsupportedShape(path: String, inputs: Int, outputs: Int)
    /// More than two files.
    case tooMany(Int)

    public var description: String {
        switch self {
        case .twoOfAKind(let kind, let first, let second):
            return "\(SafeText.path(first)) and \(SafeText.path(second)) are both \(kind.rawValue) models; "
                + "give at most one mse and one mdn model"
        case .unsupportedShape(let path, let inputs, let outputs):
            return "\(SafeText.path(path)) maps \(inputs) inputs to \(outputs) outputs; "
                + "the explorer plots one x column against one y column"
        case .tooMany(let n):
            return "\(n) models given; the explorer opens at most one mse and one mdn model"
        }
    }

    /// Checks that `models` are at most one of each kind, each one input to one output.
    public static func check(_ models: [OpenedModel]) throws(OpenedModelsError) {
        guard models.count <= 2 else { throw .tooMany(models.count) }
        for m in models where m.checkpoint.inputDimension != 1 || m.checkpoint.outputDimension != 1 {
            throw .unsupportedShape(
                path: m.path, inputs: m.checkpoint.inputDimension, outputs: m.checkpoint.outputDimension)
        }
        if models.count == 2, models[0].kind == models[1].kind {
            throw .twoOfAKind(models[0].kind, first: models[0].path, second: models[1].path)
        }
    }
}

/// The training session of opened models: nothing trains. Each model's timeline begins with
/// its network and has one epoch, its weights, with the loss measured on the data shown; then
/// it is finished. The explorer then works as after training (views, temperatures, the
/// inspector, exports, `w`).
final class OpenedSession: TrainingControl {
    private let pending: Mutex<[TrainingEvent]>

    /// The session for `models`, their losses measured on `data`.
    init(models: [OpenedModel], data: Dataset) {
        var events: [TrainingEvent] = []
        for m in models {
            let network = m.predictor.network
            let normalizer = m.checkpoint.normalizer
            let timeline = ModelTimeline(
                template: network, normalizer: normalizer, monitor: .loss)
            events.append(.began(timeline))
            events.append(
                .epoch(
                    EpochSnapshot(
                        kind: m.kind, generation: 0, report: Self.report(m, data: data),
                        weights: HalfWeights(network), stepsPerSecond: 0)))
            events.append(.finished(kind: m.kind, generation: 0, reason: .maxEpochs, restoredEpoch: nil))
        }
        pending = Mutex(events)
    }

    /// The one epoch's report: the model's mean loss on `data` (NLL or MSE), in the
    /// network's units as a trainer reports it (the timeline converts it back).
    static func report(_ m: OpenedModel, data: Dataset) -> EpochReport {
        let score = data.count > 0 ? m.predictor.score(data) : (nll: nil, mse: .nan)
        let normalizer = m.checkpoint.normalizer
        let loss: Double
        if m.kind == .mdn {
            loss = (score.nll ?? .nan) - normalizer.logJacobian
        } else {
            let std = Double(normalizer.yStd.first ?? 1)
            loss = score.mse / (std * std)
        }
        return EpochReport(epoch: 1, loss: loss, valLoss: nil, learningRate: 0, milliseconds: 0)
    }

    func start() {}
    @discardableResult func stop(timeout: Double) -> Bool { true }
    func pause() {}
    func resume() {}
    func restartMDN(mixtures: Int) {}

    func drainEvents() -> [TrainingEvent] {
        pending.withLock { e in
            defer { e.removeAll() }
            return e
        }
    }
}
