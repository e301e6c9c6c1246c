/// The progress `mdnx train` prints for one model: epochs done, elapsed time and an
/// estimate of the time left. Pure, so tests drive it without a terminal or a clock.
struct TrainProgress: Sendable, Equatable {
    /// Epochs completed.
    var epoch: Int
    /// The epoch limit (early stopping may end sooner).
    var maxEpochs: Int
    /// Seconds since training started.
    var elapsed: Double

    /// Estimated seconds left: the mean epoch time so far times the epochs left to the limit,
    /// an upper bound when early stopping ends the run sooner (nil before the first epoch).
    var secondsLeft: Double? {
        guard epoch > 0 else { return nil }
        return elapsed / Double(epoch) * Double(max(maxEpochs - epoch, 0))
    }

    /// "eta 1:05" (at most; early stopping may come sooner), empty once the limit is reached.
    var eta: String {
        guard let left = secondsLeft, epoch < maxEpochs else { return "" }
        return "eta " + TrainProgress.clock(left)
    }

    /// A bar for a terminal: "[=====     ] 12/60 epochs, 0:14 elapsed, eta 1:05".
    var bar: String {
        let width = 30
        let filled = min(width, epoch * width / max(maxEpochs, 1))
        var s =
            "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            + "] \(epoch)/\(maxEpochs) epochs, \(TrainProgress.clock(elapsed)) elapsed"
        if !eta.isEmpty { s += ", " + eta }
        return s
    }

    /// Seconds as m:ss, or h:mm:ss from an hour on (rounded to the second).
    static func clock(_ seconds: Double) -> String {
        let total = Int(max(seconds, 0).rounded())
        let h = total / 3600
        let m = (total % 3600) / 60
        let s = total % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
