import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore

/// Random one-dimensional mixture rows and targets, as a Codable record for Python.
private struct ScoringCase: Codable {
    /// Per row: K weights, K means, K sigmas.
    var weights: [[Double]]
    var means: [[Double]]
    var sigmas: [[Double]]
    /// One target per row.
    var y: [Double]

    /// `rows` mixtures of `k` components (well separated modes on some rows, one dominant
    /// component on others) and targets, some far in the tails.
    init(rows: Int, k: Int, seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        weights = []
        means = []
        sigmas = []
        y = []
        for r in 0..<rows {
            let logits = (0..<k).map { _ in Double(rng.nextFloat()) * (r % 3 == 0 ? 8 : 2) }
            let e = logits.map { exp($0) }
            weights.append(e.map { $0 / e.reduce(0, +) })
            means.append((0..<k).map { _ in Double(rng.nextFloat()) * 6 - 3 })
            sigmas.append((0..<k).map { _ in 0.05 + Double(rng.nextFloat()) * 0.8 })
            let tail = r % 17 == 0 ? 6.0 : 1.0
            y.append((Double(rng.nextFloat()) * 8 - 4) * tail)
        }
    }

    /// The rows as a float32 `MixtureBatch` and targets (what the scorer takes).
    var batch: (MixtureBatch, [Float]) {
        let k = weights[0].count
        var rows: [Float] = []
        for r in 0..<y.count {
            rows += means[r].map(Float.init) + sigmas[r].map(Float.init) + weights[r].map { Float(log($0)) }
        }
        return (MixtureBatch(layout: MixtureLayout(components: k), rows: rows), y.map(Float.init))
    }

    /// The case after the float32 round trip the batch makes, so Python scores exactly the
    /// mixtures Swift scores.
    var asFloat32: ScoringCase {
        var c = self
        c.means = means.map { $0.map { Double(Float($0)) } }
        c.sigmas = sigmas.map { $0.map { Double(Float($0)) } }
        c.weights = weights.map { w in
            let l = w.map { Double(Float(log($0))) }
            let e = l.map { exp($0 - l.max()!) }
            return e.map { $0 / e.reduce(0, +) }
        }
        c.y = y.map { Double(Float($0)) }
        return c
    }
}

/// What the Python reference computed.
private struct ScoringReference: Codable {
    var nll: Double
    var crps: Double
    var crpsRows: [Double]
    var cdfRows: [Double]
    var quantiles: [[Double]]
    var coverage50: Double
    var coverage90: Double
    var pit: [Double]
    var ks: Double
    var ksCritical: Double
    var gaussianCRPS: [Double]
    var normalQuantiles: [Double]
}

@Suite struct ProbabilisticScoresTests {

    /// Independent references: scipy's normal distribution function (special.ndtr, the one
    /// scipy.stats.norm.cdf calls) for the mixture's and (via brentq) its quantiles, scipy.integrate.quad of (F(z) - 1{z >= y})^2 for the mixture
    /// CRPS, properscoring.crps_gaussian for single Gaussians, numpy.histogram for PIT,
    /// scipy.stats.kstest / kstwo for the Kolmogorov-Smirnov distance and its critical value.
    static let referenceScript = """
        import json, sys
        import numpy as np
        from scipy import stats, integrate, optimize, special
        import properscoring as ps
        c = json.load(open(sys.argv[1])); detailed = int(sys.argv[2])
        W, M, S, Y = (np.array(c[k]) for k in ("weights", "means", "sigmas", "y"))
        def cdf(r, z): return float(np.sum(W[r] * special.ndtr((z - M[r]) / S[r])))
        def crps(r, y):
            lo = min(y, float(np.min(M[r] - 12 * S[r]))); hi = max(y, float(np.max(M[r] + 12 * S[r])))
            kinks = sorted(set(np.clip(np.concatenate([M[r] - S[r], M[r], M[r] + S[r]]), lo, hi)))
            a = integrate.quad(lambda z: cdf(r, z) ** 2, lo, y, limit=400, epsabs=1e-13, epsrel=1e-12,
                               points=[k for k in kinks if lo < k < y] or None)[0]
            b = integrate.quad(lambda z: (1 - cdf(r, z)) ** 2, y, hi, limit=400, epsabs=1e-13, epsrel=1e-12,
                               points=[k for k in kinks if y < k < hi] or None)[0]
            return a + b
        def quantile(r, p):
            lo = float(np.min(M[r] - 40 * S[r])); hi = float(np.max(M[r] + 40 * S[r]))
            return optimize.brentq(lambda z: cdf(r, z) - p, lo, hi, xtol=1e-14, rtol=1e-14)
        n = len(Y)
        logp = special.logsumexp(np.log(W) + stats.norm.logpdf(Y[:, None], M, S), axis=1)
        pit = np.sum(W * special.ndtr((Y[:, None] - M) / S), axis=1)
        crps_rows = [crps(r, Y[r]) for r in range(n)]
        qs = [[quantile(r, p) for p in (0.05, 0.25, 0.75, 0.95)] for r in range(detailed)]
        hist = np.histogram(pit, bins=10, range=(0, 1))[0] / n
        g = [float(ps.crps_gaussian(y, mu=m, sig=s)) for y, m, s in [(0.3, 0.0, 1.0), (-2.0, 1.0, 0.25), (5.0, 5.0, 3.0), (40.0, 0.0, 1.0)]]
        pp = [1e-300, 1e-12, 0.001, 0.02425, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 - 1e-12]
        print(json.dumps(dict(
            nll=-float(np.mean(logp)), crps=float(np.mean(crps_rows)), crpsRows=crps_rows,
            cdfRows=pit.tolist(), quantiles=qs,
            coverage50=float(np.mean((pit >= 0.25) & (pit <= 0.75))), coverage90=float(np.mean((pit >= 0.05) & (pit <= 0.95))),
            pit=hist.tolist(), ks=float(stats.kstest(pit, "uniform").statistic), ksCritical=float(stats.kstwo.ppf(0.95, n)),
            gaussianCRPS=g, normalQuantiles=[float(stats.norm.ppf(p)) for p in pp])))
        """

    @Test(
        .enabled(
            if: Python.hasScoringReferences || Python.isCI,
            "needs python3 with scipy, numpy and properscoring (.ci/setup installs them; with CI set this fails instead)"
        ))
    func scoresMatchScipyAndProperscoring() throws {
        try #require(Python.hasScoringReferences, "python3 with scipy + properscoring is required when CI is set")
        let generated = ScoringCase(rows: 240, k: 3, seed: 11)
        let exact = generated.asFloat32
        let path = NSTemporaryDirectory() + "mdnx-scores-\(UUID().uuidString).json"
        try JSONEncoder().encode(exact).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = Python.run(Self.referenceScript, arguments: [path, "60"])
        try #require(run.status == 0, "python failed: \(run.error)")
        let ref = try JSONDecoder().decode(ScoringReference.self, from: Data(run.output.utf8))

        let (batch, y) = generated.batch
        let scores = ProbabilisticScores(batch: batch, y: y)
        #expect(abs(scores.nll - ref.nll) < 1e-9)
        #expect(abs(scores.crps - ref.crps) < 1e-8)
        #expect(scores.coverage50 == ref.coverage50)
        #expect(scores.coverage90 == ref.coverage90)
        #expect(scores.pit.count == 10)
        #expect(zip(scores.pit, ref.pit).allSatisfy { $0 == $1 })
        #expect(abs(scores.pitKS - ref.ks) < 1e-12)
        #expect(abs(scores.pitKSCritical95 - ref.ksCritical) / ref.ksCritical < 0.01)

        // Row by row: the distribution function, the closed-form CRPS and (first 60 rows,
        // brentq being slow in Python) the quantiles.
        for r in 0..<exact.y.count {
            let m = UnivariateMixture(weights: exact.weights[r], means: exact.means[r], sigmas: exact.sigmas[r])
            #expect(abs(m.cdf(exact.y[r]) - ref.cdfRows[r]) < 1e-12)
            #expect(abs(m.crps(exact.y[r]) - ref.crpsRows[r]) < 1e-8 * max(1, ref.crpsRows[r]))
            guard r < ref.quantiles.count else { continue }
            for (p, q) in zip([0.05, 0.25, 0.75, 0.95], ref.quantiles[r]) {
                #expect(abs(m.quantile(p) - q) < 1e-9 * max(1, abs(q)), "row \(r) p \(p)")
            }
        }
        #expect(ref.quantiles.count == 60)
        // A single Gaussian against properscoring's closed form.
        let gaussians: [(Double, Double, Double)] = [(0.3, 0, 1), (-2, 1, 0.25), (5, 5, 3), (40, 0, 1)]
        for ((y, mu, sigma), expected) in zip(gaussians, ref.gaussianCRPS) {
            #expect(abs(UnivariateMixture(mean: mu, sigma: sigma).crps(y) - expected) < 1e-12 * max(1, expected))
        }
        let ps = [1e-300, 1e-12, 0.001, 0.024_25, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 - 1e-12]
        for (p, expected) in zip(ps, ref.normalQuantiles) {
            #expect(abs(StandardNormal.quantile(p) - expected) < 1e-12 * max(1, abs(expected)), "p \(p)")
        }
    }

    /// CRPS of N(mu, sigma^2) at y = mu is sigma (2 phi(0) - 1 / sqrt pi) = sigma (sqrt 2 - 1) / sqrt pi;
    /// far from the mass it tends to |y - mu| - sigma / sqrt pi.
    @Test func gaussianCRPSClosedForms() {
        let g = UnivariateMixture(mean: 2, sigma: 0.5)
        #expect(abs(g.crps(2) - 0.5 * (2.0.squareRoot() - 1) / Double.pi.squareRoot()) < 1e-15)
        #expect(abs(g.crps(102) - (100 - 0.5 / Double.pi.squareRoot())) < 1e-12)
        // Two identical components are one Gaussian.
        let twin = UnivariateMixture(weights: [0.3, 0.7], means: [2, 2], sigmas: [0.5, 0.5])
        for y in [-1.0, 1.9, 2.0, 3.7] { #expect(abs(twin.crps(y) - g.crps(y)) < 1e-14) }
    }

    @Test func quantileInvertsTheDistributionFunction() {
        // Two far-apart narrow modes: a near-empty gap where Newton alone would fail.
        let m = UnivariateMixture(weights: [0.5, 0.5], means: [-50, 50], sigmas: [0.01, 0.01])
        let q = m.quantile(0.5)
        #expect(q > -50 && q < 50)
        #expect(abs(m.cdf(q) - 0.5) < 1e-12)
        for p in [1e-9, 0.01, 0.3, 0.49, 0.51, 0.9, 1 - 1e-9] {
            #expect(abs(m.cdf(m.quantile(p)) - p) < 1e-12, "p \(p)")
        }
        #expect(UnivariateMixture(mean: 3, sigma: 2).quantile(0.5) == 3)
    }

    /// Targets drawn from the predicted distributions themselves are calibrated: coverage
    /// near 0.5 and 0.9 (within 4 binomial standard errors), a flat PIT histogram and a KS
    /// distance below its 95% critical value (a fixed seed, so the run is deterministic). The
    /// same targets under distributions twice too narrow are not.
    @Test func calibratedAndOverconfidentPredictions() throws {
        let n = 4_000
        var rng = SeededRNG(seed: 21)
        let layout = MixtureLayout(components: 2)
        var rows: [Float] = []
        var narrow: [Float] = []
        for _ in 0..<n {
            let mu: [Float] = [rng.nextFloat() * 4 - 2, rng.nextFloat() * 4 + 1]
            let sigma: [Float] = [0.2 + rng.nextFloat(), 0.1 + rng.nextFloat() * 0.5]
            let logits: [Float] = [rng.nextFloat(), rng.nextFloat()]
            rows += mu + sigma + logits
            narrow += mu + sigma.map { $0 / 2 } + logits
        }
        let batch = MixtureBatch(layout: layout, rows: rows)
        let y = try batch.samples(perRow: 1, rng: &rng)
        let good = ProbabilisticScores(batch: batch, y: y)
        let se50 = (0.25 / Double(n)).squareRoot()
        let se90 = (0.09 / Double(n)).squareRoot()
        #expect(abs(good.coverage50 - 0.5) < 4 * se50)
        #expect(abs(good.coverage90 - 0.9) < 4 * se90)
        #expect(good.pit.allSatisfy { abs($0 - 0.1) < 4 * (0.09 / Double(n)).squareRoot() })
        #expect(good.pitKS < good.pitKSCritical95)
        #expect(abs(good.pit.reduce(0, +) - 1) < 1e-12)

        let bad = ProbabilisticScores(batch: MixtureBatch(layout: layout, rows: narrow), y: y)
        #expect(bad.coverage90 < 0.8)
        #expect(bad.pit[0] > 0.15 && bad.pit[9] > 0.15)  // the U shape of overconfidence
        #expect(bad.pitKS > 3 * bad.pitKSCritical95)
        #expect(bad.width90 < good.width90)
        #expect(bad.crps > good.crps && bad.nll > good.nll)
    }

    /// With two target columns, CRPS and calibration pool the columns' marginals; NLL is of
    /// the joint density.
    @Test func severalTargetsPoolTheMarginals() {
        let layout = MixtureLayout(components: 1, dimension: 2)
        // One row: N(0, 1) in column 1, N(10, 2^2) in column 2.
        let batch = MixtureBatch(layout: layout, rows: [0, 10, 1, 2, 0])
        let s = ProbabilisticScores(batch: batch, y: [0.5, 9])
        let a = UnivariateMixture(mean: 0, sigma: 1)
        let b = UnivariateMixture(mean: 10, sigma: 2)
        #expect(abs(s.crps - (a.crps(0.5) + b.crps(9)) / 2) < 1e-14)
        let logp = -0.5 * 0.25 - 0.5 * 0.25 - log(2.0) - log(2 * Double.pi)
        #expect(abs(s.nll + logp) < 1e-12)
        #expect(s.pit[Int(a.cdf(0.5) * 10)] == 0.5 && s.pit[Int(b.cdf(9) * 10)] == 0.5)
        #expect(s.coverage50 == 1 && s.coverage90 == 1)
    }
}
