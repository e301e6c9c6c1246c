import Testing

@testable import MDNCore

/// The tuner keeps whichever setting its timed steps say is faster, and looks again.
@Suite struct ThreadTunerTests {
    /// Runs `steps` steps whose time is `oneThread` on one thread and `shared` on more;
    /// returns the threads each step used.
    func run(_ tuner: inout ThreadTuner, steps: Int, available: Int = 2, oneThread: Double, shared: Double) -> [Int] {
        (0..<steps).map { _ in
            let t = tuner.threads(available: available)
            tuner.record(threads: t, seconds: t > 1 ? shared : oneThread)
            return t
        }
    }

    @Test func keepsTheSharedStepWhenItIsFaster() {
        var tuner = ThreadTuner(probeSteps: 4, period: 50)
        let used = run(&tuner, steps: 200, oneThread: 2e-4, shared: 1.3e-4)
        #expect(Array(used.prefix(8)) == [1, 1, 1, 1, 2, 2, 2, 2], "one comparison first")
        // After the first comparison: all steps on 2 threads but the 4 one-thread probes per period.
        #expect(used.filter { $0 == 1 }.count <= 4 * (200 / 50 + 1))
        #expect(used.suffix(40).filter { $0 == 2 }.count >= 36)
    }

    @Test func fallsBackToOneThreadWhenSharingIsSlower() {
        var tuner = ThreadTuner(probeSteps: 4, period: 50)
        let used = run(&tuner, steps: 200, oneThread: 2e-4, shared: 4.4e-4)
        #expect(used.dropFirst(8).filter { $0 == 2 }.count <= 4 * (200 / 50 + 1))
    }

    @Test func followsAChangeOfMachine() {
        var tuner = ThreadTuner(probeSteps: 4, period: 20)
        _ = run(&tuner, steps: 100, oneThread: 2e-4, shared: 4e-4)
        #expect(!tuner.prefersMany)
        _ = run(&tuner, steps: 100, oneThread: 2e-4, shared: 1e-4)
        #expect(tuner.prefersMany, "a later comparison sees the shared step got faster")
    }

    @Test func oneAvailableThreadIsOneThread() {
        var tuner = ThreadTuner(probeSteps: 2, period: 5)
        #expect(run(&tuner, steps: 30, available: 1, oneThread: 1, shared: 0.1).allSatisfy { $0 == 1 })
        // More threads become available (the other model finished): a comparison starts.
        #expect(Array(run(&tuner, steps: 4, available: 2, oneThread: 2, shared: 1)) == [1, 1, 2, 2])
        #expect(tuner.prefersMany)
    }
}
