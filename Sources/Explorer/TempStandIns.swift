// TEMP stand-ins until "core", "data", "plot" and "themes" land on main. Everything in this
// file is internal, named as CONTRACTS.md names it, and is deleted when the real API arrives.
import Foundation
import MDNCore
import TermPlot

// TEMP until TermPlot (plot) lands: CanvasKind.
/// The canvas a plot draws with.
public enum CanvasKind: String, CaseIterable, Sendable { case braille, block, ascii }

// TEMP until MDNCore (core) lands: EpochReport, Preset, Datasets, Trainer.
/// One epoch's outcome.
struct EpochReport: Sendable {
    var epoch: Int
    var loss: Double
    var valLoss: Double
    var learningRate: Double
    var milliseconds: Double
}

/// Training presets.
public enum Preset: String, CaseIterable, Sendable { case tutorial, `default` }

/// Built-in data sets.
enum Datasets {
    /// The tutorial's spiral: angle ~ U(0, 4 pi), r = angle, jitter, one min-max map to [0, 5].
    static func spiral(count: Int = 10_000, jitter: Double = 0.2, revolutions: Double = 2, seed: UInt64 = 42) -> Dataset {
        var rng = SeededRNG(seed: seed)
        var pts = [Double]()
        pts.reserveCapacity(2 * count)
        for _ in 0..<count {
            let a = rng.uniform(0, 2 * Double.pi * revolutions)
            pts.append(a * cos(a) + rng.normal(mean: 0, std: jitter))
            pts.append(a * sin(a) + rng.normal(mean: 0, std: jitter))
        }
        let lo = pts.min()!, hi = pts.max()!
        let scaled = pts.map { Float(($0 - lo) / (hi - lo) * 5) }
        return Dataset(x: stride(from: 0, to: scaled.count, by: 2).map { scaled[$0] },
                       y: stride(from: 1, to: scaled.count, by: 2).map { scaled[$0] })
    }

    /// Bishop's inverse problem: predict t from x = t + 0.3 sin(2 pi t) + U(-0.1, 0.1).
    static func bishop(count: Int = 10_000, seed: UInt64 = 42) -> Dataset {
        var rng = SeededRNG(seed: seed)
        var xs = [Float](), ts = [Float]()
        for _ in 0..<count {
            let t = rng.nextDouble()
            xs.append(Float(t + 0.3 * sin(2 * Double.pi * t) + rng.uniform(-0.1, 0.1)))
            ts.append(Float(t))
        }
        return Dataset(x: xs, y: ts)
    }
}

/// A fake trainer: loss decays, predictions move from the data's global mean towards binned
/// statistics of the data (mean per x bin for MSE; K quantile groups per bin for MDN).
final class Trainer {
    let kind: String
    let mixtures: Int
    private let data: Dataset
    private let lo: Float, hi: Float
    private var epoch = 0
    private let bins = 60
    private var binMeans: [Float] = []
    private var binGroups: [[(mu: Float, sigma: Float, weight: Float)]] = []
    private let globalMean: Float
    private let globalStd: Float
    let stepsPerEpoch: Int

    init(kind: String, data: Dataset, mixtures: Int, seed: UInt64) {
        self.kind = kind
        self.mixtures = max(1, mixtures)
        self.data = data
        lo = data.x.min() ?? 0
        hi = max(data.x.max() ?? 1, lo + 1e-3)
        let mean = data.y.reduce(0, +) / Float(max(1, data.count))
        globalMean = mean
        let v = data.y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(max(1, data.count))
        globalStd = max(0.05, v.squareRoot())
        stepsPerEpoch = (Int(Double(data.count) * 0.85) + 127) / 128
        var perBin = [[Float]](repeating: [], count: bins)
        for i in 0..<data.count { perBin[bin(data.x[i])].append(data.y[i]) }
        for ys in perBin {
            let sorted = ys.sorted()
            binMeans.append(sorted.isEmpty ? mean : sorted.reduce(0, +) / Float(sorted.count))
            var groups: [(Float, Float, Float)] = []
            for k in 0..<self.mixtures {
                let part = sorted.isEmpty ? [mean]
                    : Array(sorted[(k * sorted.count / self.mixtures)..<max(k * sorted.count / self.mixtures + 1, (k + 1) * sorted.count / self.mixtures)])
                let m = part.reduce(0, +) / Float(part.count)
                let s = (part.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(part.count)).squareRoot()
                groups.append((m, max(0.03, s), Float(part.count)))
            }
            binGroups.append(groups)
        }
        _ = seed
    }

    private func bin(_ x: Float) -> Int { min(bins - 1, max(0, Int((x - lo) / (hi - lo) * Float(bins)))) }
    private var progress: Float { 1 - exp(-Float(epoch) / (kind == "mse" ? 8 : 25)) }

    var isFinished: Bool { epoch >= (kind == "mse" ? 40 : 150) }

    func runEpoch() -> EpochReport {
        let start = DispatchTime.now().uptimeNanoseconds
        usleep(kind == "mse" ? 25_000 : 45_000)
        epoch += 1
        let base = kind == "mse" ? 1.0 : -0.3
        let loss = base + 1.2 * exp(-Double(epoch) / 15)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return EpochReport(epoch: epoch, loss: loss, valLoss: loss + 0.02, learningRate: epoch > 60 ? 1e-4 : 1e-3, milliseconds: ms)
    }

    func predict(_ x: [Float]) -> [Float] {
        let p = progress
        if kind == "mse" {
            return x.map { globalMean + (binMeans[bin($0)] - globalMean) * p }
        }
        let layout = MixtureLayout(components: mixtures)
        var out = [Float](repeating: 0, count: x.count * layout.width)
        for (i, xv) in x.enumerated() {
            let g = binGroups[bin(xv)]
            for k in 0..<mixtures {
                out[i * layout.width + layout.mu(k)] = globalMean + (g[k].mu - globalMean) * p
                out[i * layout.width + layout.sigma(k)] = globalStd + (g[k].sigma - globalStd) * p
                out[i * layout.width + layout.logit(k)] = log(max(g[k].weight, 1e-3)) * p
            }
        }
        return out
    }
}

// TEMP until MDNCore (data) lands: MixtureBatch.
/// Mixture parameter rows for many x.
public struct MixtureBatch: Sendable {
    public var layout: MixtureLayout
    public var rows: [Float]
    public var count: Int { rows.count / layout.width }

    init(layout: MixtureLayout, rows: [Float]) { self.layout = layout; self.rows = rows }

    /// perRow samples per row, row-major (count * perRow * D).
    func samples(perRow: Int, temperature: Double, sigmaTemperature: Double, rng: inout SeededRNG) throws -> [Float] {
        let k = layout.components, w = layout.width
        var out = [Float]()
        out.reserveCapacity(count * perRow)
        var weights = [Double](repeating: 0, count: k)
        for r in 0..<count {
            let base = r * w
            var m = -Double.infinity
            for c in 0..<k { m = max(m, Double(rows[base + layout.logit(c)]) / temperature) }
            var sum = 0.0
            for c in 0..<k { weights[c] = exp(Double(rows[base + layout.logit(c)]) / temperature - m); sum += weights[c] }
            for _ in 0..<perRow {
                var u = rng.nextDouble() * sum
                var pick = k - 1
                for c in 0..<k { u -= weights[c]; if u < 0 { pick = c; break } }
                let mu = Double(rows[base + layout.mu(pick)])
                let sd = Double(rows[base + layout.sigma(pick)]) * sigmaTemperature.squareRoot()
                out.append(Float(rng.normal(mean: mu, std: sd)))
            }
        }
        return out
    }
}

// TEMP until TermPlot (plot) lands: Palette.fallback.
extension Palette {
    static let tempFallback = Palette(name: "temp-dark", background: RGB(hex: 0x14161C)) { role in
        switch role {
        case .text: RoleStyle(foreground: RGB(hex: 0xD5D8DF))
        case .dimText: RoleStyle(foreground: RGB(hex: 0x7D8390), dim: true)
        case .axis: RoleStyle(foreground: RGB(hex: 0x8A909C))
        case .title: RoleStyle(foreground: RGB(hex: 0xF0F2F6), bold: true)
        case .truth: RoleStyle(foreground: RGB(hex: 0x5EA6FF))
        case .mseCurve: RoleStyle(foreground: RGB(hex: 0xFF6A3D), bold: true)
        case .mdnSamples: RoleStyle(foreground: RGB(hex: 0x3EDC81))
        case .reference: RoleStyle(foreground: RGB(hex: 0xC792EA))
        case .density(let level):
            RoleStyle(foreground: RGB(40 + 26 * level, 20 + 28 * level, 90 + 15 * level))
        case .component(let index, let level):
            RoleStyle(foreground: [RGB(hex: 0x4ADE80), RGB(hex: 0x60A5FA), RGB(hex: 0xF472B6), RGB(hex: 0xFBBF24)][Int(index) % 4]
                        .scaled(0.35 + 0.65 * Double(level) / 7))
        case .loss(let model, let split):
            RoleStyle(foreground: model == .mse ? RGB(hex: 0xFF6A3D) : RGB(hex: 0x3EDC81), dim: split == .validation)
        case .statusBar: RoleStyle(foreground: RGB(hex: 0x14161C), background: RGB(hex: 0xA0A6B4))
        case .help: RoleStyle(foreground: RGB(hex: 0xF0F2F6), background: RGB(hex: 0x2A2E38))
        case .warning: RoleStyle(foreground: RGB(hex: 0xFFD166), bold: true)
        case .accent: RoleStyle(foreground: RGB(hex: 0xFFD166), bold: true)
        case .background: RoleStyle(foreground: RGB(hex: 0x14161C))
        }
    }
}

extension RGB {
    /// Each component times `f`.
    func scaled(_ f: Double) -> RGB {
        RGB(UInt8(min(255, Double(r) * f)), UInt8(min(255, Double(g) * f)), UInt8(min(255, Double(b) * f)))
    }
}

// TEMP until Themes lands: ColorDepth and TerminalColor.
/// How many colours the terminal shows.
enum ColorDepth: Sendable { case truecolor, color256, color8, none }

/// RGB -> terminal colour indices.
enum TerminalColor {
    /// Nearest xterm-256 index (6x6x6 cube or grey ramp).
    static func nearest256(_ c: RGB) -> Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let steps = [0, 95, 135, 175, 215, 255]
        let (r, g, b) = (level(c.r), level(c.g), level(c.b))
        let cube = 16 + 36 * r + 6 * g + b
        let cubeDist = sq(steps[r] - Int(c.r)) + sq(steps[g] - Int(c.g)) + sq(steps[b] - Int(c.b))
        let avg = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let grey = min(23, max(0, (avg - 3) / 10))
        let gv = 8 + 10 * grey
        let greyDist = sq(gv - Int(c.r)) + sq(gv - Int(c.g)) + sq(gv - Int(c.b))
        return greyDist < cubeDist ? 232 + grey : cube
    }

    /// Nearest of the 8 ANSI colours.
    static func nearest8(_ c: RGB) -> Int {
        let t = 100
        return (Int(c.r) > t ? 1 : 0) | (Int(c.g) > t ? 2 : 0) | (Int(c.b) > t ? 4 : 0)
    }

    private static func sq(_ v: Int) -> Int { v * v }
}
