import Explorer
import MDNCore

/// Small recorded trainings for tests: tiny networks whose every epoch is told apart (the
/// head's bias moves with the epoch, so each epoch's curve and mixtures differ).
public enum TimelineFixtures {
    /// The template network of `kind` (1-4-out; the MDN with 2 components).
    public static func template(_ kind: ModelKind) -> Network {
        var rng = SeededRNG(seed: kind == .mse ? 1 : 2)
        return Network(kind: kind, hidden: [4], mixtures: 2, rng: &rng)
    }

    /// The weights of `kind` after `epoch`: the template's with every head bias at
    /// `epoch / 10` (mdn: the means move up with the epoch).
    public static func weights(_ kind: ModelKind, epoch: Int) -> HalfWeights {
        var net = template(kind)
        for i in net.head.bias.indices { net.head.bias[i] = Float(epoch) / 10 }
        return HalfWeights(net)
    }

    /// Epoch `epoch`'s report: loss 1 / epoch (MSE) or 2 - epoch / 100 (MDN), val loss 10%
    /// above it, learning rate 1e-3, 5 ms.
    public static func report(_ kind: ModelKind, epoch: Int) -> EpochReport {
        let loss = kind == .mse ? 1 / Double(epoch) : 2 - Double(epoch) / 100
        return EpochReport(epoch: epoch, loss: loss, valLoss: loss * 1.1, learningRate: 1e-3, milliseconds: 5)
    }

    /// What a session would publish for `epochs` epochs of `kind` (run `generation`): the
    /// start, then every epoch.
    public static func events(_ kind: ModelKind, epochs: Int, generation: Int = 0) -> [TrainingEvent] {
        var events: [TrainingEvent] = [
            .began(ModelTimeline(template: template(kind), normalizer: .identity(), generation: generation))
        ]
        for e in stride(from: 1, through: epochs, by: 1) {
            events.append(
                .epoch(
                    EpochSnapshot(
                        kind: kind, generation: generation, report: report(kind, epoch: e),
                        weights: weights(kind, epoch: e), stepsPerSecond: 1000)))
        }
        return events
    }

    /// A history with `mse` and `mdn` recorded epochs.
    public static func history(mse: Int, mdn: Int) -> TrainingHistory {
        var h = TrainingHistory()
        for event in events(.mse, epochs: mse) + events(.mdn, epochs: mdn) {
            switch event {
            case .began(let t): h.begin(t)
            case .epoch(let s): h.record(s.kind, s.report, weights: s.weights)
            default: break
            }
        }
        return h
    }
}
