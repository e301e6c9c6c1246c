import MDNCore

/// Samples drawn from the MDN's mixture with given temperatures, cached on the UI side so
/// they are redrawn only when the snapshot or the temperatures change, not every frame.
public struct SampleSet: Sendable {
    /// x of each sample.
    public var xs: [Float]
    /// y of each sample.
    public var ys: [Float]
    /// The snapshot sequence they were drawn from.
    public var sequence: Int
    /// The state's sampling generation (temperatures) they were drawn with.
    public var generation: Int

    /// Samples per mixture row.
    public static let perRow = 2

    /// Draws `perRow` samples for every row of `snapshot`'s mixture; nil before the MDN's first epoch.
    public static func draw(
        from snapshot: Snapshot, temperature: Double, sigmaTemperature: Double,
        generation: Int
    ) throws -> SampleSet? {
        guard let batch = snapshot.mixtureRows else { return nil }
        var rng = SeededRNG(seed: 0x5EED &+ UInt64(snapshot.sequence))
        let ys = try batch.samples(
            perRow: perRow, temperature: Float(temperature), sigmaTemperature: Float(sigmaTemperature), rng: &rng)
        var xs = [Float]()
        xs.reserveCapacity(ys.count)
        for x in snapshot.mixtureX { for _ in 0..<perRow { xs.append(x) } }
        return SampleSet(xs: xs, ys: ys, sequence: snapshot.sequence, generation: generation)
    }

    /// True when these samples still match the snapshot and temperatures.
    public func isCurrent(sequence: Int, generation: Int) -> Bool {
        self.sequence == sequence && self.generation == generation
    }
}
