import ArgumentParser

/// `mdnx data`.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx data is not built yet")
    }
}
