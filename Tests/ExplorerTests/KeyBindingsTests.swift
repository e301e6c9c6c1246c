import ExplorerTestSupport
import Testing

@testable import Explorer

@Suite("KeyBindings")
struct KeyBindingsTests {
    /// A state away from every limit, so each action has room to move.
    static var base: ExplorerState {
        var s = ExplorerState()
        s.mixtures = 5
        s.temperature = 1
        s.sigmaTemperature = 1
        s.themeCount = 3
        s.seed = 7
        s.width = 160
        s.height = 48
        s.history = TimelineFixtures.history(mse: 10, mdn: 8)
        return s
    }

    @Test("every key in the table drives update to its action's effect")
    func everyBindingDrivesUpdate() {
        for binding in KeyBindings.all {
            for key in binding.keys {
                var start = Self.base
                if binding.action == .closeOverlay { start.helpVisible = true }
                let (s, effects) = update(start, .key(key))
                switch binding.action {
                case .mixturesUp:
                    #expect(s.mixtures == 6 && effects == [.restartMDN(mixtures: 6)], "\(key)")
                case .mixturesDown:
                    #expect(s.mixtures == 4 && effects == [.restartMDN(mixtures: 4)], "\(key)")
                case .temperatureUp:
                    #expect(s.temperature == 1.25 && s.samplingGeneration == 1 && effects.isEmpty, "\(key)")
                case .temperatureDown:
                    #expect(s.temperature == 0.8 && s.samplingGeneration == 1 && effects.isEmpty, "\(key)")
                case .sigmaTemperatureUp:
                    #expect(s.sigmaTemperature == 1.25 && s.samplingGeneration == 1 && effects.isEmpty, "\(key)")
                case .sigmaTemperatureDown:
                    #expect(s.sigmaTemperature == 0.8 && s.samplingGeneration == 1 && effects.isEmpty, "\(key)")
                case .resetTemperatures:
                    // Already at 1: nothing to redraw.
                    #expect(s.temperature == 1 && s.sigmaTemperature == 1 && effects.isEmpty, "\(key)")
                case .nextView:
                    #expect(s.view == .sideBySide && effects.isEmpty, "\(key)")
                case .togglePause:
                    #expect(s.paused && effects == [.pause], "\(key)")
                case .restart:
                    #expect(s.seed == 8 && effects == [.restartAll(seed: 8)], "\(key)")
                case .export:
                    #expect(effects == [.export(start.exportFormats)], "\(key)")
                case .exportAnimation:
                    #expect(s.animationExport != nil && effects == [.exportAnimation(through: 10)], "\(key)")
                case .cycleCanvas:
                    #expect(s.canvas == .block && effects.isEmpty, "\(key)")
                case .epochEarlier:
                    #expect(s.viewedEpoch == 9 && effects.isEmpty, "\(key)")
                case .epochLater:
                    #expect(s.isLive && effects.isEmpty, "\(key): already live")
                case .firstEpoch:
                    #expect(s.viewedEpoch == 1 && effects.isEmpty, "\(key)")
                case .live:
                    #expect(s.isLive && effects.isEmpty, "\(key)")
                case .toggleReplay:
                    #expect(s.viewedEpoch == 1 && s.replay != nil && effects.isEmpty, "\(key)")
                case .replaySlower:
                    #expect(s.replaySpeed == 5 && effects.isEmpty, "\(key)")
                case .replayFaster:
                    #expect(s.replaySpeed == 25 && effects.isEmpty, "\(key)")
                case .cycleTheme:
                    #expect(s.themeIndex == 1 && effects == [.applyTheme(index: 1)], "\(key)")
                case .toggleHelp:
                    #expect(s.helpVisible && effects.isEmpty, "\(key)")
                case .closeOverlay:
                    #expect(!s.helpVisible && effects.isEmpty, "\(key)")
                case .toggleProfile:
                    #expect(s.profileVisible && effects.isEmpty, "\(key)")
                case .quit:
                    #expect(s.quitting && effects == [.quit], "\(key)")
                case .toggleInspector:
                    #expect(s.inspectorVisible && s.inspectorX == 0.5 && effects.isEmpty, "\(key)")
                case .cursorLeft, .cursorRight, .cursorLeftFar, .cursorRightFar:
                    // Before the first frame a step is 1% of the data's x range (0...1).
                    let steps: [ExplorerAction: Float] = [
                        .cursorLeft: -1, .cursorRight: 1, .cursorLeftFar: -10, .cursorRightFar: 10,
                    ]
                    let expected = 0.5 + steps[binding.action]! / 100
                    #expect(s.inspectorVisible && abs(s.cursorX - expected) < 1e-6 && effects.isEmpty, "\(key)")
                case .cycleAxes:
                    #expect(s.axisMode == .fitAll && effects.isEmpty, "\(key)")
                case .toggleData:
                    #expect(s.layers == [.mse, .samples] && effects.isEmpty, "\(key)")
                case .toggleMSE:
                    #expect(s.layers == [.data, .samples] && effects.isEmpty, "\(key)")
                case .toggleSamples:
                    #expect(s.layers == [.data, .mse] && effects.isEmpty, "\(key)")
                case .writeModels:
                    #expect(effects == [.writeModels], "\(key)")
                }
            }
        }
    }

    @Test("every action has a binding and no key is bound twice")
    func tableIsComplete() {
        let bound = Set(KeyBindings.all.map(\.action))
        #expect(bound == Set(ExplorerAction.allCases))
        let keys = KeyBindings.all.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test("the keys the issue names are bound")
    func requiredKeys() {
        let expected: [(Key, ExplorerAction)] = [
            (.character("K"), .mixturesUp), (.character("k"), .mixturesDown),
            (.character("]"), .mixturesUp), (.character("["), .mixturesDown),
            (.character("T"), .temperatureUp), (.character("t"), .temperatureDown),
            (.character("S"), .sigmaTemperatureUp), (.character("s"), .sigmaTemperatureDown),
            (.character("0"), .resetTemperatures), (.character("v"), .nextView),
            (.character(" "), .togglePause), (.character("r"), .restart), (.character("e"), .export),
            (.character("m"), .cycleCanvas), (.character("c"), .cycleTheme),
            (.character("?"), .toggleHelp), (.function(1), .toggleHelp), (.escape, .closeOverlay),
            (.character("q"), .quit), (.control("c"), .quit),
            (.character(","), .epochEarlier), (.character("."), .epochLater), (.home, .firstEpoch), (.end, .live),
            (.character("P"), .toggleReplay), (.character("-"), .replaySlower), (.character("+"), .replayFaster),
            (.character("="), .replayFaster), (.character("E"), .exportAnimation),
            (.character("i"), .toggleInspector), (.left(far: false), .cursorLeft), (.right(far: false), .cursorRight),
            (.left(far: true), .cursorLeftFar), (.right(far: true), .cursorRightFar), (.character("a"), .cycleAxes),
            (.character("1"), .toggleData), (.character("2"), .toggleMSE), (.character("3"), .toggleSamples),
            (.character("w"), .writeModels),
        ]
        for (key, action) in expected {
            #expect(KeyBindings.binding(for: key)?.action == action, "\(key)")
        }
    }

    @Test("an unbound key changes nothing but the status line, which says press ? for keys")
    func unboundKey() {
        var (s, effects) = update(Self.base, .key(.character("x")))
        #expect(s.statusMessage == "unknown key x: press ? for keys")
        #expect(effects.isEmpty)
        s.statusMessage = nil
        #expect(s == Self.base)
    }

    @Test("the help is modal: behind it only Esc, ? and q act")
    func helpIsModal() {
        var open = Self.base
        open.helpVisible = true
        for binding in KeyBindings.all {
            for key in binding.keys {
                let (s, effects) = update(open, .key(key))
                switch binding.action {
                case .toggleHelp, .closeOverlay:
                    #expect(!s.helpVisible && effects.isEmpty, "\(key)")
                case .quit:
                    #expect(s.quitting && effects == [.quit], "\(key)")
                default:
                    #expect(s == open && effects.isEmpty, "\(key) acted behind the help")
                }
            }
        }
        // Unknown keys and clicks do nothing behind it either.
        #expect(update(open, .key(.character("x"))).0 == open)
        #expect(update(open, .click(column: 10, row: 10)).0 == open)
    }

    @Test("help has one line per binding, built from the table")
    func helpFromTable() {
        let lines = KeyBindings.helpLines
        #expect(lines.count == KeyBindings.all.count)
        for (line, binding) in zip(lines, KeyBindings.all) {
            #expect(line.hasPrefix(binding.keyLabel))
            #expect(line.hasSuffix(binding.summary))
        }
        #expect(lines.contains { $0.hasPrefix("q Ctrl-C") })
        #expect(lines.contains { $0.hasPrefix("? F1") })
        #expect(lines.contains { $0.hasPrefix("space") })
    }

    @Test("hint bar lists exactly the bindings that have a hint, in order")
    func hintBarFromTable() {
        let hints = KeyBindings.all.compactMap(\.hint)
        #expect(KeyBindings.hintBar == hints.joined(separator: "  "))
        #expect(KeyBindings.hintBar.contains("? help"))
        #expect(KeyBindings.hintBar.contains("q quit"))
    }
}
