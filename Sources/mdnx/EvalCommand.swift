import ArgumentParser

/// `mdnx eval`.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx eval is not built yet")
    }
}
