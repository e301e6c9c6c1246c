import Synchronization

/// The cores that trainers running at the same time share: while n of them train, each
/// shares its steps among cores / n threads (at least one). So `train --model both` and the
/// explorer give each model one core while both train, and both cores to the one that is
/// left. A step's result does not depend on its thread count (`StepPlan`), so a trainer may
/// change it at any step.
public final class CoreShare: Sendable {
    /// Cores to share.
    public let cores: Int
    private let training = Atomic<Int>(0)

    /// A share of `cores` cores (at least one).
    public init(cores: Int) {
        self.cores = max(1, cores)
    }

    /// One more trainer is training.
    public func begin() { training.add(1, ordering: .relaxed) }

    /// One trainer fewer is training (finished, paused or replaced).
    public func end() { training.subtract(1, ordering: .relaxed) }

    /// Trainers training now.
    public var trainers: Int { training.load(ordering: .relaxed) }

    /// Threads each training trainer may use now.
    public var threadsEach: Int { max(1, cores / max(1, trainers)) }
}
