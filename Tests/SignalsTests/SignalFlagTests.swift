import Foundation
import Signals
import Testing

/// The flag's own bookkeeping. Delivery of real signals is tested through the programs that
/// catch them, each in a process of its own (a signal sent to the test process would go to
/// whichever of its threads does not block it): `mdnx train` on SIGINT (CLITests) and the
/// explorer on SIGINT and SIGTERM (ExplorerTests).
@Suite("SignalFlag")
struct SignalFlagTests {
    @Test func startsLoweredAndRecordsWhatRaisedIt() {
        let flag = SignalFlag()
        #expect(!flag.isSet && flag.signal == nil)
        flag.raise(SIGTERM)
        #expect(flag.isSet && flag.signal == SIGTERM)
    }

    @Test func theLatestSignalWins() {
        let flag = SignalFlag()
        flag.raise(SIGINT)
        flag.raise(SIGHUP)
        #expect(flag.signal == SIGHUP)
    }
}
