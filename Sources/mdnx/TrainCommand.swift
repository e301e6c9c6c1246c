import ArgumentParser

/// `mdnx train`.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx train is not built yet")
    }
}
