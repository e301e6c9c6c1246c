import Testing

@testable import Themes

/// Colour-depth detection from the environment and the terminal's colour count.
@Suite struct ColorDepthTests {
    @Test func noColorWins() {
        #expect(
            ColorDepth.detect(
                environment: ["NO_COLOR": "1", "COLORTERM": "truecolor", "TERM": "xterm-256color"],
                terminalColors: 256) == .none)
    }

    @Test func emptyNoColorIsIgnored() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "", "TERM": "xterm-256color"]) == .color256)
    }

    @Test func colorterm() {
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 8) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "24bit"]) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "yes", "TERM": "xterm"]) == .color8)
    }

    @Test func terminalColorCount() {
        #expect(ColorDepth.detect(environment: ["TERM": "xterm"], terminalColors: 256) == .color256)
        #expect(ColorDepth.detect(environment: ["TERM": "xterm-256color"], terminalColors: 8) == .color8)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 2) == .none)
    }

    @Test func termName() {
        #expect(ColorDepth.detect(environment: ["TERM": "xterm"]) == .color8)
        #expect(ColorDepth.detect(environment: ["TERM": "tmux-256color"]) == .color256)
        #expect(ColorDepth.detect(environment: ["TERM": "screen-256color"]) == .color256)
        #expect(ColorDepth.detect(environment: ["TERM": "dumb"]) == .none)
        #expect(ColorDepth.detect(environment: [:]) == .none)
    }
}
