import Dispatch
import Foundation
import MDNCore
import Signals
import TermPlot
import Themes

/// The explorer as a program: checks the terminal and the data, starts curses and training,
/// runs `ExplorerLoop` with the ncurses screen, and restores the terminal on every path.
public enum ExplorerApp {
    /// Runs the explorer; returns the process exit code.
    public static func run(_ options: ExplorerOptions) -> Int32 {
        // Startup checks before curses: nothing may reach the terminal when they fail.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError(ExplorerError.notATerminal.description)
            return 2
        }
        let unicode = configureLocale(canvas: options.canvasGiven ? options.canvas : nil)
        let loaded: LoadedData
        do {
            loaded = try LoadedData.load(options)
        } catch {
            printError("\(error)")
            return 1
        }
        guard loaded.data.inputDimension == 1, loaded.data.outputDimension == 1 else {
            printError(
                ExplorerError.unsupportedShape(inputs: loaded.data.inputDimension, outputs: loaded.data.outputDimension)
                    .description)
            return 1
        }
        let loader = ThemeLoader.standard()
        let (initial, warning) = loader.loadOrFallback(options.theme)
        var names = loader.themeNames
        if !names.contains(initial.name) { names.insert(initial.name, at: 0) }
        let themes = ExplorerLoop.ThemeSet(
            loader: loader, names: names, cache: [initial.name: initial], current: initial)
        // SIGINT, SIGTERM and SIGHUP end the loop, which restores the terminal. Caught before
        // newterm, so that ncurses installs no handlers of its own.
        let quit = SignalFlag(catching: [SIGINT, SIGTERM, SIGHUP], queue: DispatchQueue(label: "mdnx.signals"))
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(theme: initial, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError(error.description)
            return 1
        }
        let loop = ExplorerLoop(
            options: options, loaded: loaded, screen: screen, unicode: unicode, themes: themes, warning: warning,
            makeSession: { config -> any TrainingControl in
                // Opened models do not train; `r` and K are refused in `update`.
                if options.models.isEmpty { return TrainingSession(config: config) }
                return OpenedSession(models: options.models, data: loaded.data)
            })
        loop.run(quit: { quit.isSet })
        screen.end()
        if options.profile { printError(loop.profileSummary + "\n" + loop.epochTimingSummary) }
        return quit.signal.map { 128 + $0 } ?? 0
    }

    /// Sets the locale from the environment and decides by `LocaleRule` whether to draw
    /// Unicode: the user's locale is kept unless it is not UTF-8 and `canvas` (given on the
    /// command line) is braille or block, which switches the character type to C.UTF-8 so
    /// the terminal gets UTF-8. True when Unicode is drawn.
    static func configureLocale(canvas: CanvasKind?) -> Bool {
        setlocale(LC_ALL, "")
        switch LocaleRule.decide(localeIsUTF8: isUTF8(), canvas: canvas) {
        case .unicode: return true
        case .ascii: return false
        case .switchToUTF8: return setlocale(LC_CTYPE, "C.UTF-8") != nil && isUTF8()
        }
    }

    private static func isUTF8() -> Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

/// One line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
}
