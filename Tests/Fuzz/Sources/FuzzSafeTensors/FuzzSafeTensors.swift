import FuzzSupport
import MDNCore
import MDNIO

/// libFuzzer entry point: the bytes as a checkpoint file, decoded (`SafeTensors.decode`),
/// read as a checkpoint and rebuilt as a model (`Predictor`); a model that loads is then
/// used the way the commands use it: predictions, mixtures, tempering, summaries, samples
/// and the density grid of `mdnx plot`. The same contents are also read as a training
/// recording (`mdnx train --history`, another safetensors file). Checks: no trap; every
/// error is one short line without control characters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let contents = try SafeTensors.decode(bytes, path: "fuzz.safetensors")
        do {
            _ = try TrainingRecording(contents: contents, path: "fuzz.safetensors")
        } catch {
            FuzzCheck.oneLine(error.description, "recording")
        }
        let checkpoint = try Checkpoint(contents: contents, path: "fuzz.safetensors")
        let predictor = try Predictor(checkpoint: checkpoint, path: "fuzz.safetensors")
        use(predictor)
    } catch {
        FuzzCheck.oneLine(error.description, "safetensors")
    }
    return 0
}

/// What `mdnx sample`, `eval` and `plot` do with a loaded model, on a few x values.
private func use(_ predictor: Predictor) {
    let dx = predictor.checkpoint.inputDimension
    let xs = (0..<(3 * dx)).map { Float($0 % 5) - 2 }
    _ = predictor.predictions(x: xs)
    guard predictor.kind == .mdn else { return }
    let batch = predictor.mixtures(x: xs)
    guard let tempered = try? batch.tempered(temperature: 0.5, sigmaTemperature: 2) else {
        fatalError("safetensors: valid temperatures refused")
    }
    _ = tempered.modes()
    var rng = SeededRNG(seed: 1)
    guard (try? tempered.samples(perRow: 2, rng: &rng)) != nil else { fatalError("safetensors: sampling refused") }
    if predictor.checkpoint.outputDimension == 1 {
        _ = tempered.densityGrid(rows: 16, yRange: -5...5)
    }
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzSafeTensors_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzSafeTensors)
}
