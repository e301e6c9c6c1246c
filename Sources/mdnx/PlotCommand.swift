import ArgumentParser

/// `mdnx plot`.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plot", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("mdnx plot is not built yet")
    }
}
