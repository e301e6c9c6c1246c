import Foundation

/// Where an available theme comes from.
public enum ThemeSource: String, Hashable, Sendable {
    /// The user's theme directory (`$XDG_CONFIG_HOME/mdnx/themes`).
    case user
    /// The project's `themes/` directory.
    case project
    /// Compiled in (`Theme.builtinDefault`).
    case builtin
}

/// A theme that can be selected by name.
public struct ThemeEntry: Hashable, Sendable {
    /// The name (file name without `.toml`).
    public var name: String
    /// The file, or nil for the built-in theme.
    public var path: String?
    /// Where it comes from.
    public var source: ThemeSource
}

/// Finds and loads themes: `--theme NAME|PATH`, then the user's directory, then the project's
/// `themes/` directory, then the compiled-in dark theme.
public struct ThemeLoader: Sendable {
    /// The name of the default theme.
    public static let defaultName = "dark"

    /// The user's theme directory (searched first), if any.
    public var userDirectory: String?
    /// The project's `themes/` directory (searched second), if any.
    public var projectDirectory: String?
    /// The file system to read.
    public var fileSystem: any ThemeFileSystem
    /// Paths under this directory are shown relative to it in messages.
    public var currentDirectory: String?

    /// Creates a loader over explicit directories.
    public init(
        userDirectory: String?, projectDirectory: String?, fileSystem: any ThemeFileSystem = LocalFileSystem(),
        currentDirectory: String? = nil
    ) {
        self.userDirectory = userDirectory
        self.projectDirectory = projectDirectory
        self.fileSystem = fileSystem
        self.currentDirectory = currentDirectory
    }

    /// The loader for this process: the user directory from the environment, the project
    /// directory found from the executable's path and from the current directory.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = Bundle.main.executablePath,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        fileSystem: any ThemeFileSystem = LocalFileSystem()
    ) -> ThemeLoader {
        var starts: [String] = []
        if let exe = executablePath {
            let resolved = URL(fileURLWithPath: exe).resolvingSymlinksInPath().path
            starts.append(parentDirectory(resolved))
        }
        starts.append(currentDirectory)
        return ThemeLoader(
            userDirectory: userThemeDirectory(environment: environment),
            projectDirectory: findProjectThemes(from: starts, fileSystem: fileSystem),
            fileSystem: fileSystem, currentDirectory: currentDirectory)
    }

    /// `$XDG_CONFIG_HOME/mdnx/themes` (XDG_CONFIG_HOME must be absolute), else
    /// `$HOME/.config/mdnx/themes`, else nil.
    public static func userThemeDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return join(xdg, "mdnx/themes") }
        if let home = environment["HOME"], !home.isEmpty { return join(home, ".config/mdnx/themes") }
        return nil
    }

    /// The first `themes/` directory found walking up from each start directory in turn: one
    /// next to a `Package.swift` (a source checkout: `.build/release/mdnx` -> the package
    /// root), or an installed `PREFIX/share/mdnx/themes` (walking up from `PREFIX/bin`).
    public static func findProjectThemes(from starts: [String], fileSystem: any ThemeFileSystem) -> String? {
        for start in starts {
            var dir = start
            while true {
                let themes = join(dir, "themes")
                if fileSystem.exists(join(dir, "Package.swift")) && fileSystem.exists(themes) { return themes }
                let shared = join(dir, "share/mdnx/themes")
                if fileSystem.exists(shared) { return shared }
                let parent = parentDirectory(dir)
                if parent == dir { break }
                dir = parent
            }
        }
        return nil
    }

    /// Whether `--theme` names a file (contains "/" or ends in `.toml`) rather than a theme.
    public static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
    }

    /// Every theme that can be selected by name: the default first, then by name; a user
    /// theme hides a project theme of the same name.
    public func available() -> [ThemeEntry] {
        var byName: [String: ThemeEntry] = [
            Self.defaultName: ThemeEntry(name: Self.defaultName, path: nil, source: .builtin)
        ]
        for (dir, source) in [(projectDirectory, ThemeSource.project), (userDirectory, .user)] {
            guard let dir, let names = fileSystem.contentsOfDirectory(dir) else { continue }
            for file in names where file.hasSuffix(".toml") && !file.hasPrefix(".") {
                let name = String(file.dropLast(".toml".count))
                byName[name] = ThemeEntry(name: name, path: Self.join(dir, file), source: source)
            }
        }
        return byName.values.sorted { a, b in
            if (a.name == Self.defaultName) != (b.name == Self.defaultName) { return a.name == Self.defaultName }
            return a.name < b.name
        }
    }

    /// The names of `available()`, in cycling order.
    public var themeNames: [String] { available().map(\.name) }

    /// The theme after `name` in cycling order (wrapping around); the first one when `name`
    /// is not available (e.g. a theme loaded from a path).
    public func next(after name: String) -> String {
        let names = themeNames
        guard let i = names.firstIndex(of: name) else { return names[0] }
        return names[(i + 1) % names.count]
    }

    /// Loads a theme by name or path (`nil`: the default theme). A name is looked up in the
    /// user directory, then the project directory; `dark` falls back to the built-in copy.
    public func load(_ nameOrPath: String?) throws(ThemeError) -> Theme {
        let request = nameOrPath ?? Self.defaultName
        if Self.isPath(request) {
            let file = URL(fileURLWithPath: request).lastPathComponent
            let name = file.hasSuffix(".toml") ? String(file.dropLast(".toml".count)) : file
            return try loadFile(request, name: name)
        }
        guard let entry = available().first(where: { $0.name == request }) else {
            throw .notFound(
                name: request, available: themeNames,
                searched: [userDirectory, projectDirectory].compactMap { $0.map(display) })
        }
        guard let path = entry.path else { return Theme.builtinDefault }
        return try loadFile(path, name: entry.name)
    }

    /// Loads a theme, or the built-in default theme with a one-line warning saying why.
    public func loadOrFallback(_ nameOrPath: String?) -> (theme: Theme, warning: String?) {
        do {
            return (try load(nameOrPath), nil)
        } catch {
            return (Theme.builtinDefault, "\(error) (using the built-in dark theme)")
        }
    }

    /// Reads and parses one file; keys it leaves out come from the built-in default.
    public func loadFile(_ path: String, name: String) throws(ThemeError) -> Theme {
        let text = try fileSystem.readText(path)
        return try ThemeParser.parse(text, name: name, file: display(path), defaults: Theme.builtinDefault).theme
    }

    /// `path` relative to the current directory when it lies below it (absolute when the
    /// current directory is the root).
    func display(_ path: String) -> String {
        guard let cwd = currentDirectory, !cwd.isEmpty, cwd != "/" else { return path }
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    static func parentDirectory(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        return slash == p.startIndex ? "/" : String(p[..<slash])
    }
}
