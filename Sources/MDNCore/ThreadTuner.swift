/// Chooses, by measurement, whether a trainer's steps run on one thread or on all the
/// threads it may use: on most machines two cores make a step about 0.7x as long, but where
/// the cores share their caches badly (some virtual machines, at some times) a shared step
/// is slower than one thread's. The result is the same either way (`StepPlan`), so the
/// tuner may switch at any step.
///
/// It runs `probeSteps` steps each way, keeps the faster, and measures again every
/// `period` steps (the machine's load changes). Pure logic: the trainer reports each step's
/// time, the tuner says how many threads the next step uses.
public struct ThreadTuner: Sendable {
    /// Steps timed per setting in one comparison.
    public let probeSteps: Int
    /// Steps between comparisons.
    public let period: Int
    /// Threads a step uses in the comparison's second half (the most it may use).
    private var most = 1
    /// The setting now chosen: the more threads (true) or one (false).
    public private(set) var prefersMany = true
    /// Comparisons finished so far.
    public private(set) var comparisons = 0
    /// Steps since the last comparison ended.
    private var sinceComparison = 0
    /// The comparison under way: which half, and the times so far.
    private var probing: (many: Bool, one: [Double], all: [Double])? = (false, [], [])

    /// A tuner that compares every `period` steps, `probeSteps` steps each way.
    public init(probeSteps: Int = 16, period: Int = 2048) {
        precondition(probeSteps >= 1 && period >= 1, "a tuner needs at least one step to time")
        self.probeSteps = probeSteps
        self.period = period
    }

    /// Threads for the next step when up to `available` may be used.
    public mutating func threads(available: Int) -> Int {
        if available != most {
            // The share changed (e.g. the other model finished): compare afresh.
            most = available
            probing = available > 1 ? (false, [], []) : nil
        }
        guard available > 1 else { return 1 }
        if let p = probing { return p.many ? available : 1 }
        return prefersMany ? available : 1
    }

    /// Records the time of the step that just ran with `threads` threads (full batches only:
    /// a short last batch is not comparable).
    public mutating func record(threads: Int, seconds: Double) {
        guard most > 1 else { return }
        guard var p = probing else {
            sinceComparison += 1
            if sinceComparison >= period { probing = (false, [], []) }
            return
        }
        if threads > 1 { p.all.append(seconds) } else { p.one.append(seconds) }
        if !p.many && p.one.count >= probeSteps { p.many = true }
        if p.many && p.all.count >= probeSteps {
            // Means, not medians: a step held up now and then (a helper preempted by the UI)
            // costs throughput, and throughput is what the choice is for.
            prefersMany = ThreadTuner.mean(p.all) < ThreadTuner.mean(p.one)
            comparisons += 1
            probing = nil
            sinceComparison = 0
            return
        }
        probing = p
    }

    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(max(1, xs.count)) }
}
