/// Frame timing, for `p` (status bar) and `--profile` (stderr on exit).
struct FrameTimer {
    /// Milliseconds per frame preparing its input from the timeline (rebuilding the shown
    /// epoch's networks, evaluating them, sampling, the density grid); ~0 when nothing changed.
    private(set) var prepareMs: [Double] = []
    /// Milliseconds per frame turning state and input into cells (the pure view).
    private(set) var buildMs: [Double] = []
    /// Milliseconds per frame handing the cells to the screen.
    private(set) var drawMs: [Double] = []
    /// Milliseconds from a key's arrival to the end of the frame that shows its effect.
    private(set) var keyToScreenMs: [Double] = []

    /// Adds one frame's timings.
    mutating func record(prepare: Double, build: Double, draw: Double, keyLatency: Double?) {
        prepareMs.append(prepare)
        buildMs.append(build)
        drawMs.append(draw)
        if let k = keyLatency { keyToScreenMs.append(k) }
        // Keep the last 100,000 frames (about 80 minutes at 20 fps): memory stays flat.
        if buildMs.count > 100_000 {
            prepareMs.removeFirst(50_000)
            buildMs.removeFirst(50_000)
            drawMs.removeFirst(50_000)
        }
        if keyToScreenMs.count > 100_000 { keyToScreenMs.removeFirst(50_000) }
    }

    /// "frame prep 0.4 + build 3.1 + draw 1.2 ms": means over the last 20 frames.
    var statusText: String {
        "frame prep \(Self.fixed1(Self.mean(prepareMs.suffix(20)))) + build \(Self.fixed1(Self.mean(buildMs.suffix(20))))"
            + " + draw \(Self.fixed1(Self.mean(drawMs.suffix(20)))) ms"
    }

    /// A multi-line summary for stderr: n, mean, median, p95, p99, max per measure.
    var summary: String {
        [
            Self.line("prepare (timeline -> curves, samples)", prepareMs),
            Self.line("build (view -> cells)", buildMs), Self.line("draw (cells -> screen)", drawMs),
            Self.line("build + draw", zip(buildMs, drawMs).map { $0 + $1 }),
            Self.line("key -> screen", keyToScreenMs),
        ].joined(separator: "\n")
    }

    static func line(_ name: String, _ v: [Double]) -> String {
        guard !v.isEmpty else { return "\(name): no samples" }
        let s = v.sorted()
        func q(_ f: Double) -> Double { s[min(s.count - 1, Int(Double(s.count) * f))] }
        return "\(name): n \(v.count), mean \(fixed2(mean(v[...]))) ms, median \(fixed2(q(0.5))) ms, "
            + "p95 \(fixed2(q(0.95))) ms, p99 \(fixed2(q(0.99))) ms, max \(fixed2(s.last!)) ms"
    }

    private static func mean(_ v: ArraySlice<Double>) -> Double { v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count) }

    private static func fixed1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func fixed2(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
