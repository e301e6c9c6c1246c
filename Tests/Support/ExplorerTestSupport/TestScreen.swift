import Explorer
import Foundation
import Synchronization
import TermPlot
import Themes

/// A monotonic clock the test moves: the explorer loop's time, advanced by `TestScreen` when
/// it waits.
public final class TestClock: Sendable {
    private let nanoseconds = Atomic<UInt64>(1_000_000_000)

    /// A clock at 1 s.
    public init() {}

    /// The time, nanoseconds.
    public var now: UInt64 { nanoseconds.load(ordering: .relaxed) }

    /// Moves the clock on.
    public func advance(milliseconds: Int) {
        nanoseconds.add(UInt64(milliseconds) * 1_000_000, ordering: .relaxed)
    }
}

/// An in-memory screen for the explorer's loop (as swift-nio's EmbeddedChannel stands in for
/// a socket): a script of keys, resizes and pauses goes in, every drawn frame comes out. When
/// the loop waits for input, the script's pause is taken from the test clock, so a test of
/// seconds of replay runs in milliseconds and always the same way.
public final class TestScreen: Screen {
    /// One step of the script.
    public enum Step: Equatable {
        /// A key press.
        case key(Key)
        /// The terminal is resized.
        case resize(width: Int, height: Int)
        /// A mouse click on a cell.
        case click(column: Int, row: Int)
        /// No input for this long (the loop draws, training events arrive).
        case wait(milliseconds: Int)
        /// No input while this much real time passes (for the loop's background jobs); the
        /// test clock moves on as much.
        case sleep(milliseconds: Int)
    }

    /// The clock the loop reads.
    public let clock: TestClock
    /// Every frame drawn, in order.
    public private(set) var frames: [CellGrid] = []
    /// The clock time of each frame, milliseconds.
    public private(set) var frameTimes: [Double] = []
    /// Themes set, by name, in order.
    public private(set) var themes: [String] = []
    /// Set once `end()` was called.
    public private(set) var ended = false
    private var script: [Step]
    private var width: Int
    private var height: Int
    /// The colours this screen claims to show (256 by default, as tmux).
    public var depth: ColorDepth = .color256
    /// Reads after the script ran out (the loop should have quit by then).
    public private(set) var idleReads = 0

    /// A screen of `width` x `height` cells that plays `script`.
    public init(width: Int = 160, height: Int = 48, clock: TestClock = TestClock(), script: [Step]) {
        self.width = width
        self.height = height
        self.clock = clock
        self.script = script
    }

    /// Appends steps to the script.
    public func play(_ steps: [Step]) { script += steps }

    /// Keys typed as characters.
    public static func type(_ text: String) -> [Step] { text.map { .key(.character($0)) } }

    /// The script has been played to its end.
    public var isExhausted: Bool { script.isEmpty }

    /// The last frame as text, one line per row.
    public var lastText: String { frames.last?.text ?? "" }

    public var size: (width: Int, height: Int) { (width, height) }

    public func read(timeout milliseconds: Int) -> ScreenInput? {
        guard let step = script.first else {
            idleReads += 1
            clock.advance(milliseconds: max(1, milliseconds))
            return nil
        }
        switch step {
        case .key(let key):
            script.removeFirst()
            return .key(key)
        case .click(let column, let row):
            script.removeFirst()
            return .click(column: column, row: row)
        case .resize(let w, let h):
            script.removeFirst()
            width = w
            height = h
            return .resize(width: w, height: h)
        case .sleep(let ms):
            script.removeFirst()
            usleep(useconds_t(ms) * 1000)
            clock.advance(milliseconds: ms)
            return nil
        case .wait(let remaining):
            let spent = min(remaining, max(1, milliseconds))
            if milliseconds == 0 { return nil }
            clock.advance(milliseconds: spent)
            if spent >= remaining {
                script.removeFirst()
            } else {
                script[0] = .wait(milliseconds: remaining - spent)
            }
            return nil
        }
    }

    public func draw(_ grid: CellGrid) {
        frames.append(grid)
        frameTimes.append(Double(clock.now) / 1e6)
    }

    public func setTheme(_ theme: Theme) { themes.append(theme.name) }

    public func end() { ended = true }
}
