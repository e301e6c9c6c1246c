import TermPlot

/// A colour theme (see themes/README.md).
public struct Theme: Sendable {}
