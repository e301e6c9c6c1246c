import ArgumentParser

/// The `mdnx` command tree: the explorer by default, headless commands for scripts and CI.
@main
struct MDNX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mdnx",
        abstract: "See what a mixture density network learns: a live terminal explorer and headless tools.",
        subcommands: [
            ExploreCommand.self, DataCommand.self, TrainCommand.self, EvalCommand.self,
            SampleCommand.self, PlotCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self
    )
}
