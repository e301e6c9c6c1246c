import Testing

@testable import mdnx

/// `mdnx train`'s progress line: elapsed time and the time left at the mean epoch time.
@Suite struct TrainProgressTests {
    @Test func etaIsTheMeanEpochTimesTheEpochsLeft() {
        // 10 of 60 epochs in 20 s: 2 s each, 50 left -> 100 s = 1:40.
        let p = TrainProgress(epoch: 10, maxEpochs: 60, elapsed: 20)
        #expect(p.secondsLeft == 100 && p.eta == "eta 1:40")
        #expect(p.bar == "[=====                         ] 10/60 epochs, 0:20 elapsed, eta 1:40")
        #expect(TrainProgress(epoch: 60, maxEpochs: 60, elapsed: 20).eta == "")
        #expect(TrainProgress(epoch: 0, maxEpochs: 60, elapsed: 0).secondsLeft == nil)
    }

    @Test func clock() {
        #expect(TrainProgress.clock(0) == "0:00" && TrainProgress.clock(59.6) == "1:00")
        #expect(TrainProgress.clock(754) == "12:34" && TrainProgress.clock(3725) == "1:02:05")
        #expect(TrainProgress.clock(-3) == "0:00")
    }
}
