import ArgumentParser

/// `mdnx sample`.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx sample is not built yet")
    }
}
