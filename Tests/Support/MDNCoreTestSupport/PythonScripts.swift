import Foundation

/// The checking scripts in Tests/Scripts (check_cast.py, check_gif.py) and module checks,
/// for tests that read our exports back with Python's own readers (Pillow, asciinema, pyte).
extension Python {
    /// Whether python3 can import every one of `modules` here.
    public static func canImport(_ modules: String...) -> Bool {
        run("import " + modules.joined(separator: ", "), arguments: []).status == 0
    }

    /// The path of a checking script in Tests/Scripts (e.g. "check_cast.py").
    public static func scriptPath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts").appendingPathComponent(name).path
    }

    /// Runs the checking script `name` from Tests/Scripts with `arguments`.
    public static func runScript(_ name: String, arguments: [String]) -> (status: Int32, output: String, error: String)
    {
        run(
            "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
            arguments: [scriptPath(name)] + arguments)
    }
}
