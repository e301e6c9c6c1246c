import Foundation
import Testing

/// The built `mdnx` executable, next to this test bundle in `.build/<config>/`.
private let mdnxBinary: String = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return exe.deletingLastPathComponent().appendingPathComponent("mdnx").path
}()

/// Runs a program to completion with stdin from /dev/null; returns (exit code, stdout, stderr).
/// Uses posix_spawn + waitpid and temporary files rather than Foundation's Process and pipes:
/// the tmux server that `new-session` starts inherits the client's descriptors (a pipe would
/// never reach end-of-file), and Process did not reap the exiting tmux client here.
@discardableResult
private func run(_ path: String, _ args: [String]) throws -> (Int32, String, String) {
    let dir = NSTemporaryDirectory()
    let outPath = dir + "mdnx-e2e-out-\(UUID().uuidString)"
    let errPath = dir + "mdnx-e2e-err-\(UUID().uuidString)"
    defer {
        unlink(outPath)
        unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard rc == 0 else { throw E2EError.spawn(path, rc) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let o = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let e = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return (code, o, e)
}

private let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// A detached tmux server on its own socket, running mdnx inside `sh` so the pane survives it.
private final class TmuxExplorer {
    let socket = "mdnx-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let exportDir: String
    /// The pane's shell: leader of the process group holding mdnx and the final sleep.
    private(set) var panePID: Int32 = 0

    /// Starts mdnx with `extraArgs` in the locale `locale` (an environment assignment).
    init(extraArgs: [String] = [], locale: String = "LANG=C.UTF-8") throws {
        exportDir = NSTemporaryDirectory() + "mdnx-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: exportDir, withIntermediateDirectories: true)
        let args = (["--export-dir", exportDir, "--export-format", "txt,svg", "--fps", "20"] + extraArgs).joined(
            separator: " ")
        // SIGINT is ignored by the wrapper shell only, so Ctrl-C reaches mdnx and the pane stays.
        let script = "trap '' INT; \(locale) '\(mdnxBinary)' \(args); echo MDNX-EXIT=$?; sleep 60"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "48", "-s", "e2e", "sh", "-c", script])
        panePID =
            Int32(
                try tmux(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"])
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit {
        // SIGHUP from kill-server may be ignored (inherited); end the pane's group explicitly.
        if panePID > 0 { kill(-panePID, SIGKILL) }
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: exportDir)
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let (code, out, err) = try run(tmuxPath!, ["-L", socket] + args)
        if code != 0 { throw E2EError.tmux(args.joined(separator: " ") + ": " + err) }
        return out
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "e2e"])) ?? "" }
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "e2e"] + keys) }

    /// Polls the screen until `condition` holds; returns the last screen.
    func wait(_ what: String, timeout: Double = 30, _ condition: (String) -> Bool) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        throw E2EError.timeout(what, last)
    }

    /// The pid of mdnx: the child of the pane's shell.
    func mdnxPID() throws -> Int32 {
        let children = try String(contentsOfFile: "/proc/\(panePID)/task/\(panePID)/children", encoding: .utf8)
        guard let pid = children.split(separator: " ").first.flatMap({ Int32($0) }) else { throw E2EError.noProcess }
        return pid
    }
}

private enum E2EError: Error, CustomStringConvertible {
    case tmux(String)
    case timeout(String, String)
    case noProcess
    case spawn(String, Int32)
    var description: String {
        switch self {
        case .tmux(let s): "tmux failed: \(s)"
        case .timeout(let what, let screen): "timed out waiting for \(what); screen:\n\(screen)"
        case .noProcess: "mdnx process not found"
        case .spawn(let path, let rc): "cannot start \(path): error \(rc)"
        }
    }
}

/// The epoch the MSE model shows in the status bar, or -1.
private func mseEpoch(_ screen: String) -> Int {
    guard let r = screen.range(of: #"MSE ep (\d+)"#, options: .regularExpression) else { return -1 }
    return Int(screen[r].split(separator: " ").last!) ?? -1
}

/// The timeline's length in the status bar when live ("live ep 412/412"), or nil.
private func liveCount(_ screen: String) -> Int? {
    guard let r = screen.range(of: #"live ep (\d+)/"#, options: .regularExpression) else { return nil }
    return Int(screen[r].dropFirst("live ep ".count).dropLast())
}

@Suite(
    "explorer end to end (real binary in tmux)", .serialized,
    .enabled(if: tmuxPath != nil && FileManager.default.isExecutableFile(atPath: mdnxBinary)))
struct EndToEndTests {
    @Test("train, change K/T/S, switch view, export, pause, quit: the terminal is restored")
    func keysAndQuit() throws {
        let t = try TmuxExplorer()
        _ = try t.wait("epochs in the status bar") { mseEpoch($0) >= 1 && $0.contains("MDN ep") }
        try t.press("K")
        _ = try t.wait("K 21") { $0.contains("| K 21 |") && $0.contains("MDN NLL (K 21)") }
        try t.press("t")
        _ = try t.wait("T 0.8") { $0.contains("| T 0.8 |") }
        try t.press("S")
        _ = try t.wait("sigma temperature") { $0.contains("S 1.25 (variance x1.25)") }
        try t.press("v")
        _ = try t.wait("side by side view") { $0.contains("[side by side]") && $0.contains("ground truth") }
        try t.press("e")
        let exported = try t.wait("export message") { $0.contains("exported ") }
        let files = try FileManager.default.contentsOfDirectory(atPath: t.exportDir).sorted()
        #expect(files.count == 2)
        let file = try #require(files.first { $0.hasSuffix(".txt") })
        let svg = try #require(files.first { $0.hasSuffix(".svg") })
        #expect(file.hasPrefix("mdnx-side-") && svg.hasPrefix("mdnx-side-"))
        #expect(exported.contains("mdnx-side-"))
        let text = try String(contentsOfFile: t.exportDir + "/" + file, encoding: .utf8)
        #expect(text.contains("ground truth") && text.contains("MSE prediction") && text.contains("MDN samples"))
        let svgText = try String(contentsOfFile: t.exportDir + "/" + svg, encoding: .utf8)
        #expect(svgText.contains("<svg") && svgText.contains("ground truth"))
        try t.press("Space")
        _ = try t.wait("paused") { $0.contains(" paused |") }
        usleep(400_000)  // the epoch that was running when space arrived still completes
        let held = mseEpoch(t.screen())
        usleep(600_000)
        #expect(mseEpoch(t.screen()) == held, "epochs must not advance while paused")
        try t.press("?")
        _ = try t.wait("help") { $0.contains("Keys (Esc or ? closes)") }
        try t.press("Escape")
        _ = try t.wait("help closed") { !$0.contains("Keys (Esc or ? closes)") }
        try t.press("q")
        let after = try t.wait("exit") { $0.contains("MDNX-EXIT=") }
        #expect(after.contains("MDNX-EXIT=0"))
        #expect(!after.contains("q quit") && !after.contains("steps/s"), "the alternate screen was left")
    }

    @Test("K and k pressed ten times: the MSE run goes on and the session finishes; then , Home P End move in time")
    func restartsThenTimeline() throws {
        let t = try TmuxExplorer(extraArgs: ["--count", "1500"])
        _ = try t.wait("epochs in the status bar") { mseEpoch($0) >= 2 }
        let before = mseEpoch(t.screen())
        for _ in 0..<5 {
            try t.press("K")
            usleep(100_000)
            try t.press("k")
            usleep(100_000)
        }
        _ = try t.wait("the MSE epoch rising after the presses") { mseEpoch($0) > before + 3 }
        let finished = try t.wait("finished", timeout: 180) { $0.contains(" finished (") }
        let count = try #require(liveCount(finished))
        for _ in 0..<20 { try t.press(",") }
        _ = try t.wait("20 epochs back") { $0.contains("history ep \(count - 20)/\(count)") }
        try t.press("Home")
        _ = try t.wait("the first epoch") { $0.contains("history ep 1/\(count)") && $0.contains("MDN ep 1/") }
        try t.press("P")
        _ = try t.wait("replaying") { $0.contains("replay ep ") }
        try t.press("End")
        _ = try t.wait("live") { $0.contains("live ep \(count)/\(count)") }
        try t.press("q")
        _ = try t.wait("exit") { $0.contains("MDNX-EXIT=0") }
    }

    @Test(
        "mdnx --model on a checkpoint trained on a user CSV: its data, i and the arrows, a click, w; eval of the written file equals eval of the original"
    )
    func openedModelInspectorAndWrite() throws {
        let dir = NSTemporaryDirectory() + "mdnx-e2e-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A user CSV (Bishop's inverse problem under other column names), a model trained on it.
        var csv = "t,height\n"
        for i in 0..<600 {
            let x = Double(i) / 600
            csv += "\(x + 0.3 * sin(2 * Double.pi * x)),\(x)\n"
        }
        try csv.write(toFile: dir + "/user.csv", atomically: true, encoding: .utf8)
        let model = dir + "/user-mdn.safetensors"
        let (trained, _, trainErr) = try run(
            mdnxBinary,
            [
                "train", "--data", dir + "/user.csv", "--x", "t", "--y", "height", "--model", "mdn", "--mixtures", "3",
                "--epochs", "8", "--quiet", "--save", model,
            ])
        #expect(trained == 0, "\(trainErr)")
        let t = try TmuxExplorer(extraArgs: ["--model", model])
        _ = try t.wait("the opened model on its CSV") {
            $0.contains("opened user-mdn.safetensors (not training)") && $0.contains("user.csv (600)")
                && $0.contains("MDN ep 1")
        }
        try t.press("i")
        let opened = try t.wait("the inspector") { $0.contains("p(height | t = ") && $0.contains("modes (") }
        try t.press("Right")
        try t.press("S-Right")
        let moved = try t.wait("x0 moved 11 cells") { $0.contains("x0 = ") && $0 != opened }
        #expect(moved.contains("modes ("))
        // A click on the main plot: the terminal's mouse report (X10 form, as tmux-256color's
        // kmous says: ESC [ M, then 32 + button 1's press, 32 + 1-based column 21, row 11).
        try t.tmux(["send-keys", "-t", "e2e", "-l", "\u{1B}[M 5+"])
        _ = try t.wait("a click sets x0") { $0.contains("(Left/Right move it, i closes)") }
        try t.press("w")
        let wrote = try t.wait("w wrote the model") { $0.contains("wrote ") && $0.contains(".safetensors") }
        #expect(!wrote.contains("half precision"))
        try t.press("q")
        _ = try t.wait("exit") { $0.contains("MDNX-EXIT=0") }
        let written = try FileManager.default.contentsOfDirectory(atPath: t.exportDir).filter {
            $0.hasPrefix("mdnx-mdn-") && $0.hasSuffix(".safetensors")
        }
        #expect(written.count == 1)
        let copy = t.exportDir + "/" + (written.first ?? "")
        // The text report (the JSON one also names the model's file).
        let args = ["eval", "--data", dir + "/user.csv", "--x", "t", "--y", "height", "--model"]
        let (c1, original, e1) = try run(mdnxBinary, args + [model])
        let (c2, rewritten, e2) = try run(mdnxBinary, args + [copy])
        #expect(c1 == 0 && c2 == 0, "\(e1) \(e2)")
        #expect(!original.isEmpty && original == rewritten)
    }

    @Test("SIGTERM restores the terminal")
    func sigterm() throws {
        let t = try TmuxExplorer()
        _ = try t.wait("epochs") { mseEpoch($0) >= 1 }
        kill(try t.mdnxPID(), SIGTERM)
        let after = try t.wait("exit") { $0.contains("MDNX-EXIT=") }
        #expect(after.contains("MDNX-EXIT=143"))
        #expect(!after.contains("q quit") && !after.contains("steps/s"))
    }

    @Test("Ctrl-C restores the terminal")
    func ctrlC() throws {
        let t = try TmuxExplorer()
        _ = try t.wait("epochs") { mseEpoch($0) >= 1 }
        try t.press("C-c")
        let after = try t.wait("exit") { $0.contains("MDNX-EXIT=") }
        #expect(after.contains("MDNX-EXIT=130"))
        #expect(!after.contains("q quit") && !after.contains("steps/s"))
    }

    @Test("a non-UTF-8 locale draws ASCII in the user's locale; --canvas braille overrides")
    func asciiLocale() throws {
        let t = try TmuxExplorer(locale: "LC_ALL=C")
        let screen = try t.wait("epochs") { mseEpoch($0) >= 1 && $0.contains("locale is not UTF-8") }
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
        #expect(screen.contains("+---") && screen.contains("MDN samples"))
        try t.press("m")
        _ = try t.wait("ASCII only") { $0.contains("canvas: ascii (locale is not UTF-8: ASCII only)") }
        try t.press("q")
        _ = try t.wait("exit") { $0.contains("MDNX-EXIT=0") }
        let braille = try TmuxExplorer(extraArgs: ["--canvas", "braille"], locale: "LC_ALL=C")
        let drawn = try braille.wait("braille") { mseEpoch($0) >= 1 }
        #expect(drawn.unicodeScalars.contains { $0.value >= 0x2800 && $0.value <= 0x28FF })
        try braille.press("q")
        _ = try braille.wait("exit") { $0.contains("MDNX-EXIT=0") }
    }

    @Test("a too-small terminal says what it needs")
    func tooSmall() throws {
        let t = try TmuxExplorer()
        _ = try t.wait("epochs") { mseEpoch($0) >= 1 }
        try t.tmux(["resize-window", "-t", "e2e", "-x", "50", "-y", "15"])
        _ = try t.wait("too small") { $0.contains("terminal too small: need 60 x 20 (have 50 x 15)") }
        try t.tmux(["resize-window", "-t", "e2e", "-x", "160", "-y", "48"])
        _ = try t.wait("redrawn") { $0.contains("steps/s") }
        try t.press("q")
        _ = try t.wait("exit") { $0.contains("MDNX-EXIT=0") }
    }
}

@Suite("explorer without a terminal")
struct NoTerminalTests {
    @Test(
        "pipes on stdin/stdout: non-zero exit, one line on stderr, nothing on stdout",
        .enabled(if: FileManager.default.isExecutableFile(atPath: mdnxBinary)))
    func noTTY() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: mdnxBinary)
        let inPipe = Pipe()
        let outPipe = Pipe()
        let errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        let out = String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let code = p.terminationStatus
        #expect(code != 0)
        #expect(out.isEmpty)
        let lines = err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(err.contains("mdnx train") && err.contains("mdnx plot") && err.contains("mdnx sample"))
        #expect(!err.contains("\u{1B}"), "no escape sequences")
    }
}
