import Explorer
import Synchronization

/// A training session double: events the test queues come out of `drainEvents` (all at
/// once, or a few per call), and every control call is recorded.
public final class ScriptedSession: TrainingControl {
    /// A control call the loop made.
    public enum Call: Equatable, Sendable {
        case start, stop, pause, resume
        case restartMDN(Int)
    }

    private let queued: Mutex<[TrainingEvent]>
    private let log = Mutex<[Call]>([])
    /// Events handed out per `drainEvents` call (nil: all).
    private let perDrain: Int?

    /// A session that will publish `events`, `perDrain` at a time.
    public init(events: [TrainingEvent] = [], perDrain: Int? = nil) {
        queued = Mutex(events)
        self.perDrain = perDrain
    }

    /// The calls so far.
    public var calls: [Call] { log.withLock { $0 } }

    /// Queues more events.
    public func publish(_ events: [TrainingEvent]) { queued.withLock { $0 += events } }

    public func start() { log.withLock { $0.append(.start) } }

    @discardableResult
    public func stop(timeout: Double) -> Bool {
        log.withLock { $0.append(.stop) }
        return true
    }

    public func pause() { log.withLock { $0.append(.pause) } }
    public func resume() { log.withLock { $0.append(.resume) } }
    public func restartMDN(mixtures: Int) { log.withLock { $0.append(.restartMDN(mixtures)) } }

    public func drainEvents() -> [TrainingEvent] {
        queued.withLock { q in
            let n = min(perDrain ?? q.count, q.count)
            defer { q.removeFirst(n) }
            return Array(q.prefix(n))
        }
    }
}
