import Dispatch
import Foundation
import Synchronization

/// A helper thread for the parts of a training step (`StepPlan`): the trainer posts a part,
/// does its own, then finishes the posted one: it waits for the helper or, if the helper
/// has not started it yet (its core is busy), claims the part and does it itself. So a step
/// is never held up by a helper that cannot run, and a part is computed exactly once, by
/// whichever thread claims it first (its result does not depend on which).
///
/// The helper polls for work for about a step's length after each job, then sleeps on a
/// semaphore until a post wakes it; the poster waits for a claimed part to finish by
/// spinning briefly, then yielding. A trainer owns one helper per extra thread and stops it
/// when it is done (`stop()`, also called from the trainer's deinit).
final class StepWorker: Sendable {
    /// One posted part: the work and who has claimed it.
    final class Job: Sendable {
        /// The work until it has run (then nil: what it captured is released before `done`).
        private let work: Mutex<(@Sendable () -> Void)?>
        private let claimed = Atomic<Bool>(false)
        private let done = Atomic<Bool>(false)

        init(_ work: @escaping @Sendable () -> Void) { self.work = Mutex(work) }

        /// Runs the work if nobody has claimed it yet; returns whether this caller ran it.
        func runIfUnclaimed() -> Bool {
            guard claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
            else { return false }
            do {
                let run = work.withLock { w in
                    defer { w = nil }
                    return w
                }
                run?()
            }
            done.store(true, ordering: .releasing)
            return true
        }

        /// Returns once the work has run: here if the helper has not claimed it, else after
        /// waiting for the helper (spinning briefly, then yielding the core).
        func finish() {
            if runIfUnclaimed() { return }
            var spins = 0
            while !done.load(ordering: .acquiring) {
                spins += 1
                if spins > 2_000 { sched_yield() }
            }
        }
    }

    private let pending = Mutex<Job?>(nil)
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    /// Jobs posted so far: what the helper polls, alone on its cache line (polling reads it
    /// and nothing else the trainer writes, so the trainer's own data never bounces).
    private let posted = CacheLineCounter()
    /// The helper is asleep (or about to be) on `wake`.
    private let sleeping = Atomic<Bool>(false)

    /// Starts the helper thread.
    init() {
        let thread = Thread { [self] in self.loop() }
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// Hands `work` to the helper; call `finish()` on the result before using what it writes.
    func post(_ work: @escaping @Sendable () -> Void) -> Job {
        let job = Job(work)
        pending.withLock { $0 = job }
        posted.value.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
        return job
    }

    /// Ends the helper thread (after the part it is running, if any).
    func stop() {
        stopped.store(true, ordering: .releasing)
        wake.signal()
    }

    /// Takes the posted job, if any.
    private func take() -> Job? {
        pending.withLock { p -> Job? in
            defer { p = nil }
            return p
        }
    }

    /// Waits for a job (polling `posted` for about a step's length after the last one, since
    /// steps follow each other closely, then sleeping until a post wakes it), runs it unless
    /// the poster got there first.
    private func loop() {
        var seen = 0
        while !stopped.load(ordering: .acquiring) {
            let deadline = DispatchTime.now().uptimeNanoseconds + StepWorker.pollNanoseconds
            while posted.value.load(ordering: .acquiring) == seen {
                if stopped.load(ordering: .acquiring) { return }
                if DispatchTime.now().uptimeNanoseconds >= deadline {
                    // Announce the sleep, then look once more: a post either sees the flag
                    // (and signals) or came first (and is seen here).
                    sleeping.store(true, ordering: .sequentiallyConsistent)
                    if posted.value.load(ordering: .sequentiallyConsistent) == seen {
                        wake.wait()
                    }
                    sleeping.store(false, ordering: .sequentiallyConsistent)
                    break
                }
            }
            seen = posted.value.load(ordering: .acquiring)
            _ = take()?.runIfUnclaimed()
        }
    }

    /// How long the helper polls for the next job before it sleeps (a step takes ~0.1-0.2 ms).
    static let pollNanoseconds: UInt64 = 300_000
}

/// An atomic counter with a cache line to itself: the padding keeps any other object's
/// fields off its line (objects are 16-byte aligned, so 64 bytes each side suffice).
final class CacheLineCounter: Sendable {
    private let before: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    let value = Atomic<Int>(0)
    private let after: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
}
