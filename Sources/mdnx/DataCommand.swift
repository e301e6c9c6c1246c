import ArgumentParser
import MDNCore
import MDNIO

/// `mdnx data`: writes a built-in data set as CSV (x,y), to stdout or a file.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Write a built-in data set as CSV (columns x,y).",
        discussion: """
            spiral: the Keras tutorial's noisy spiral (angle ~ U(0, 2 pi R), radius = angle, Gaussian \
            jitter on both coordinates, then one min-max scaling of both columns to [0, 5]). \
            bishop: Bishop's inverse problem (t ~ U(0, 1), x = t + 0.3 sin(2 pi t) + U(-0.1, 0.1); \
            column y holds t). Output goes to standard output unless --output is given.
            """)

    @Argument(help: "Which data set: spiral or bishop.")
    var name: DatasetName

    @Option(
        parsing: .unconditional, help: "Number of points. (default: 10000)",
        transform: OptionValue.integer("--count", 1...Datasets.maximumCount))
    var count: Int = 10_000

    @Option(
        parsing: .unconditional, help: "Random seed (the same seed gives the same file). (default: 42)",
        transform: OptionValue.seed())
    var seed: UInt64 = 42

    @Option(
        parsing: .unconditional,
        help: "Spiral only: standard deviation of the Gaussian jitter, before scaling. (default: 0.2)",
        transform: OptionValue.double("--jitter", .nonNegative))
    var jitter: Double?

    @Option(
        parsing: .unconditional, help: "Spiral only: number of turns. (default: 2)",
        transform: OptionValue.double("--revolutions", .positive))
    var revolutions: Double?

    @Option(name: [.short, .long], help: "Write to this file instead of standard output (- for stdout).")
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    func validate() throws {
        if name == .bishop && (jitter != nil || revolutions != nil) {
            throw ValidationError("--jitter and --revolutions apply to the spiral only")
        }
    }

    func run() throws {
        let data: Dataset
        switch name {
        case .spiral:
            data = Datasets.spiral(count: count, jitter: jitter ?? 0.2, revolutions: revolutions ?? 2, seed: seed)
        case .bishop:
            data = name.generate(count: count, seed: seed)
        }
        var values = [Float]()
        values.reserveCapacity(2 * data.count)
        for i in 0..<data.count {
            values.append(data.x[i])
            values.append(data.y[i])
        }
        try CSVOutput.write(header: ["x", "y"], values: values, to: output, overwrite: force)
        if let output, output != "-" {
            printToStandardError("wrote \(data.count) rows (\(name.rawValue), seed \(seed)) to \(output)")
        }
    }
}
