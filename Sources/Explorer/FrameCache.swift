import MDNCore
import MDNFigures
import TermPlot

/// What the loop computes from the timeline for a frame, cached by the state's frame keys:
/// the MSE curve and the MDN's mixtures at the epoch shown (its network rebuilt from the
/// recorded half-precision weights and evaluated on the x grids), samples at the current
/// temperatures (the density view's p(y|x) is a field the renderer evaluates at the
/// target's resolution). A frame whose keys did not change costs no new samples.
final class FrameCache {
    /// The data the explorer shows.
    let loaded: LoadedData
    /// The MSE curve's x grid (the data's x range).
    let curveX: [Float]
    /// The x values the MDN's mixtures are evaluated at.
    let mixtureX: [Float]
    private var curve: (key: ExplorerState.FrameKey, ys: [Float])?
    private var mixtures: (key: ExplorerState.FrameKey, batch: MixtureBatch)?
    private var samples: SampleSet?
    /// A sampling error to report once (nil after it was taken).
    private(set) var samplingError: String?

    /// A cache for `loaded` with `curvePoints` and `mixturePoints` x values.
    init(loaded: LoadedData, curvePoints: Int, mixturePoints: Int) {
        self.loaded = loaded
        let (lo, hi) = xRange(loaded.data)
        curveX = grid(lo, hi, curvePoints)
        mixtureX = grid(lo, hi, mixturePoints)
    }

    /// The frame input for `state`: evaluates what its keys say changed.
    func input(for state: ExplorerState, themeName: String, profile: String?) -> FrameInput {
        var input = FrameInput(
            data: loaded.data, dataName: loaded.name, referenceNLL: loaded.referenceNLL, themeName: themeName,
            profile: profile)
        input.equalAspect = loaded.equalAspect
        input.curveX = curveX
        input.mixtureX = mixtureX
        if let key = state.frameKey(.mse), let t = state.history.mse {
            if curve?.key != key { curve = (key, t.curve(atEpoch: key.epoch, x: curveX)) }
            input.curveY = curve!.ys
        }
        if let key = state.frameKey(.mdn), let t = state.history.mdn {
            if mixtures?.key != key { mixtures = (key, t.mixtures(atEpoch: key.epoch, x: mixtureX)) }
            let batch = mixtures!.batch
            input.mixtureRows = batch
            if samples?.isCurrent(key: key, generation: state.samplingGeneration) != true {
                do {
                    samples = try SampleSet.draw(
                        from: batch, at: mixtureX, key: key, temperature: state.temperature,
                        sigmaTemperature: state.sigmaTemperature, generation: state.samplingGeneration)
                } catch {
                    samples = nil
                    samplingError = "sampling failed: \(error)"
                }
            }
            input.samples = samples
        }
        return input
    }

    /// Takes the pending sampling error, if any.
    func takeSamplingError() -> String? {
        defer { samplingError = nil }
        return samplingError
    }
}
