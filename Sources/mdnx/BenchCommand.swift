import ArgumentParser

/// `mdnx bench`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx bench is not built yet")
    }
}
