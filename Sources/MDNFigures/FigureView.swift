/// The one view vocabulary: what the explorer's main plot (`v`, `--view`) and `mdnx plot
/// --view` draw. Both accept the same names.
public enum FigureView: String, Hashable, Sendable, CaseIterable {
    /// Data, the MSE mean curve and MDN samples in one panel.
    case overlay
    /// Ground truth | MSE prediction | MDN samples, on the same axes (the tutorial's last figure).
    case sideBySide = "side-by-side"
    /// The MDN's p(y|x) as a heatmap, data on top.
    case density
    /// Component means mu_k(x), brighter where pi_k(x) is larger, and a strip of pi_k(x).
    case components

    /// Other spellings accepted on the command line: `side` (the explorer's old name).
    public static let aliases: [String: FigureView] = ["side": .sideBySide]

    /// Every accepted name: the canonical names, then the aliases.
    public static var acceptedNames: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }

    /// The view for a canonical name or an alias, or nil.
    public init?(name: String) {
        guard let view = FigureView(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = view
    }

    /// The title shown in the explorer's view tab and help.
    public var title: String {
        switch self {
        case .overlay: "overlay"
        case .sideBySide: "side by side"
        case .density: "density p(y|x)"
        case .components: "components"
        }
    }

    /// The next view in the cycle.
    public var next: FigureView {
        let all = Self.allCases
        let i = all.firstIndex(of: self) ?? 0
        return all[(i + 1) % all.count]
    }

    /// Whether the view shows nothing of its own without an MDN (`mdnx plot` refuses it).
    public var needsMDN: Bool { self == .density || self == .components }
}
