import Dispatch
import Foundation
import Synchronization

/// A helper thread for data-parallel training steps: the trainer posts a part of a step, does
/// its own part, then finishes the posted one: it waits for the helper or, if the helper has
/// not started yet (its core is busy), claims the part and does it itself. So a step is never held up by a helper
/// that cannot run, and a part is computed exactly once, by whichever thread claims it first
/// (its result does not depend on which).
///
/// The helper polls for work for about a step's length after each job, then sleeps on a
/// semaphore; the poster waits for a claimed part to finish by spinning briefly, then
/// yielding. A trainer owns one helper per extra thread and stops it
/// when it is done (`stop()`, also called from the trainer's deinit).
final class StepWorker: Sendable {
    /// One posted part: the work and who has claimed it.
    final class Job: Sendable {
        private let work: @Sendable () -> Void
        private let claimed = Atomic<Bool>(false)
        private let done = Atomic<Bool>(false)

        init(_ work: @escaping @Sendable () -> Void) { self.work = work }

        /// Runs the work if nobody has claimed it yet; returns whether this caller ran it.
        func runIfUnclaimed() -> Bool {
            guard claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
            else { return false }
            work()
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
        wake.signal()
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

    /// Waits for a job (polling for about a step's length after the last one, since steps
    /// follow each other closely, then blocking), runs it unless the poster got there first.
    private func loop() {
        while !stopped.load(ordering: .acquiring) {
            var job: Job?
            let deadline = DispatchTime.now().uptimeNanoseconds + StepWorker.pollNanoseconds
            while job == nil && DispatchTime.now().uptimeNanoseconds < deadline {
                if stopped.load(ordering: .acquiring) { return }
                job = take()
            }
            if job == nil {
                wake.wait()
                job = take()
            }
            _ = job?.runIfUnclaimed()
        }
    }

    /// How long the helper polls for the next job before it sleeps (a step takes ~0.1-0.2 ms).
    static let pollNanoseconds: UInt64 = 300_000
}
