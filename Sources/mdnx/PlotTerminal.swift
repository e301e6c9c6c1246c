import Foundation

/// Terminal facts for `mdnx plot` without `--output`.
enum PlotTerminal {
    /// The size of the terminal on `fd` in cells, if it is one.
    static func size(fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
        guard isatty(fd) == 1 else { return nil }
        var ws = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }
}
