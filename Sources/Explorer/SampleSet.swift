import MDNCore

/// Samples drawn from the MDN's mixtures with given temperatures, cached on the UI side so
/// they are redrawn only when the shown epoch or the temperatures change, not every frame.
/// The same epoch and temperatures always give the same samples (the seed follows the
/// epoch), so a replay shows what live training showed.
public struct SampleSet: Sendable {
    /// x of each sample.
    public var xs: [Float]
    /// y of each sample.
    public var ys: [Float]
    /// What they were drawn from: the MDN run and epoch.
    public var key: ExplorerState.FrameKey
    /// The state's sampling generation (temperatures) they were drawn with.
    public var generation: Int

    /// Samples per mixture row (6,000 samples on the explorer's 1,000 x values).
    public static let perRow = 6

    /// Draws `perRow` samples for every row of `batch` (the mixtures at `xs`).
    public static func draw(
        from batch: MixtureBatch, at xs: [Float], key: ExplorerState.FrameKey, temperature: Double,
        sigmaTemperature: Double, generation: Int
    ) throws -> SampleSet {
        precondition(xs.count == batch.count, "one x per mixture row")
        var rng = SeededRNG(seed: 0x5EED &+ UInt64(key.epoch) &+ UInt64(key.generation) << 32)
        let ys = try batch.samples(
            perRow: perRow, temperature: Float(temperature), sigmaTemperature: Float(sigmaTemperature), rng: &rng)
        var sx = [Float]()
        sx.reserveCapacity(ys.count)
        for x in xs { for _ in 0..<perRow { sx.append(x) } }
        return SampleSet(xs: sx, ys: ys, key: key, generation: generation)
    }

    /// True when these samples still match the shown epoch and the temperatures.
    public func isCurrent(key: ExplorerState.FrameKey, generation: Int) -> Bool {
        self.key == key && self.generation == generation
    }
}
