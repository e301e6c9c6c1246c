import ArgumentParser

/// `mdnx explore`.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explore", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx explore is not built yet")
    }
}
