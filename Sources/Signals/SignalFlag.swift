import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A flag that POSIX signals raise, for loops that poll it: `mdnx train` stops training on
/// SIGINT, the explorer ends its loop (and restores the terminal) on SIGINT, SIGTERM or SIGHUP.
///
/// The signals are handled on a dispatch queue, not in an async-signal handler, so handling
/// one is an ordinary atomic store; the flag may be read from any thread. Their default
/// action (ending the process) is ignored from the moment the flag is made, and stays ignored
/// after it is gone; ignoring it also keeps libraries such as ncurses from installing their
/// own handlers. The flag owns its signal sources and cancels them when it goes away.
public final class SignalFlag: Sendable {
    /// The signal that raised the flag, or 0; shared with the sources' handlers.
    private let received: Received
    /// The dispatch sources delivering the signals (kept alive by the flag).
    private let sources: Mutex<[any DispatchSourceSignal]>

    /// A flag that each of `signals` raises; their handlers run on `queue`.
    public init(catching signals: [Int32], queue: DispatchQueue = .global()) {
        let received = Received()
        self.received = received
        sources = Mutex(Self.sources(for: signals, queue: queue, raising: received))
    }

    deinit {
        sources.withLock { sources in
            for source in sources { source.cancel() }
        }
    }

    /// The signal that raised the flag (the latest, if several arrived), or nil.
    public var signal: Int32? {
        let s = received.signal.load(ordering: .acquiring)
        return s == 0 ? nil : s
    }

    /// True once one of the signals arrived.
    public var isSet: Bool { signal != nil }

    /// Resumed signal sources for `signals` whose handlers store the signal in `received`.
    private static func sources(for signals: [Int32], queue: DispatchQueue, raising received: Received)
        -> [any DispatchSourceSignal]
    {
        signals.map { sig in
            ignoreDefaultAction(sig)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            // @Sendable: a closure written in main-actor code would otherwise be main-actor
            // isolated and trap when the signal queue runs it.
            source.setEventHandler(handler: { @Sendable in received.signal.store(sig, ordering: .releasing) })
            source.resume()
            return source
        }
    }
}

/// The signal number a `SignalFlag`'s handlers store (0: none yet).
private final class Received: Sendable {
    let signal = Atomic<Int32>(0)
}

/// Sets `sig`'s disposition to SIG_IGN, so that it reaches only the dispatch sources.
private func ignoreDefaultAction(_ sig: Int32) {
    _ = signal(sig, SIG_IGN)
}
