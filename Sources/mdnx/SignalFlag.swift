import Foundation
import Synchronization

/// A stop flag set by SIGINT, checked by the trainer between batches.
final class SignalFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    /// True once the signal arrived.
    var isSet: Bool { flag.load(ordering: .relaxed) }
    /// Sets the flag.
    func set() { flag.store(true, ordering: .relaxed) }

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs a SIGINT handler (once per call) that sets the returned flag.
    static func installInterruptHandler() -> SignalFlag {
        let f = SignalFlag()
        signal(SIGINT, SIG_IGN)
        let src = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        src.setEventHandler { @Sendable in f.set() }
        src.resume()
        sources.append(src)
        return f
    }
}
