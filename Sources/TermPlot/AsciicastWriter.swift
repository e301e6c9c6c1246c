/// Writes terminal frames as an asciicast v2 recording (`.cast`), the format `asciinema play`
/// and the asciinema web player read: a JSON header line (`version` 2, `width`, `height`, ...)
/// and then one `[time, "o", data]` line per frame, where `data` is what a terminal of that
/// size is sent to show the frame.
///
/// Each frame is a CellGrid drawn by the one ANSI encoder (`AnsiExporter`): the first frame
/// clears the screen and hides the cursor, later frames move the cursor to each row that
/// changed (`ESC[row;1H`) and redraw only that row. Times must not decrease.
public struct AsciicastWriter {
    /// Terminal width in cells.
    public let width: Int
    /// Terminal height in cells.
    public let height: Int
    /// How roles become escape codes.
    private let style: (StyleRole) -> TerminalStyle
    /// The file so far: the header line and one line per event.
    public private(set) var bytes: [UInt8] = []
    /// The rows last sent, as escape-coded text (empty before the first frame).
    private var shownRows: [Substring] = []
    /// The time of the last event.
    private var lastTime: Double = 0
    /// Frames written.
    public private(set) var frameCount = 0

    /// Starts a recording of a `width` x `height` terminal whose frames use `palette`'s
    /// colours at `mode`; `title` and `timestamp` (Unix seconds) go into the header.
    public init(
        width: Int, height: Int, palette: Palette, mode: AnsiColorMode = .truecolor, title: String? = nil,
        timestamp: Int? = nil
    ) {
        func color(_ c: RGB) -> TerminalColor { mode == .truecolor ? .rgb(c) : .indexed(Xterm256.nearestIndex(c)) }
        self.init(width: width, height: height, title: title, timestamp: timestamp) { role in
            let s = palette.style(for: role)
            return TerminalStyle(
                fg: color(s.foreground), bg: color(s.background ?? palette.background), bold: s.bold, dim: s.dim,
                reverse: s.reverse)
        }
    }

    /// Starts a recording of a `width` x `height` terminal whose frames are drawn with `style`.
    public init(
        width: Int, height: Int, title: String? = nil, timestamp: Int? = nil,
        style: @escaping (StyleRole) -> TerminalStyle
    ) {
        precondition(width >= 1 && height >= 1, "an asciicast needs a terminal of at least 1 x 1 cells")
        self.width = width
        self.height = height
        self.style = style
        // The header: keys sorted, as asciinema writes them.
        var header = "{\"env\": {\"TERM\": \"xterm-256color\"}, \"height\": \(height)"
        if let timestamp { header += ", \"timestamp\": \(timestamp)" }
        if let title { header += ", \"title\": " + Self.jsonString(VisibleText.escaped(title)) }
        header += ", \"version\": 2, \"width\": \(width)}\n"
        bytes.append(contentsOf: header.utf8)
    }

    /// Adds `grid` (exactly the terminal's size) shown from `time` seconds on.
    public mutating func append(_ grid: CellGrid, at time: Double) {
        precondition(grid.width == width && grid.height == height, "an asciicast frame must fill the terminal")
        precondition(time.isFinite && time >= lastTime, "asciicast times must not decrease")
        let rows = AnsiExporter.ansi(grid, style: style).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(height)
        var data = ""
        if shownRows.isEmpty {
            // Hide the cursor, reset attributes, clear the screen.
            data += "\u{1B}[?25l\u{1B}[0m\u{1B}[2J"
        }
        for (i, row) in rows.enumerated() where shownRows.isEmpty || shownRows[i] != row {
            data += "\u{1B}[\(i + 1);1H" + row
        }
        shownRows = Array(rows)
        event(data, at: time)
        frameCount += 1
    }

    /// Ends the recording at `time` (the last frame stays until then): resets attributes,
    /// puts the cursor on the bottom row and shows it again.
    public mutating func finish(at time: Double) {
        precondition(time.isFinite && time >= lastTime, "asciicast times must not decrease")
        event("\u{1B}[0m\u{1B}[\(height);1H\u{1B}[?25h", at: time)
    }

    /// The recording as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends the line `[time, "o", data]` (time rounded to microseconds, as asciinema records).
    private mutating func event(_ data: String, at time: Double) {
        lastTime = time
        let line = "[\(Self.jsonNumber(time)), \"o\", \(Self.jsonString(data))]\n"
        bytes.append(contentsOf: line.utf8)
    }

    /// A time in seconds as a JSON number with at most six decimals ("0.1", "12.345678").
    static func jsonNumber(_ seconds: Double) -> String {
        let micro = Int64((seconds * 1e6).rounded())
        let whole = micro / 1_000_000
        var fraction = String(micro % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped (TermPlot
    /// has no Foundation, hence no JSONEncoder).
    static func jsonString(_ text: String) -> String {
        let hex = Array("0123456789abcdef".unicodeScalars)
        var out = String.UnicodeScalarView()
        out.append("\"")
        for s in text.unicodeScalars {
            switch s {
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default:
                if s.value < 0x20 {
                    out.append(contentsOf: "\\u00".unicodeScalars)
                    out.append(hex[Int(s.value >> 4)])
                    out.append(hex[Int(s.value & 15)])
                } else {
                    out.append(s)
                }
            }
        }
        out.append("\"")
        return String(out)
    }
}
